// stock.byBin: the stock rows of one warehouse of the site (optionally one bin) in (bin, id) order
// through inventory_stock(location_id, bin_location), with part details by primary key. Bins that
// hold a part only through a pending receipt or return are merged in after the bin's real rows
// (their sort key is '~' + part id, above any uuid). Pending effects are read once per call for
// the whole entity (bounded by the queued operations, not by the mirror's size).
import type { CacheDb } from '../../cache/db.ts';
import type { z } from 'zod';
import { QUARANTINE_BIN } from '../../../src-preload/contract/stock/operations.ts';
import type { binStockRowSchema } from '../../../src-preload/contract/stock/reads.ts';
import { requireSiteWarehouse, type LocationRow } from '../../ops/cache-lookups.ts';
import { decodeCursor, encodeCursor } from '../../core/keyset-cursor.ts';
import { round3 } from '../../core/quantity.ts';
import { allEffects, groupByKey, splitStockKey, summarise, type Effect } from './pending.ts';

type BinStockRow = z.infer<typeof binStockRowSchema>;

interface Row {
  stock_id: string | null;
  part_id: string;
  sku: string | null;
  name: string | null;
  unit: string | null;
  min_level: number | null;
  bin_location: string;
  qty_on_hand: number;
}

interface Keyed {
  row: Row;
  /** Order within a bin: the stock row id, or '~' + part id for a pending-only row. */
  sort: string;
}

export interface ByBinInput {
  location_id: string;
  bin_location?: string | undefined;
  after?: string | undefined;
  limit: number;
}

function before(a: Keyed, b: Keyed): number {
  if (a.row.bin_location !== b.row.bin_location) return a.row.bin_location < b.row.bin_location ? -1 : 1;
  return a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0;
}

export function stockByBin(
  db: CacheDb,
  siteId: string,
  input: ByBinInput,
): { warehouse: Pick<LocationRow, 'id' | 'code' | 'name'>; rows: BinStockRow[]; next: string | null } {
  const warehouse = requireSiteWarehouse(db, input.location_id, siteId);
  const cursor = decodeCursor(input.after, { b: 'string', k: 'string' });
  const where = ['s.location_id = ?'];
  const args: (string | number)[] = [warehouse.id];
  if (input.bin_location !== undefined) {
    where.push('s.bin_location = ?');
    args.push(input.bin_location);
  }
  if (cursor) {
    where.push('s.bin_location >= ? AND (s.bin_location > ? OR s.id > ?)');
    args.push(cursor.b, cursor.b, cursor.k);
  }
  const real = db
    .prepare(
      `SELECT s.id AS stock_id, s.part_id, p.sku, p.name, p.unit, p.min_level, s.bin_location, s.qty_on_hand
         FROM inventory_stock s LEFT JOIN parts p ON p.id = s.part_id
        WHERE ${where.join(' AND ')}
        ORDER BY s.bin_location, s.id LIMIT ?`,
    )
    .all(...args, input.limit + 1) as Row[];

  const effects = allEffects(db, 'stock').filter((e) => {
    const key = splitStockKey(e.key);
    return (
      key.locationId === warehouse.id && (input.bin_location === undefined || key.bin === input.bin_location)
    );
  });
  const pending = groupByKey(effects);
  const rows: Keyed[] = real.map((row) => ({ row, sort: row.stock_id ?? '' }));
  rows.push(...pendingOnly(db, pending, warehouse.id, cursor));
  rows.sort(before);

  const pageRows = rows.slice(0, input.limit);
  const last = pageRows[pageRows.length - 1];
  return {
    warehouse: { id: warehouse.id, code: warehouse.code, name: warehouse.name },
    rows: pageRows.map(({ row }) => {
      const p = summarise(pending.get(`${row.part_id}|${warehouse.id}|${row.bin_location}`) ?? []);
      return {
        stock_id: row.stock_id,
        part_id: row.part_id,
        sku: row.sku ?? '?',
        name: row.name ?? 'Unknown part',
        unit: row.unit ?? 'piece',
        min_level: row.min_level ?? 0,
        bin_location: row.bin_location,
        qty_on_hand: row.qty_on_hand,
        pending: p,
        qty_shown: round3(row.qty_on_hand + p.delta),
        is_quarantine: row.bin_location === QUARANTINE_BIN,
      };
    }),
    next: rows.length > input.limit && last ? encodeCursor({ b: last.row.bin_location, k: last.sort }) : null,
  };
}

/** Rows for (part, bin) pairs of the warehouse that have pending effects but no stock row, after the cursor. */
function pendingOnly(
  db: CacheDb,
  pending: Map<string, Effect[]>,
  locationId: string,
  cursor: { b: string | number; k: string | number } | undefined,
): Keyed[] {
  const exists = db.prepare(
    'SELECT 1 FROM inventory_stock WHERE location_id = ? AND bin_location = ? AND part_id = ?',
  );
  const part = db.prepare('SELECT sku, name, unit, min_level FROM parts WHERE id = ?');
  const rows: Keyed[] = [];
  for (const key of pending.keys()) {
    const { partId, bin } = splitStockKey(key);
    const sort = `~${partId}`;
    if (cursor && (bin < String(cursor.b) || (bin === cursor.b && sort <= String(cursor.k)))) continue;
    if (exists.get(locationId, bin, partId) !== undefined) continue;
    const details = part.get(partId) as Pick<Row, 'sku' | 'name' | 'unit' | 'min_level'> | undefined;
    rows.push({
      row: {
        stock_id: null,
        part_id: partId,
        sku: details?.sku ?? null,
        name: details?.name ?? null,
        unit: details?.unit ?? null,
        min_level: details?.min_level ?? null,
        bin_location: bin,
        qty_on_hand: 0,
      },
      sort,
    });
  }
  return rows;
}
