// The maintenance engine in the station's SQLite mirror: pm_schedules, work_orders, wo_tasks,
// service_requests. See core.ts for the storage contract.
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { serviceRequestStatus, taskResult, woOrigin, woPriority, woStatus } from '../pg/enums.ts';
import { stamps, tenantRow } from './core.ts';

export const pmSchedules = sqliteTable(
  'pm_schedules',
  {
    ...tenantRow(),
    assetId: text('asset_id').notNull(),
    name: text('name').notNull(),
    intervalDays: integer('interval_days'),
    intervalMeter: real('interval_meter'),
    lastPerformedDate: text('last_performed_date'),
    lastPerformedMeter: real('last_performed_meter'),
    suppressedByScheduleId: text('suppressed_by_schedule_id'),
    isActive: integer('is_active', { mode: 'boolean' }).notNull(),
    ...stamps(),
    meter: text('meter').$type<'run_hours' | 'odometer'>().notNull(),
    cycle: integer('cycle').notNull(),
    baseDate: text('base_date'),
    baseMeter: real('base_meter'),
    lastPerformedWoId: text('last_performed_wo_id'),
    dueDate: text('due_date'),
    dueMeter: real('due_meter'),
    forecastDate: text('forecast_date'),
    why: text('why'),
    package: text('package'),
  },
  (t) => [index('pm_schedules_asset_idx').on(t.assetId)],
);

export const workOrders = sqliteTable(
  'work_orders',
  {
    ...tenantRow(),
    code: text('code').notNull(),
    assetId: text('asset_id').notNull(),
    pmScheduleId: text('pm_schedule_id'),
    status: text('status', { enum: woStatus.enumValues }).notNull(),
    origin: text('origin', { enum: woOrigin.enumValues }).notNull(),
    priority: text('priority', { enum: woPriority.enumValues }).notNull(),
    title: text('title').notNull(),
    description: text('description'),
    assignedToUserId: text('assigned_to_user_id'),
    dueDate: text('due_date'),
    startedAt: text('started_at'),
    closedAt: text('closed_at'),
    ...stamps(),
    pmCycle: integer('pm_cycle'),
    pmWhy: text('pm_why'),
    cancelReason: text('cancel_reason'),
    createdByUserId: text('created_by_user_id'),
    completionMeter: real('completion_meter'),
  },
  (t) => [
    index('work_orders_code_idx').on(t.code),
    index('work_orders_asset_idx').on(t.assetId),
    index('work_orders_pm_schedule_idx').on(t.pmScheduleId),
  ],
);

export const woTasks = sqliteTable(
  'wo_tasks',
  {
    ...tenantRow(),
    woId: text('wo_id').notNull(),
    seq: integer('seq').notNull(),
    description: text('description').notNull(),
    isMandatory: integer('is_mandatory', { mode: 'boolean' }).notNull(),
    result: text('result', { enum: taskResult.enumValues }),
    resultValue: text('result_value'),
    completedByUserId: text('completed_by_user_id'),
    completedAt: text('completed_at'),
    ...stamps(),
    note: text('note'),
    followUpWoId: text('follow_up_wo_id'),
  },
  (t) => [index('wo_tasks_wo_idx').on(t.woId)],
);

export const serviceRequests = sqliteTable(
  'service_requests',
  {
    ...tenantRow(),
    assetId: text('asset_id').notNull(),
    reportedByUserId: text('reported_by_user_id').notNull(),
    description: text('description').notNull(),
    photoUrl: text('photo_url'),
    status: text('status', { enum: serviceRequestStatus.enumValues }).notNull(),
    convertedWoId: text('converted_wo_id'),
    rejectionReason: text('rejection_reason'),
    ...stamps(),
    triagedByUserId: text('triaged_by_user_id'),
    triagedAt: text('triaged_at'),
  },
  (t) => [index('service_requests_asset_idx').on(t.assetId)],
);

export type PmSchedule = typeof pmSchedules.$inferSelect;
export type NewPmSchedule = typeof pmSchedules.$inferInsert;
export type WorkOrder = typeof workOrders.$inferSelect;
export type NewWorkOrder = typeof workOrders.$inferInsert;
export type WoTask = typeof woTasks.$inferSelect;
export type NewWoTask = typeof woTasks.$inferInsert;
export type ServiceRequest = typeof serviceRequests.$inferSelect;
export type NewServiceRequest = typeof serviceRequests.$inferInsert;
