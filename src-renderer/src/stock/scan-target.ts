// What a scanned or typed code means for the stock and consume screens: a part, a bin (or a whole
// warehouse), a person's badge, a work order, or text to search parts by.
import type { LookupMatch, LookupResult } from '../../../src-preload/contract/lookup.ts';

export type ScanTarget =
  | { kind: 'part'; id: string; title: string; sku: string }
  | { kind: 'bin'; warehouseId: string; warehouseCode: string; bin: string; title: string }
  | { kind: 'warehouse'; warehouseId: string; title: string }
  | { kind: 'person'; id: string; title: string }
  | { kind: 'work_order'; id: string; title: string; code: string }
  | { kind: 'search'; text: string; message: string | null };

const BIN_TITLE = /^Bin (.+)$/;

function fromMatch(match: LookupMatch): ScanTarget | null {
  switch (match.kind) {
    case 'part':
      return { kind: 'part', id: match.id, title: match.title, sku: match.subtitle.split(' · ')[0] ?? '' };
    case 'location': {
      const bin = match.matchedBy === 'bin label' ? BIN_TITLE.exec(match.title)?.[1] : undefined;
      return bin
        ? {
            kind: 'bin',
            warehouseId: match.id,
            warehouseCode: match.subtitle.split(' · ')[0] ?? '',
            bin,
            title: `${match.title} · ${match.subtitle}`,
          }
        : { kind: 'warehouse', warehouseId: match.id, title: match.title };
    }
    case 'user':
      return { kind: 'person', id: match.id, title: match.title };
    case 'work_order':
      return {
        kind: 'work_order',
        id: match.id,
        title: match.title,
        code: match.subtitle.split(' · ')[0] ?? match.subtitle,
      };
    default:
      return null;
  }
}

/** The one thing a lookup found; several or none: search parts by the text. */
export function scanTarget(result: LookupResult): ScanTarget {
  const targets = result.matches.map(fromMatch).filter((t) => t !== null);
  const [only] = targets;
  if (targets.length === 1 && only) return only;
  const message =
    targets.length > 1
      ? `${result.code} matches ${targets.length} things; showing parts that match it.`
      : result.message;
  return { kind: 'search', text: result.code, message };
}
