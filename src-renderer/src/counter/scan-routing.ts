// Which field of a counter screen a looked-up code fills: a part, a bin (a bin label, alone or
// after its warehouse's code), a warehouse (its location code), a technician (a badge) or a work
// order, or why it fills none (the core's message when nothing matches).
import type { LookupMatch, LookupResult } from '../../../src-preload/contract/lookup.ts';
import { KIND_LABELS } from '../util/labels.ts';

export type ScanTarget = 'part' | 'bin' | 'warehouse' | 'technician' | 'work_order';

export type RoutedScan =
  | { target: 'part'; id: string; title: string }
  | { target: 'bin'; warehouseId: string; bin: string; title: string }
  | { target: 'warehouse'; warehouseId: string; title: string }
  | { target: 'technician'; id: string; title: string }
  | { target: 'work_order'; id: string; title: string };

export type RouteResult = { ok: true; routed: RoutedScan } | { ok: false; message: string };

const TARGET_WORDS: Record<ScanTarget, string> = {
  part: 'a part',
  bin: 'a bin',
  warehouse: 'a warehouse',
  technician: 'a technician’s badge',
  work_order: 'a work order',
};

function toRouted(match: LookupMatch): RoutedScan | null {
  switch (match.kind) {
    case 'part':
      return { target: 'part', id: match.id, title: match.title };
    case 'location':
      if (match.matchedBy === 'bin label') {
        return {
          target: 'bin',
          warehouseId: match.id,
          bin: match.title.replace(/^Bin /, ''),
          title: `${match.title} · ${match.subtitle}`,
        };
      }
      return { target: 'warehouse', warehouseId: match.id, title: match.title };
    case 'user':
      return { target: 'technician', id: match.id, title: match.title };
    case 'work_order':
      return { target: 'work_order', id: match.id, title: match.title };
    case 'asset':
    case 'shipment':
      return null;
  }
}

export function describeTargets(accepts: readonly ScanTarget[]): string {
  const words = accepts.map((target) => TARGET_WORDS[target]);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words.at(-1) ?? ''}`;
}

/**
 * The one thing of an accepted kind the lookup found. A bin label held by several warehouses is
 * taken in the warehouse already chosen on the screen, if any.
 */
export function routeScan(
  result: LookupResult,
  accepts: readonly ScanTarget[],
  warehouseId: string | null,
): RouteResult {
  const routed = result.matches.map(toRouted).filter((r): r is RoutedScan => r !== null);
  let usable = routed.filter((r) => accepts.includes(r.target));
  if (usable.length > 1 && warehouseId !== null) {
    const inWarehouse = usable.filter((r) => r.target === 'bin' && r.warehouseId === warehouseId);
    if (inWarehouse.length === 1) usable = inWarehouse;
  }
  const [first] = usable;
  if (usable.length === 1 && first) return { ok: true, routed: first };
  if (usable.length > 1) {
    const bins = usable.every((r) => r.target === 'bin');
    return {
      ok: false,
      message: bins
        ? `${result.code} is a bin in several warehouses; choose the warehouse first, or scan the warehouse’s code with it (WH-1/${result.code}).`
        : `${result.code} matches several things; scan the item’s own label.`,
    };
  }
  const [other] = result.matches;
  if (other) {
    return {
      ok: false,
      message: `${result.code} is a ${KIND_LABELS[other.kind].toLowerCase()} (${other.title}); scan ${describeTargets(accepts)} here.`,
    };
  }
  return { ok: false, message: result.message ?? `${result.code}: nothing has this code.` };
}

/**
 * A scanned warehouse label: taken (`take` gets its id) when it is one of this site's warehouses,
 * otherwise refused with the reason, which the scan field shows.
 */
export function takeWarehouseScan(
  routed: { warehouseId: string; title: string },
  warehouses: readonly { id: string }[] | undefined,
  take: (warehouseId: string) => void,
): string | null {
  if (!warehouses?.some((w) => w.id === routed.warehouseId))
    return `${routed.title} is not a warehouse of this site.`;
  take(routed.warehouseId);
  return null;
}
