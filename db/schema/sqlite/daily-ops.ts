// Daily ops in the station's SQLite mirror: daily_logs, their corrections and the day lock per site
// and day. See core.ts for the storage contract.
import { index, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { DailyLogAnomaly } from '../pg/daily-ops.ts';
import { dailyLogDayStatus } from '../pg/enums.ts';
import { stamps, tenantRow } from './core.ts';

export const dailyLogs = sqliteTable(
  'daily_logs',
  {
    ...tenantRow(),
    date: text('date').notNull(),
    supervisorId: text('supervisor_id').notNull(),
    assetId: text('asset_id').notNull(),
    runHoursAdded: real('run_hours_added').notNull(),
    fuelLitersAdded: real('fuel_liters_added').notNull(),
    notes: text('notes'),
    ...stamps(),
    anomalies: text('anomalies', { mode: 'json' }).$type<DailyLogAnomaly[]>().notNull(),
  },
  (t) => [index('daily_logs_asset_date_idx').on(t.assetId, t.date)],
);

export const dailyLogCorrections = sqliteTable(
  'daily_log_corrections',
  {
    ...tenantRow(),
    dailyLogId: text('daily_log_id').notNull(),
    assetId: text('asset_id').notNull(),
    date: text('date').notNull(),
    oldRunHoursAdded: real('old_run_hours_added').notNull(),
    newRunHoursAdded: real('new_run_hours_added').notNull(),
    oldFuelLitersAdded: real('old_fuel_liters_added').notNull(),
    newFuelLitersAdded: real('new_fuel_liters_added').notNull(),
    oldNotes: text('old_notes'),
    newNotes: text('new_notes'),
    meterDelta: real('meter_delta').notNull(),
    reason: text('reason').notNull(),
    correctedByUserId: text('corrected_by_user_id').notNull(),
    opId: text('op_id'),
    ...stamps(),
  },
  (t) => [index('daily_log_corrections_log_idx').on(t.dailyLogId)],
);

export const dailyLogDays = sqliteTable(
  'daily_log_days',
  {
    ...tenantRow(),
    siteId: text('site_id').notNull(),
    date: text('date').notNull(),
    status: text('status', { enum: dailyLogDayStatus.enumValues }).notNull(),
    submittedByUserId: text('submitted_by_user_id').notNull(),
    submittedAt: text('submitted_at').notNull(),
    reopenedByUserId: text('reopened_by_user_id'),
    reopenedAt: text('reopened_at'),
    reopenReason: text('reopen_reason'),
    ...stamps(),
  },
  (t) => [index('daily_log_days_site_date_idx').on(t.siteId, t.date)],
);

export type DailyLog = typeof dailyLogs.$inferSelect;
export type NewDailyLog = typeof dailyLogs.$inferInsert;
export type DailyLogCorrection = typeof dailyLogCorrections.$inferSelect;
export type DailyLogDay = typeof dailyLogDays.$inferSelect;
