// wo.cancel: a supervisor cancels a work order that will not be done, with a reason.
import type { OperationHandler } from '../../ops/operation-type.ts';
import { addStateChange } from '../../ops/overlay.ts';
import { refuseState, requireStationWorkOrder, woLabel } from './work-order-state.ts';

export const woCancel: OperationHandler<'wo.cancel'> = {
  summarize(payload, db) {
    return `Cancel ${woLabel(db, payload.wo_id)}: ${payload.reason}`;
  },
  applyLocal(ctx, payload) {
    const wo = requireStationWorkOrder(ctx.db, payload.wo_id);
    const open = ['draft', 'ready', 'in_progress'];
    refuseState(wo, open, 'cancelled', null);
    addStateChange(ctx.db, ctx.opId, 'work_order', wo.id, open, 'cancelled');
  },
};
