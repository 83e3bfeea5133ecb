// stock.receive: one receipt of several lines into bins of the station's warehouses.
import type { OperationDefinition } from './operation-type.ts';
import { checkQuantity, formatQty, requirePart, requireSiteWarehouse } from './cache-lookups.ts';
import { addEffect, stockKey } from './overlay.ts';

export const stockReceive: OperationDefinition<'stock.receive'> = {
  type: 'stock.receive',
  roles: ['storekeeper', 'manager', 'admin'],
  summarize(payload, db) {
    const first = payload.lines[0];
    const sku = first ? requirePart(db, first.part_id).sku : '';
    const more = payload.lines.length > 1 ? ` and ${payload.lines.length - 1} more line(s)` : '';
    return `Receive ${formatQty(first?.qty ?? 0)} x ${sku}${more}`;
  },
  applyLocal(ctx, payload) {
    payload.lines.forEach((line, index) => {
      const part = requirePart(ctx.db, line.part_id);
      const warehouse = requireSiteWarehouse(ctx.db, line.location_id, ctx.station.siteId);
      checkQuantity(part, line.qty, `Line ${index + 1}: the quantity`);
      addEffect(ctx.db, ctx.opId, 'stock', stockKey(part.id, warehouse.id, line.bin_location), line.qty);
    });
  },
};
