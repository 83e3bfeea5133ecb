// shipment.cancel: a truck still loading at the station's site does not go; nothing had left its
// place. Shown as cancelled at once (a pending state change); the server's codes and messages
// (op_shipment_cancel.sql). A dispatch queued before it makes it refused here already.
import { addStateChange } from '../ops/overlay.ts';
import type { OperationHandler } from '../ops/operation-type.ts';
import { shipmentIdOf } from './codes.ts';
import { requireLoadingHere } from './truck-checks.ts';
import { requireTruck } from './truck.ts';

export const shipmentCancel: OperationHandler<'shipment.cancel'> = {
  resolve(ctx, payload) {
    const { gate_pass_ref, reason, ...rest } = payload;
    return {
      ...rest,
      shipment_id: shipmentIdOf(ctx.db, { shipment_id: payload.shipment_id, gate_pass_ref }),
      ...(reason ? { reason } : {}),
    };
  },
  summarize(payload, db) {
    const truck = requireTruck(db, payload.shipment_id ?? '');
    return `Cancel ${truck.gate_pass_ref}${payload.reason ? `: ${payload.reason}` : ''}`;
  },
  applyLocal(ctx, payload) {
    const truck = requireTruck(ctx.db, payload.shipment_id ?? '');
    requireLoadingHere(ctx.db, truck, ctx.station, 'cancelled');
    addStateChange(ctx.db, ctx.opId, 'shipment', truck.id, 'loading', 'cancelled');
  },
};
