// stock.receive: one receipt of several lines into bins of the station's warehouses (never into
// the quarantine bin). A line's unit cost and the receipt's supplier reference go into the
// server's movement history; they change no quantity, so they leave no pending effect.
import { QUARANTINE_BIN } from '../../src-preload/contract/stock/operations.ts';
import type { OperationHandler } from '../ops/operation-type.ts';
import { formatQty } from '../core/quantity.ts';
import { checkQuantity, requirePart, requireSiteWarehouse } from '../ops/cache-lookups.ts';
import { OpError } from '../core/errors.ts';
import { addEffect, stockKey } from '../ops/overlay.ts';

export const stockReceive: OperationHandler<'stock.receive'> = {
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
      if (line.bin_location === QUARANTINE_BIN) {
        throw new OpError(
          'quarantine_bin',
          `Bin ${QUARANTINE_BIN} is for defective returns; receive into another bin.`,
        );
      }
      addEffect(ctx.db, ctx.opId, 'stock', stockKey(part.id, warehouse.id, line.bin_location), line.qty);
    });
  },
};
