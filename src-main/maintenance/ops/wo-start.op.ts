// wo.start: work begins (ready -> in progress; with Agile Mode a draft too). A technician starts
// work orders assigned to them or to nobody.
import { requireUser } from '../../ops/cache-lookups.ts';
import type { OperationHandler } from '../../ops/operation-type.ts';
import { addStateChange } from '../../ops/overlay.ts';
import { agileMode } from '../../ops/work-order-checks.ts';
import { checkAssignee, refuseState, requireStationWorkOrder, woLabel } from './work-order-state.ts';

export const woStart: OperationHandler<'wo.start'> = {
  summarize(payload, db) {
    return `Start ${woLabel(db, payload.wo_id)}`;
  },
  applyLocal(ctx, payload) {
    const wo = requireStationWorkOrder(ctx.db, payload.wo_id);
    const from = agileMode(ctx.db, ctx.station.tenantId) ? ['draft', 'ready'] : ['ready'];
    refuseState(
      wo,
      from,
      'started',
      wo.status === 'draft'
        ? 'a supervisor readies it first, or turn Agile Mode on'
        : wo.status === 'in_progress'
          ? 'it was started already'
          : null,
    );
    checkAssignee(ctx.db, wo, requireUser(ctx.db, ctx.userId), 'start');
    addStateChange(ctx.db, ctx.opId, 'work_order', wo.id, from, 'in_progress');
  },
};
