// stock.movements: the movement history of a part, of a warehouse bin or of a technician's wallet,
// newest first, from the mirror of stock_movements (the station's site only). Each filter walks its
// own index backwards: stock_movements(part_id, occurred_at), (location_id, bin_location,
// occurred_at), (technician_id, occurred_at); the cursor is (occurred_at, id). Names come from
// primary-key lookups.
import type { CacheDb } from '../../cache/db.ts';
import type { z } from 'zod';
import type { movementSchema } from '../../../src-preload/contract/stock/reads.ts';
import { requireSiteWarehouse } from '../../ops/cache-lookups.ts';
import { OpError } from '../../core/errors.ts';
import { decodeCursor, encodeCursor } from '../../core/keyset-cursor.ts';
import { requirePartRow } from './part-stock.ts';

type Movement = z.infer<typeof movementSchema>;

export interface MovementsInput {
  part_id?: string | undefined;
  location_id?: string | undefined;
  bin_location?: string | undefined;
  technician_id?: string | undefined;
  after?: string | undefined;
  limit: number;
}

type Row = Omit<Movement, 'from_this_station'> & { station_id: string };

function filterOf(
  db: CacheDb,
  siteId: string,
  input: MovementsInput,
): { where: string; args: string[]; index: string } {
  if (input.part_id !== undefined) {
    requirePartRow(db, input.part_id);
    return { where: 'm.part_id = ?', args: [input.part_id], index: 'stock_movements_part_idx' };
  }
  if (input.technician_id !== undefined) {
    const role = db.prepare('SELECT role FROM users WHERE id = ?').pluck().get(input.technician_id) as
      string | undefined;
    if (role === undefined) throw new OpError('unknown_technician', 'That technician does not exist.');
    return {
      where: 'm.technician_id = ?',
      args: [input.technician_id],
      index: 'stock_movements_technician_idx',
    };
  }
  const warehouse = requireSiteWarehouse(db, input.location_id ?? '', siteId);
  return {
    where: 'm.location_id = ? AND m.bin_location = ?',
    args: [warehouse.id, input.bin_location ?? ''],
    index: 'stock_movements_bin_idx',
  };
}

export function stockMovements(
  db: CacheDb,
  scope: { siteId: string; stationId: string },
  input: MovementsInput,
): { rows: Movement[]; next: string | null } {
  const filter = filterOf(db, scope.siteId, input);
  const cursor = decodeCursor(input.after, { t: 'string', id: 'string' });
  const where = [filter.where];
  const args = [...filter.args];
  if (cursor) {
    where.push('m.occurred_at <= ? AND (m.occurred_at < ? OR m.id < ?)');
    args.push(String(cursor.t), String(cursor.t), String(cursor.id));
  }
  const rows = db
    .prepare(
      `SELECT m.id, m.op_id, m.station_id, m.movement_type, m.occurred_at, m.part_id, p.sku,
              p.name AS part_name, p.unit, m.location_id, l.code AS warehouse_code, m.bin_location,
              m.technician_id, t.full_name AS technician_name, m.wo_id, w.code AS wo_code, m.qty_delta,
              m.qty_after, m.wallet_qty_after, m.unit_cost, m.supplier_ref, m.reason,
              b.full_name AS performed_by_name
         FROM stock_movements m INDEXED BY ${filter.index}
         LEFT JOIN parts p ON p.id = m.part_id
         LEFT JOIN locations l ON l.id = m.location_id
         LEFT JOIN users t ON t.id = m.technician_id
         LEFT JOIN work_orders w ON w.id = m.wo_id
         LEFT JOIN users b ON b.id = m.performed_by_user_id
        WHERE ${where.join(' AND ')}
        ORDER BY m.occurred_at DESC, m.id DESC LIMIT ?`,
    )
    .all(...args, input.limit + 1) as Row[];
  const pageRows = rows.slice(0, input.limit);
  const last = pageRows[pageRows.length - 1];
  return {
    rows: pageRows.map(({ station_id, ...row }) => ({
      ...row,
      from_this_station: station_id === scope.stationId,
    })),
    next: rows.length > input.limit && last ? encodeCursor({ t: last.occurred_at, id: last.id }) : null,
  };
}
