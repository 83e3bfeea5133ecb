// stock.warehouses: the station site's warehouses with their number of bins. The bins are counted
// by skipping through the inventory_stock(location_id, bin_location) index: one seek per distinct
// bin, in one recursive statement, so the cost follows the number of bins, not of stock rows.
// (Counting the stock rows too would read the warehouse's whole index range: ~150 ms at 1,000,000.)
import type { CacheDb } from '../../cache/db.ts';
import type { z } from 'zod';
import type { warehouseSchema } from '../../../src-preload/contract/stock/reads.ts';
import { allEffects, splitStockKey } from './pending.ts';

type Warehouse = z.infer<typeof warehouseSchema>;

export function siteWarehouses(db: CacheDb, siteId: string): Warehouse[] {
  const warehouses = db
    .prepare(
      `SELECT id, code, name, is_active FROM locations WHERE site_id = ? AND type = 'warehouse' ORDER BY code, id`,
    )
    .all(siteId) as { id: string; code: string; name: string; is_active: number }[];
  const binCount = db
    .prepare(
      `WITH RECURSIVE bins (bin) AS (
         SELECT min(bin_location) FROM inventory_stock WHERE location_id = @location
         UNION ALL
         SELECT (SELECT min(bin_location) FROM inventory_stock WHERE location_id = @location AND bin_location > bins.bin)
           FROM bins WHERE bins.bin IS NOT NULL)
       SELECT count(bin) FROM bins`,
    )
    .pluck();
  const opsByWarehouse = new Map<string, Set<string>>();
  for (const effect of allEffects(db, 'stock')) {
    const { locationId } = splitStockKey(effect.key);
    const ops = opsByWarehouse.get(locationId) ?? new Set<string>();
    ops.add(effect.op_id);
    opsByWarehouse.set(locationId, ops);
  }
  return warehouses.map((w) => {
    return {
      id: w.id,
      code: w.code,
      name: w.name,
      is_active: w.is_active === 1,
      bin_count: binCount.get({ location: w.id }) as number,
      pending_ops: opsByWarehouse.get(w.id)?.size ?? 0,
    };
  });
}
