// wo.task_result: a checklist task's result (pass, fail, or the value read) with a note, on a work
// order in progress. Shown at once from the overlay; a later result replaces an earlier one.
import { OpError } from '../../core/errors.ts';
import { requireUser } from '../../ops/cache-lookups.ts';
import type { OperationHandler } from '../../ops/operation-type.ts';
import { addEffect } from '../../ops/overlay.ts';
import { checkAssignee, refuseState, requireStationWorkOrder } from './work-order-state.ts';

interface TaskRow {
  id: string;
  wo_id: string;
  seq: number;
  description: string;
  follow_up_wo_id: string | null;
}

export const woTaskResult: OperationHandler<'wo.task_result'> = {
  summarize(payload, db) {
    const task = db.prepare('SELECT seq, description FROM wo_tasks WHERE id = ?').get(payload.task_id) as
      { seq: number; description: string } | undefined;
    const value = payload.result === 'input' ? `: ${payload.value ?? ''}` : '';
    return `Task ${task?.seq ?? '?'} (${task?.description ?? 'a task'}) ${payload.result}${value}`;
  },
  applyLocal(ctx, payload) {
    const task = ctx.db
      .prepare('SELECT id, wo_id, seq, description, follow_up_wo_id FROM wo_tasks WHERE id = ?')
      .get(payload.task_id) as TaskRow | undefined;
    if (!task) throw new OpError('unknown_task', 'That task does not exist.');
    if (payload.result === 'input' && !payload.value)
      throw new OpError(
        'missing_value',
        `Task ${task.seq} (${task.description}) needs the value that was read.`,
      );
    if (payload.result !== 'input' && payload.value)
      throw new OpError(
        'invalid_field',
        'A value goes with the result "input" only; put remarks in the note.',
      );
    const wo = requireStationWorkOrder(ctx.db, task.wo_id);
    refuseState(
      wo,
      ['in_progress'],
      'given task results',
      ['draft', 'ready'].includes(wo.status) ? 'start it first' : null,
    );
    checkAssignee(ctx.db, wo, requireUser(ctx.db, ctx.userId), 'record results on');
    if (task.follow_up_wo_id !== null && payload.result !== 'fail')
      throw new OpError(
        'follow_up_exists',
        `Task ${task.seq} failed and has its follow-up; it stays failed.`,
      );
    addEffect(ctx.db, ctx.opId, 'task_result', task.id, 0, {
      wo_id: wo.id,
      result: payload.result,
      value: payload.value ?? null,
      note: payload.note ?? null,
      by: ctx.userId,
      at: ctx.now.toISOString(),
    });
  },
};
