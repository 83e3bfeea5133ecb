// wo.ready: a supervisor releases a draft (draft -> ready), optionally assigning a technician.
import type { OperationHandler } from '../../ops/operation-type.ts';
import { addStateChange } from '../../ops/overlay.ts';
import { refuseState, requireStationWorkOrder, requireTechnician, woLabel } from './work-order-state.ts';

export const woReady: OperationHandler<'wo.ready'> = {
  summarize(payload, db) {
    return `Ready ${woLabel(db, payload.wo_id)}`;
  },
  applyLocal(ctx, payload) {
    const wo = requireStationWorkOrder(ctx.db, payload.wo_id);
    refuseState(wo, ['draft'], 'readied', wo.status === 'ready' ? 'it is ready already' : null);
    if (payload.assigned_to_user_id !== undefined) requireTechnician(ctx.db, payload.assigned_to_user_id);
    addStateChange(ctx.db, ctx.opId, 'work_order', wo.id, 'draft', 'ready');
  },
};
