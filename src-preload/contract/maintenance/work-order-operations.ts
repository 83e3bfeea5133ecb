// Domain "maintenance", work-order operations: raising corrective and defect work, releasing,
// starting, checklist results, closing (mandatory tasks, follow-ups, PM completion) and
// cancelling. docs/operations.md ("Work orders and service requests") documents each type; the
// server functions are db/functions/maintenance/op_wo_*.sql.
import { z } from 'zod';
import { isoDate, optionalText, requiredText, uuid } from '../fields.ts';
import { defineOperation } from '../operation.ts';
import type { UserRoleName } from '../roles.ts';

/** Who plans, releases, closes and cancels work. */
export const SUPERVISING_ROLES: readonly UserRoleName[] = ['supervisor', 'manager', 'admin'];
/** Who does the work (a technician on work orders assigned to them or to nobody). */
export const WORKING_ROLES: readonly UserRoleName[] = ['technician', 'supervisor', 'manager', 'admin'];

export const WO_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TASK_RESULTS = ['pass', 'fail', 'input'] as const;

const priority = z.enum(WO_PRIORITIES, { message: 'must be low, normal, high or urgent' });

export const woCreate = defineOperation({
  type: 'wo.create',
  label: 'New work order',
  pendingWord: 'new work order',
  // Technicians too, with Agile Mode (checked by the core and the server).
  roles: [...SUPERVISING_ROLES, 'technician'],
  payload: z.object({
    wo_id: uuid,
    asset_id: uuid,
    origin: z.enum(['cm', 'defect'], { message: 'must be cm (corrective) or defect' }),
    title: requiredText(200),
    description: optionalText(4000),
    priority: priority.optional(),
    assigned_to_user_id: uuid.optional(),
    due_date: isoDate.optional(),
    tasks: z
      .array(z.object({ description: requiredText(500), is_mandatory: z.boolean().optional() }))
      .max(100, { message: 'can have at most 100 tasks' })
      .optional(),
    follow_up_of_task_id: uuid.optional(),
  }),
  fields: {
    wo_id: 'work order id',
    asset_id: 'asset',
    origin: 'origin',
    title: 'title',
    description: 'description',
    priority: 'priority',
    assigned_to_user_id: 'technician',
    due_date: 'due date',
    tasks: 'tasks',
    is_mandatory: 'mandatory',
    follow_up_of_task_id: 'failed task',
  },
});

export const woReady = defineOperation({
  type: 'wo.ready',
  label: 'Work order ready',
  pendingWord: 'release',
  roles: SUPERVISING_ROLES,
  payload: z.object({
    wo_id: uuid,
    assigned_to_user_id: uuid.optional(),
    due_date: isoDate.optional(),
    priority: priority.optional(),
  }),
  fields: {
    wo_id: 'work order',
    assigned_to_user_id: 'technician',
    due_date: 'due date',
    priority: 'priority',
  },
});

export const woStart = defineOperation({
  type: 'wo.start',
  label: 'Work order started',
  pendingWord: 'start',
  roles: WORKING_ROLES,
  payload: z.object({ wo_id: uuid }),
  fields: { wo_id: 'work order' },
});

export const woTaskResult = defineOperation({
  type: 'wo.task_result',
  label: 'Task result',
  pendingWord: 'result',
  roles: WORKING_ROLES,
  payload: z.object({
    task_id: uuid,
    result: z.enum(TASK_RESULTS, { message: 'must be pass, fail or input' }),
    value: optionalText(200),
    note: optionalText(1000),
  }),
  fields: { task_id: 'task', result: 'result', value: 'value', note: 'note' },
});

export const woClose = defineOperation({
  type: 'wo.close',
  label: 'Work order closed',
  pendingWord: 'close',
  roles: SUPERVISING_ROLES,
  payload: z.object({
    wo_id: uuid,
    completed_on: isoDate.optional(),
    completion_meter: z
      .number({ message: 'must be a number' })
      .min(0, { message: 'cannot be negative' })
      .optional(),
    follow_ups: z
      .array(z.object({ task_id: uuid, wo_id: uuid }))
      .max(100)
      .optional(),
  }),
  fields: {
    wo_id: 'work order',
    completed_on: 'completion date',
    completion_meter: 'meter reading at completion',
    follow_ups: 'follow-ups',
    task_id: 'task',
  },
});

export const woCancel = defineOperation({
  type: 'wo.cancel',
  label: 'Work order cancelled',
  pendingWord: 'cancel',
  roles: SUPERVISING_ROLES,
  payload: z.object({ wo_id: uuid, reason: requiredText(500) }),
  fields: { wo_id: 'work order', reason: 'reason' },
});
