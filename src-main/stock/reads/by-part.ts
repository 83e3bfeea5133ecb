// stock.byPart: every bin of the station's site that holds the part (inventory_stock(part_id)
// index), with the pending effects per bin, including bins that exist only through a pending
// receipt or return, and the rejected operations about the part that nobody acknowledged yet.
import type { CacheDb } from '../../cache/db.ts';
import { QUARANTINE_BIN } from '../../../src-preload/contract/stock/operations.ts';
import type { PartBin, PartStock, RejectedOp } from '../../../src-preload/contract/stock/reads.ts';
import { round3 } from '../../core/quantity.ts';
import { partStock, requirePartRow, stockTotals } from './part-stock.ts';
import { effectsWithPrefix, groupByKey, NO_PENDING, splitStockKey, summarise } from './pending.ts';
import { rejectedFor } from './rejected.ts';

interface BinRow {
  stock_id: string | null;
  location_id: string;
  warehouse_code: string | null;
  warehouse_name: string | null;
  bin_location: string;
  qty_on_hand: number;
}

function compareBins(a: PartBin, b: PartBin): number {
  const left = `${a.warehouse_code}\u0000${a.bin_location}`;
  const right = `${b.warehouse_code}\u0000${b.bin_location}`;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function stockByPart(
  db: CacheDb,
  partId: string,
): { part: PartStock; bins: PartBin[]; rejected: RejectedOp[] } {
  const part = requirePartRow(db, partId);
  const rows = db
    .prepare(
      `SELECT s.id AS stock_id, s.location_id, l.code AS warehouse_code, l.name AS warehouse_name,
              s.bin_location, s.qty_on_hand
         FROM inventory_stock s LEFT JOIN locations l ON l.id = s.location_id
        WHERE s.part_id = ?`,
    )
    .all(partId) as BinRow[];
  const pending = groupByKey(effectsWithPrefix(db, 'stock', `${partId}|`));
  const seen = new Set<string>();
  const bins: PartBin[] = rows.map((row) => {
    const key = `${partId}|${row.location_id}|${row.bin_location}`;
    seen.add(key);
    return toBin(row, summarise(pending.get(key) ?? []));
  });
  const warehouse = db.prepare('SELECT code, name FROM locations WHERE id = ?');
  for (const [key, effects] of pending) {
    if (seen.has(key)) continue;
    const { locationId, bin } = splitStockKey(key);
    const l = warehouse.get(locationId) as { code: string; name: string } | undefined;
    const row: BinRow = {
      stock_id: null,
      location_id: locationId,
      warehouse_code: l?.code ?? null,
      warehouse_name: l?.name ?? null,
      bin_location: bin,
      qty_on_hand: 0,
    };
    bins.push(toBin(row, summarise(effects)));
  }
  return {
    part: partStock(db, part, stockTotals(db, partId)),
    bins: bins.sort(compareBins),
    rejected: rejectedFor(db, 'part_id', partId),
  };
}

function toBin(row: BinRow, pending = NO_PENDING): PartBin {
  return {
    stock_id: row.stock_id,
    location_id: row.location_id,
    warehouse_code: row.warehouse_code ?? '?',
    warehouse_name: row.warehouse_name ?? 'Unknown warehouse',
    bin_location: row.bin_location,
    qty_on_hand: row.qty_on_hand,
    pending,
    qty_shown: round3(row.qty_on_hand + pending.delta),
    is_quarantine: row.bin_location === QUARANTINE_BIN,
  };
}
