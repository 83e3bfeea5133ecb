// wo.consume: parts used on a work order, from a technician's wallet or straight from a warehouse
// bin. The work order must take parts (ready or in progress; a draft too with Agile Mode); a
// technician books only from their own wallet. The cost is fixed by the server when it applies
// the operation (the part's catalogue price then), so the station records none.
import { formatQty } from '../core/quantity.ts';
import { checkQuantity, requirePart, requireSiteWarehouse, requireUser } from '../ops/cache-lookups.ts';
import {
  checkBinHolds,
  checkWalletHolds,
  refuseQuarantine,
  requireWalletTechnician,
} from '../ops/stock-levels.ts';
import { agileMode, checkWorkOrderTakesParts, requireWorkOrder } from '../ops/work-order-checks.ts';
import { OpError } from '../core/errors.ts';
import type { OperationHandler } from '../ops/operation-type.ts';
import { addEffect, stockKey, walletKey } from '../ops/overlay.ts';

export const woConsume: OperationHandler<'wo.consume'> = {
  summarize(payload, db) {
    const sku = requirePart(db, payload.part_id).sku;
    const code = db.prepare('SELECT code FROM work_orders WHERE id = ?').pluck().get(payload.wo_id) as
      string | undefined;
    let from: string;
    if (payload.source === 'wallet') {
      const tech = db
        .prepare('SELECT full_name FROM users WHERE id = ?')
        .pluck()
        .get(payload.technician_id) as string | undefined;
      from = `${tech ?? 'a technician'}'s wallet`;
    } else {
      from = `bin ${payload.bin_location}`;
    }
    return `Use ${formatQty(payload.qty)} x ${sku} on ${code ?? 'a work order'} from ${from}`;
  },
  applyLocal(ctx, payload) {
    const wo = requireWorkOrder(ctx.db, payload.wo_id);
    const part = requirePart(ctx.db, payload.part_id);
    checkQuantity(part, payload.qty, 'The quantity');
    checkWorkOrderTakesParts(wo, agileMode(ctx.db, ctx.station.tenantId));
    const actor = requireUser(ctx.db, ctx.userId);
    if (payload.source === 'wallet') {
      const tech = requireWalletTechnician(ctx.db, payload.technician_id, ctx.station.siteId);
      if (actor.role === 'technician' && tech.id !== actor.id) {
        throw new OpError(
          'forbidden',
          `${actor.full_name} (technician) can only book parts from their own wallet.`,
        );
      }
      checkWalletHolds(ctx.db, tech, part, payload.qty, 'use');
      addEffect(ctx.db, ctx.opId, 'wallet', walletKey(tech.id, part.id), -payload.qty);
    } else {
      if (actor.role === 'technician') {
        throw new OpError(
          'forbidden',
          `${actor.full_name} (technician) can only book parts from their own wallet.`,
        );
      }
      const warehouse = requireSiteWarehouse(ctx.db, payload.location_id, ctx.station.siteId);
      refuseQuarantine(payload.bin_location, warehouse);
      checkBinHolds(ctx.db, part, warehouse, payload.bin_location, payload.qty, 'use');
      addEffect(
        ctx.db,
        ctx.opId,
        'stock',
        stockKey(part.id, warehouse.id, payload.bin_location),
        -payload.qty,
      );
    }
    addEffect(ctx.db, ctx.opId, 'consumable', wo.id, payload.qty, payload);
  },
};
