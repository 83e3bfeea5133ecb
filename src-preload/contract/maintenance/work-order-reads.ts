// Station API, domain "maintenance", reads of the Work orders screen: the site's open work orders
// (overdue first, filtered by asset, origin and assignee) and one work order with its checklist,
// parts used, where it came from and why.
import { z } from 'zod';
import { entityId } from '../paging.ts';

const woStatus = z.enum(['draft', 'ready', 'in_progress', 'closed', 'cancelled']);

export const workOrderListParamsSchema = z.object({
  asset_id: entityId.optional(),
  origin: z.enum(['pm', 'cm', 'defect']).optional(),
  assignee_id: entityId.optional(),
  /** Closed and cancelled ones too (the last 30 days'). */
  include_closed: z.boolean().optional(),
});

export const workOrderRowSchema = z.object({
  id: z.string(),
  /** null: raised at this station and not synced yet. */
  code: z.string().nullable(),
  title: z.string(),
  /** As the station shows it: the server's, with queued changes applied. */
  status: woStatus,
  /** A change of this work order is queued (not confirmed by the server yet). */
  pending: z.boolean(),
  origin: z.enum(['pm', 'cm', 'defect']),
  priority: z.string(),
  asset_id: z.string(),
  asset_label: z.string(),
  assigned_to_id: z.string().nullable(),
  assigned_to_name: z.string().nullable(),
  due_date: z.string().nullable(),
  overdue: z.boolean(),
  tasks_total: z.number(),
  tasks_done: z.number(),
  mandatory_open: z.number(),
});
export type WorkOrderRow = z.infer<typeof workOrderRowSchema>;
export const workOrderListResultSchema = z.object({ rows: z.array(workOrderRowSchema), today: z.string() });

export const workOrderDetailParamsSchema = z.object({ wo_id: entityId });

export const woTaskSchema = z.object({
  id: z.string(),
  seq: z.number(),
  description: z.string(),
  is_mandatory: z.boolean(),
  result: z.enum(['pass', 'fail', 'input']).nullable(),
  value: z.string().nullable(),
  note: z.string().nullable(),
  /** The result is queued, not confirmed by the server yet. */
  pending: z.boolean(),
  completed_by: z.string().nullable(),
  follow_up_code: z.string().nullable(),
});
export type WoTask = z.infer<typeof woTaskSchema>;

export const workOrderDetailSchema = z.object({
  row: workOrderRowSchema,
  description: z.string().nullable(),
  created_by: z.string().nullable(),
  started_at: z.string().nullable(),
  closed_at: z.string().nullable(),
  cancel_reason: z.string().nullable(),
  /** PM work orders: the engine's sentence, and the schedule's. */
  pm_why: z.string().nullable(),
  schedule_name: z.string().nullable(),
  schedule_why: z.string().nullable(),
  /** The meter the PM counts, now (for the completion reading). */
  meter_now: z.number().nullable(),
  meter_unit: z.string().nullable(),
  tasks: z.array(woTaskSchema),
  consumed: z.array(
    z.object({ sku: z.string(), name: z.string(), qty: z.number(), unit: z.string(), pending: z.boolean() }),
  ),
  /** The service requests it came from (their photos shown with the work order). */
  requests: z.array(
    z.object({ id: z.string(), description: z.string(), reported_by: z.string(), has_photo: z.boolean() }),
  ),
  agile_mode: z.boolean(),
});
export type WorkOrderDetail = z.infer<typeof workOrderDetailSchema>;
