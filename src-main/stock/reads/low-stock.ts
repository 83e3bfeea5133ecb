// stock.lowStock: active parts with a min_level whose usable stock at the site plus what is
// pending is below it, in SKU order.
//
// Design (measured in test/bench/stock-queries.bench.ts): parts are walked lazily in SKU order
// through parts(sku), skipping those without a min_level; each candidate's usable stock is one
// range of inventory_stock(part_id) (a correlated sum in the same statement) and its pending delta
// one range of pending_effects(entity, key). The walk stops as soon as a page is full or after
// SCAN_BUDGET candidates, so one call costs at most SCAN_BUDGET x (stock rows per part) row reads,
// whatever the size of the catalogue: with 1,000,000 stock rows over 100,000 parts that is about
// 10 x SCAN_BUDGET reads. A short page with a non-null `next` means "examined SCAN_BUDGET parts,
// ask again"; the cursor is the last part examined. Worst-first ordering would need every part's
// sum before the first row (the whole site's stock: a full pass over inventory_stock), so the list
// is in SKU order and a screen sorts the rows it has loaded by shortfall if it wants to.
import type { CacheDb } from '../../cache/db.ts';
import type { z } from 'zod';
import { QUARANTINE_BIN } from '../../../src-preload/contract/stock/operations.ts';
import type { lowStockRowSchema } from '../../../src-preload/contract/stock/reads.ts';
import { decodeCursor, encodeCursor } from '../../core/keyset-cursor.ts';
import { round3 } from '../../core/quantity.ts';
import { PART_COLUMNS, partStock, type PartRow } from './part-stock.ts';

type LowStockRow = z.infer<typeof lowStockRowSchema>;

export const SCAN_BUDGET = 1_000;

interface Candidate extends PartRow {
  usable: number;
  quarantine: number;
  bins: number;
  pending: number;
}

function candidatesSql(withCursor: boolean): string {
  return `SELECT ${PART_COLUMNS},
      (SELECT coalesce(sum(qty_on_hand), 0) FROM inventory_stock s
        WHERE s.part_id = p.id AND s.bin_location <> '${QUARANTINE_BIN}') AS usable,
      (SELECT coalesce(sum(delta), 0) FROM pending_effects e
        WHERE e.entity = 'stock' AND e.key >= p.id || '|' AND e.key < p.id || '}'
          AND e.key NOT LIKE '%|${QUARANTINE_BIN}') AS pending
    FROM parts p
   WHERE p.min_level > 0 AND p.is_active = 1
     ${withCursor ? 'AND p.sku >= ? AND (p.sku > ? OR p.id > ?)' : ''}
   ORDER BY p.sku, p.id`;
}

export function lowStock(
  db: CacheDb,
  input: { after?: string | undefined; limit: number },
  budget = SCAN_BUDGET,
): { rows: LowStockRow[]; next: string | null; scanned: number } {
  const cursor = decodeCursor(input.after, { k: 'string', id: 'string' });
  const statement = db.prepare(candidatesSql(cursor !== undefined));
  const args = cursor ? [cursor.k, cursor.k, cursor.id] : [];
  const low: Candidate[] = [];
  let scanned = 0;
  let last: Candidate | undefined;
  let more = false;
  for (const row of statement.iterate(...args) as IterableIterator<Candidate>) {
    if (low.length === input.limit || scanned === budget) {
      more = true;
      break;
    }
    scanned++;
    last = row;
    if (round3(row.usable + row.pending) < row.min_level) low.push(row);
  }
  const rows = low.map((part) => {
    const stock = partStock(db, part);
    return { ...stock, shortfall: round3(part.min_level - stock.qty_shown) };
  });
  return { rows, next: more && last ? encodeCursor({ k: last.sku, id: last.id }) : null, scanned };
}
