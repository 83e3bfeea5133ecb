// wo.close: a supervisor closes a work order in progress; refused while a mandatory task has no
// result (the mirror's or a queued one), naming each. Failed mandatory tasks get their follow-up
// proposed by the server (the screen gives their ids in follow_ups).
import { OpError } from '../../core/errors.ts';
import type { OperationHandler } from '../../ops/operation-type.ts';
import { addStateChange, pendingData } from '../../ops/overlay.ts';
import { refuseState, requireStationWorkOrder, woLabel } from './work-order-state.ts';

export const woClose: OperationHandler<'wo.close'> = {
  summarize(payload, db) {
    return `Close ${woLabel(db, payload.wo_id)}`;
  },
  applyLocal(ctx, payload) {
    const wo = requireStationWorkOrder(ctx.db, payload.wo_id);
    refuseState(
      wo,
      ['in_progress'],
      'closed',
      ['draft', 'ready'].includes(wo.status) ? 'it was never started' : null,
    );
    const tasks = ctx.db
      .prepare(
        'SELECT id, seq, description, result FROM wo_tasks WHERE wo_id = ? AND is_mandatory ORDER BY seq',
      )
      .all(wo.id) as { id: string; seq: number; description: string; result: string | null }[];
    const open = tasks.filter(
      (t) => t.result === null && pendingData<unknown>(ctx.db, 'task_result', t.id).length === 0,
    );
    if (open.length > 0) {
      const list = open.map((t) => `${t.seq}. ${t.description}`).join('; ');
      throw new OpError(
        'mandatory_tasks_open',
        `${wo.code} cannot be closed: ${open.length} mandatory ${open.length === 1 ? 'task has' : 'tasks have'} no result: ${list}.`,
      );
    }
    if (
      payload.completed_on !== undefined &&
      Date.parse(`${payload.completed_on}T00:00:00Z`) > ctx.now.getTime() + 86_400_000
    )
      throw new OpError('invalid_date', 'The completion date cannot be in the future.');
    addStateChange(ctx.db, ctx.opId, 'work_order', wo.id, 'in_progress', 'closed');
  },
};
