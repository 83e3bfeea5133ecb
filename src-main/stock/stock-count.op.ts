// stock.count: a cycle count of one bin, with a mandatory reason. The station books the
// difference between the count and what it shows for the bin (mirror plus pending) as a pending
// effect, so its screens show the counted quantity at once. The server sets the bin to the counted
// quantity when it applies the operation and books the difference to ITS quantity then: if the
// bin moved meanwhile (another counter issued from it), the count wins. The next pull brings the
// server's result.
import { formatQty } from '../core/quantity.ts';
import { checkQuantity, requirePart, requireSiteWarehouse } from '../ops/cache-lookups.ts';
import { round3 } from '../core/quantity.ts';
import { shownBinQty } from '../ops/stock-levels.ts';
import type { OperationHandler } from '../ops/operation-type.ts';
import { addEffect, stockKey } from '../ops/overlay.ts';

export const stockCount: OperationHandler<'stock.count'> = {
  summarize(payload, db) {
    const sku = requirePart(db, payload.part_id).sku;
    return `Count ${sku} in bin ${payload.bin_location}: ${formatQty(payload.counted_qty)} (${payload.reason})`;
  },
  applyLocal(ctx, payload) {
    const part = requirePart(ctx.db, payload.part_id);
    const warehouse = requireSiteWarehouse(ctx.db, payload.location_id, ctx.station.siteId);
    checkQuantity(part, payload.counted_qty, 'The counted quantity');
    const shown = shownBinQty(ctx.db, part.id, warehouse.id, payload.bin_location);
    const delta = round3(payload.counted_qty - shown);
    addEffect(ctx.db, ctx.opId, 'stock', stockKey(part.id, warehouse.id, payload.bin_location), delta, {
      counted_qty: payload.counted_qty,
      shown_qty: shown,
    });
  },
};
