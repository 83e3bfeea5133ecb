// A part with its stock at the station's site: the cache holds only the site's warehouses
// (src-main/cache/sync-scope.ts), so the part's inventory_stock rows, read through the part_id
// index, are the site's stock. QUARANTINE bins hold defective returns and are not usable stock.
import type { CacheDb } from '../../cache/db.ts';
import { QUARANTINE_BIN } from '../../../src-preload/contract/stock/operations.ts';
import type { PartStock } from '../../../src-preload/contract/stock/reads.ts';
import { OpError } from '../../core/errors.ts';
import { round3 } from '../../core/quantity.ts';
import { effectsWithPrefix, splitStockKey, summarise } from './pending.ts';

export interface PartRow {
  id: string;
  sku: string;
  name: string;
  category: string | null;
  unit: string;
  barcode: string | null;
  min_level: number;
  is_active: number;
}

export const PART_COLUMNS = 'p.id, p.sku, p.name, p.category, p.unit, p.barcode, p.min_level, p.is_active';

export function requirePartRow(db: CacheDb, partId: string): PartRow {
  const part = db.prepare(`SELECT ${PART_COLUMNS} FROM parts p WHERE p.id = ?`).get(partId) as
    PartRow | undefined;
  if (!part) throw new OpError('unknown_part', 'That part is not in the catalogue.');
  return part;
}

interface Totals {
  usable: number;
  quarantine: number;
  bins: number;
}

/** The part's server quantities at the site, one index range of inventory_stock(part_id). */
export function stockTotals(db: CacheDb, partId: string): Totals {
  return db
    .prepare(
      `SELECT coalesce(sum(CASE WHEN bin_location <> '${QUARANTINE_BIN}' THEN qty_on_hand END), 0) AS usable,
              coalesce(sum(CASE WHEN bin_location = '${QUARANTINE_BIN}' THEN qty_on_hand END), 0) AS quarantine,
              count(*) AS bins
         FROM inventory_stock WHERE part_id = ?`,
    )
    .get(partId) as Totals;
}

/** The part with its usable stock, the pending effects on it and whether it is below min_level. */
export function partStock(db: CacheDb, part: PartRow, totals = stockTotals(db, part.id)): PartStock {
  const effects = effectsWithPrefix(db, 'stock', `${part.id}|`).filter(
    (e) => splitStockKey(e.key).bin !== QUARANTINE_BIN,
  );
  const pending = summarise(effects);
  const shown = round3(totals.usable + pending.delta);
  return {
    id: part.id,
    sku: part.sku,
    name: part.name,
    category: part.category,
    unit: part.unit,
    barcode: part.barcode,
    min_level: part.min_level,
    is_active: part.is_active === 1,
    qty_on_hand: round3(totals.usable),
    qty_quarantine: round3(totals.quarantine),
    pending,
    qty_shown: shown,
    bin_count: totals.bins,
    is_low: part.min_level > 0 && shown < part.min_level,
  };
}
