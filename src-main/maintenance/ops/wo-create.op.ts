// wo.create: a supervisor raises corrective (cm) or defect work as a draft; with Agile Mode a
// technician may too (and is then assigned to it). The code is given by the server; until the
// pull brings it, the work order is shown as "new" from the overlay.
import { OpError } from '../../core/errors.ts';
import { requireUser } from '../../ops/cache-lookups.ts';
import type { OperationHandler } from '../../ops/operation-type.ts';
import { addEffect, pendingData } from '../../ops/overlay.ts';
import { agileMode } from '../../ops/work-order-checks.ts';
import {
  findWorkOrder,
  requireLiveAsset,
  requireTechnician,
  type PendingWorkOrder,
} from './work-order-state.ts';

export const woCreate: OperationHandler<'wo.create'> = {
  summarize(payload, db) {
    const asset = db.prepare('SELECT name FROM assets WHERE id = ?').pluck().get(payload.asset_id) as
      string | undefined;
    return `New work order on ${asset ?? 'an asset'}: ${payload.title}`;
  },
  applyLocal(ctx, payload) {
    const actor = requireUser(ctx.db, ctx.userId);
    if (actor.role === 'technician' && !agileMode(ctx.db, ctx.station.tenantId)) {
      throw new OpError(
        'forbidden',
        `${actor.full_name} (technician) cannot raise work orders; a supervisor does (or turn Agile Mode on).`,
      );
    }
    requireLiveAsset(ctx.db, payload.asset_id, 'no work can be raised on it');
    if (findWorkOrder(ctx.db, payload.wo_id))
      throw new OpError('duplicate_id', 'A work order with this id exists already.');
    let assignee = payload.assigned_to_user_id ?? null;
    if (assignee !== null) requireTechnician(ctx.db, assignee);
    else if (actor.role === 'technician') assignee = actor.id;
    if (payload.follow_up_of_task_id !== undefined) {
      const task = ctx.db
        .prepare('SELECT seq, result, follow_up_wo_id, wo_id FROM wo_tasks WHERE id = ?')
        .get(payload.follow_up_of_task_id) as
        { seq: number; result: string | null; follow_up_wo_id: string | null; wo_id: string } | undefined;
      if (!task) throw new OpError('unknown_task', 'That task does not exist.');
      const [queued] = pendingData<{ result: string }>(
        ctx.db,
        'task_result',
        payload.follow_up_of_task_id,
      ).reverse();
      const code = findWorkOrder(ctx.db, task.wo_id)?.code ?? 'its work order';
      if ((queued?.result ?? task.result) !== 'fail')
        throw new OpError(
          'task_not_failed',
          `Task ${task.seq} of ${code} did not fail; only a failed task gets a follow-up.`,
        );
      if (task.follow_up_wo_id !== null)
        throw new OpError('follow_up_exists', `Task ${task.seq} of ${code} already has its follow-up.`);
    }
    const record: PendingWorkOrder = {
      wo_id: payload.wo_id,
      asset_id: payload.asset_id,
      origin: payload.origin,
      title: payload.title,
      description: payload.description,
      priority: payload.priority ?? 'normal',
      assigned_to_user_id: assignee,
      due_date: payload.due_date,
      tasks: payload.tasks,
      created_by: actor.id,
    };
    addEffect(ctx.db, ctx.opId, 'work_order_new', payload.wo_id, 0, record);
  },
};
