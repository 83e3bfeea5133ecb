// Which structured item (the core's union by kind, src-preload/contract/lookup.ts) a looked-up code
// gives a screen that takes some kinds, or why it gives none. Screens act on the item's fields; no
// display string is read back.
import type { LookupResult, ScanItem, ScanItemKind } from '../../../src-preload/contract/lookup.ts';
import { KIND_LABELS } from '../util/labels.ts';

export type RouteResult = { ok: true; item: ScanItem; title: string } | { ok: false; message: string };

const KIND_WORDS: { readonly [K in ScanItemKind]: string } = {
  asset: 'an asset',
  part: 'a part',
  bin: 'a bin',
  warehouse: 'a warehouse',
  location: 'a location',
  person: 'a technician’s badge',
  work_order: 'a work order',
  shipment: 'a gate pass',
};

export function describeTargets(accepts: readonly ScanItemKind[]): string {
  const words = accepts.map((kind) => KIND_WORDS[kind]);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words.at(-1) ?? ''}`;
}

/**
 * The one item of an accepted kind the lookup found, with the words that say what was scanned. A
 * bin label held by several warehouses is taken in the warehouse already chosen on the screen.
 */
export function routeScan(
  result: LookupResult,
  accepts: readonly ScanItemKind[],
  warehouseId: string | null = null,
): RouteResult {
  let usable = result.matches.filter((match) => accepts.includes(match.item.kind));
  if (usable.length > 1 && warehouseId !== null) {
    const inWarehouse = usable.filter((m) => m.item.kind === 'bin' && m.item.warehouseId === warehouseId);
    if (inWarehouse.length === 1) usable = inWarehouse;
  }
  const [first] = usable;
  if (usable.length === 1 && first) {
    const title = first.item.kind === 'bin' ? `${first.title} · ${first.subtitle}` : first.title;
    return { ok: true, item: first.item, title };
  }
  if (usable.length > 1) {
    const bins = usable.every((m) => m.item.kind === 'bin');
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
  warehouse: { id: string; name: string },
  warehouses: readonly { id: string }[] | undefined,
  take: (warehouseId: string) => void,
): string | null {
  if (!warehouses?.some((w) => w.id === warehouse.id))
    return `${warehouse.name} is not a warehouse of this site.`;
  take(warehouse.id);
  return null;
}
