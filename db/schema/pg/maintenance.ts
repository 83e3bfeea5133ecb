// The maintenance engine: pm_schedules, work_orders, wo_tasks, service_requests.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { stamps, tenantRow, timestamptz } from './columns.ts';
import { users } from './core.ts';
import { tenantOwned } from './tenants.ts';
import { serviceRequestStatus, taskResult, woOrigin, woPriority, woStatus } from './enums.ts';
import { assets } from './registry.ts';

/** Hybrid trigger: calendar (interval_days) and/or meter (interval_meter); may be suppressed by another. */
export const pmSchedules = pgTable(
  'pm_schedules',
  {
    ...tenantRow(),
    assetId: uuid('asset_id').notNull(),
    name: text('name').notNull(),
    intervalDays: integer('interval_days'),
    intervalMeter: numeric('interval_meter', { precision: 12, scale: 2 }),
    lastPerformedDate: date('last_performed_date'),
    lastPerformedMeter: numeric('last_performed_meter', { precision: 12, scale: 2 }),
    suppressedByScheduleId: uuid('suppressed_by_schedule_id'),
    isActive: boolean('is_active').notNull().default(true),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('pm_schedules', t),
    foreignKey({
      name: 'pm_schedules_asset_fk',
      columns: [t.tenantId, t.assetId],
      foreignColumns: [assets.tenantId, assets.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'pm_schedules_suppressed_by_fk',
      columns: [t.tenantId, t.suppressedByScheduleId],
      foreignColumns: [t.tenantId, t.id],
    }),
    check('pm_schedules_has_interval', sql`interval_days IS NOT NULL OR interval_meter IS NOT NULL`),
    check('pm_schedules_interval_days_positive', sql`interval_days > 0`),
    check('pm_schedules_interval_meter_positive', sql`interval_meter > 0`),
    check('pm_schedules_last_meter_nonnegative', sql`last_performed_meter >= 0`),
    check('pm_schedules_not_self_suppressed', sql`suppressed_by_schedule_id IS DISTINCT FROM id`),
    check('pm_schedules_name_not_blank', sql`btrim(name) <> ''`),
    index('pm_schedules_asset_idx').on(t.tenantId, t.assetId),
  ],
);

/** draft -> ready -> in_progress -> closed (or cancelled); the transitions are enforced by a trigger. */
export const workOrders = pgTable(
  'work_orders',
  {
    ...tenantRow(),
    code: text('code').notNull(),
    assetId: uuid('asset_id').notNull(),
    pmScheduleId: uuid('pm_schedule_id'),
    status: woStatus('status').notNull().default('draft'),
    origin: woOrigin('origin').notNull(),
    priority: woPriority('priority').notNull().default('normal'),
    title: text('title').notNull(),
    description: text('description'),
    assignedToUserId: uuid('assigned_to_user_id'),
    dueDate: date('due_date'),
    startedAt: timestamptz('started_at'),
    closedAt: timestamptz('closed_at'),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('work_orders', t),
    unique('work_orders_code_key').on(t.tenantId, t.code),
    foreignKey({
      name: 'work_orders_asset_fk',
      columns: [t.tenantId, t.assetId],
      foreignColumns: [assets.tenantId, assets.id],
    }),
    foreignKey({
      name: 'work_orders_pm_schedule_fk',
      columns: [t.tenantId, t.pmScheduleId],
      foreignColumns: [pmSchedules.tenantId, pmSchedules.id],
    }),
    foreignKey({
      name: 'work_orders_assignee_fk',
      columns: [t.tenantId, t.assignedToUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    check('work_orders_code_format', sql`code ~ '^[A-Z0-9][A-Z0-9-]{2,39}$'`),
    check('work_orders_title_not_blank', sql`btrim(title) <> ''`),
    check('work_orders_pm_origin', sql`pm_schedule_id IS NULL OR origin = 'pm'`),
    check('work_orders_closed_at_iff_closed', sql`(status = 'closed') = (closed_at IS NOT NULL)`),
    index('work_orders_asset_idx').on(t.tenantId, t.assetId),
    index('work_orders_open_idx')
      .on(t.tenantId, t.status)
      .where(sql`status NOT IN ('closed', 'cancelled')`),
  ],
);

export const woTasks = pgTable(
  'wo_tasks',
  {
    ...tenantRow(),
    woId: uuid('wo_id').notNull(),
    seq: integer('seq').notNull(),
    description: text('description').notNull(),
    isMandatory: boolean('is_mandatory').notNull().default(false),
    result: taskResult('result'),
    resultValue: text('result_value'),
    completedByUserId: uuid('completed_by_user_id'),
    completedAt: timestamptz('completed_at'),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('wo_tasks', t),
    unique('wo_tasks_seq_key').on(t.woId, t.seq),
    foreignKey({
      name: 'wo_tasks_wo_fk',
      columns: [t.tenantId, t.woId],
      foreignColumns: [workOrders.tenantId, workOrders.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'wo_tasks_completed_by_fk',
      columns: [t.tenantId, t.completedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    check('wo_tasks_seq_positive', sql`seq > 0`),
    check('wo_tasks_description_not_blank', sql`btrim(description) <> ''`),
    check('wo_tasks_input_has_value', sql`result IS DISTINCT FROM 'input' OR result_value IS NOT NULL`),
    check('wo_tasks_result_completed', sql`(result IS NULL) = (completed_at IS NULL)`),
  ],
);

export const serviceRequests = pgTable(
  'service_requests',
  {
    ...tenantRow(),
    assetId: uuid('asset_id').notNull(),
    reportedByUserId: uuid('reported_by_user_id').notNull(),
    description: text('description').notNull(),
    photoUrl: text('photo_url'),
    status: serviceRequestStatus('status').notNull().default('pending'),
    convertedWoId: uuid('converted_wo_id'),
    rejectionReason: text('rejection_reason'),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('service_requests', t),
    foreignKey({
      name: 'service_requests_asset_fk',
      columns: [t.tenantId, t.assetId],
      foreignColumns: [assets.tenantId, assets.id],
    }),
    foreignKey({
      name: 'service_requests_reporter_fk',
      columns: [t.tenantId, t.reportedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({
      name: 'service_requests_wo_fk',
      columns: [t.tenantId, t.convertedWoId],
      foreignColumns: [workOrders.tenantId, workOrders.id],
    }),
    check('service_requests_description_not_blank', sql`btrim(description) <> ''`),
    check('service_requests_photo_url_https', sql`photo_url IS NULL OR photo_url ~ '^https://'`),
    check('service_requests_converted_has_wo', sql`(status = 'converted') = (converted_wo_id IS NOT NULL)`),
    check(
      'service_requests_rejected_has_reason',
      sql`status <> 'rejected' OR btrim(coalesce(rejection_reason, '')) <> ''`,
    ),
    index('service_requests_asset_idx').on(t.tenantId, t.assetId),
  ],
);

export type PmSchedule = typeof pmSchedules.$inferSelect;
export type NewPmSchedule = typeof pmSchedules.$inferInsert;
export type WorkOrder = typeof workOrders.$inferSelect;
export type NewWorkOrder = typeof workOrders.$inferInsert;
export type WoTask = typeof woTasks.$inferSelect;
export type NewWoTask = typeof woTasks.$inferInsert;
export type ServiceRequest = typeof serviceRequests.$inferSelect;
export type NewServiceRequest = typeof serviceRequests.$inferInsert;
