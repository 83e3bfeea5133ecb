// Daily ops: daily_logs, the bulk entry of run hours and fuel per asset and day; its corrections
// (old and new values, reason, who) and the day lock per site and day (migration 0014).
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  jsonb,
  numeric,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { stamps, tenantRow, timestamptz } from './columns.ts';
import { users } from './core.ts';
import { tenantOwned } from './tenants.ts';
import { dailyLogDayStatus } from './enums.ts';
import { assets, locations } from './registry.ts';
import { opLedger } from './sync.ts';

/** Codes of the anomalies a daily log can be flagged with (see docs/operations.md). */
export type DailyLogAnomalyCode =
  | 'hours_above_normal'
  | 'burn_rate_outside_band'
  | 'fuel_without_hours'
  | 'hours_out_of_service'
  | 'hours_in_transit';

export interface DailyLogAnomaly {
  code: DailyLogAnomalyCode;
  message: string;
}

export const dailyLogs = pgTable(
  'daily_logs',
  {
    ...tenantRow(),
    date: date('date').notNull(),
    supervisorId: uuid('supervisor_id').notNull(),
    assetId: uuid('asset_id').notNull(),
    runHoursAdded: numeric('run_hours_added', { precision: 5, scale: 2 })
      .notNull()
      .default(sql`0`),
    fuelLitersAdded: numeric('fuel_liters_added', { precision: 10, scale: 2 })
      .notNull()
      .default(sql`0`),
    notes: text('notes'),
    ...stamps(),
    anomalies: jsonb('anomalies')
      .$type<DailyLogAnomaly[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [
    ...tenantOwned('daily_logs', t),
    unique('daily_logs_asset_date_key').on(t.tenantId, t.assetId, t.date),
    foreignKey({
      name: 'daily_logs_supervisor_fk',
      columns: [t.tenantId, t.supervisorId],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({
      name: 'daily_logs_asset_fk',
      columns: [t.tenantId, t.assetId],
      foreignColumns: [assets.tenantId, assets.id],
    }),
    check('daily_logs_run_hours_range', sql`run_hours_added >= 0 AND run_hours_added <= 24`),
    check('daily_logs_fuel_nonnegative', sql`fuel_liters_added >= 0`),
    check('daily_logs_anomalies_is_array', sql`jsonb_typeof(anomalies) = 'array'`),
    index('daily_logs_date_idx').on(t.tenantId, t.date),
    index('daily_logs_flagged_idx')
      .on(t.tenantId, t.date)
      .where(sql`anomalies <> '[]'::jsonb`),
  ],
);

export const dailyLogCorrections = pgTable(
  'daily_log_corrections',
  {
    ...tenantRow(),
    dailyLogId: uuid('daily_log_id').notNull(),
    assetId: uuid('asset_id').notNull(),
    date: date('date').notNull(),
    oldRunHoursAdded: numeric('old_run_hours_added', { precision: 5, scale: 2 }).notNull(),
    newRunHoursAdded: numeric('new_run_hours_added', { precision: 5, scale: 2 }).notNull(),
    oldFuelLitersAdded: numeric('old_fuel_liters_added', { precision: 10, scale: 2 }).notNull(),
    newFuelLitersAdded: numeric('new_fuel_liters_added', { precision: 10, scale: 2 }).notNull(),
    oldNotes: text('old_notes'),
    newNotes: text('new_notes'),
    meterDelta: numeric('meter_delta', { precision: 12, scale: 2 }).notNull(),
    reason: text('reason').notNull(),
    correctedByUserId: uuid('corrected_by_user_id').notNull(),
    opId: uuid('op_id'),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('daily_log_corrections', t),
    foreignKey({
      name: 'daily_log_corrections_log_fk',
      columns: [t.tenantId, t.dailyLogId],
      foreignColumns: [dailyLogs.tenantId, dailyLogs.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'daily_log_corrections_asset_fk',
      columns: [t.tenantId, t.assetId],
      foreignColumns: [assets.tenantId, assets.id],
    }),
    foreignKey({
      name: 'daily_log_corrections_corrected_by_fk',
      columns: [t.tenantId, t.correctedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({ name: 'daily_log_corrections_op_fk', columns: [t.opId], foreignColumns: [opLedger.opId] }),
    check(
      'daily_log_corrections_run_hours_range',
      sql`old_run_hours_added BETWEEN 0 AND 24 AND new_run_hours_added BETWEEN 0 AND 24`,
    ),
    check(
      'daily_log_corrections_fuel_nonnegative',
      sql`old_fuel_liters_added >= 0 AND new_fuel_liters_added >= 0`,
    ),
    check(
      'daily_log_corrections_meter_delta',
      sql`meter_delta = new_run_hours_added - old_run_hours_added OR meter_delta = 0`,
    ),
    check(
      'daily_log_corrections_changes_something',
      sql`(old_run_hours_added, old_fuel_liters_added, old_notes) IS DISTINCT FROM (new_run_hours_added, new_fuel_liters_added, new_notes)`,
    ),
    check('daily_log_corrections_reason_length', sql`char_length(btrim(reason)) BETWEEN 1 AND 500`),
    check('daily_log_corrections_notes_length', sql`char_length(new_notes) <= 500`),
    index('daily_log_corrections_log_idx').on(t.tenantId, t.dailyLogId),
    index('daily_log_corrections_asset_idx').on(t.tenantId, t.assetId, t.date),
  ],
);

export const dailyLogDays = pgTable(
  'daily_log_days',
  {
    ...tenantRow(),
    siteId: uuid('site_id').notNull(),
    date: date('date').notNull(),
    status: dailyLogDayStatus('status').notNull().default('submitted'),
    submittedByUserId: uuid('submitted_by_user_id').notNull(),
    submittedAt: timestamptz('submitted_at').notNull().defaultNow(),
    reopenedByUserId: uuid('reopened_by_user_id'),
    reopenedAt: timestamptz('reopened_at'),
    reopenReason: text('reopen_reason'),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('daily_log_days', t),
    unique('daily_log_days_site_date_key').on(t.tenantId, t.siteId, t.date),
    foreignKey({
      name: 'daily_log_days_site_fk',
      columns: [t.tenantId, t.siteId],
      foreignColumns: [locations.tenantId, locations.id],
    }),
    foreignKey({
      name: 'daily_log_days_submitted_by_fk',
      columns: [t.tenantId, t.submittedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({
      name: 'daily_log_days_reopened_by_fk',
      columns: [t.tenantId, t.reopenedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    check(
      'daily_log_days_reopened_state',
      sql`(reopened_by_user_id IS NULL) = (reopened_at IS NULL) AND (reopened_at IS NULL) = (reopen_reason IS NULL) AND (status <> 'reopened' OR reopened_at IS NOT NULL)`,
    ),
    check('daily_log_days_reason_length', sql`char_length(btrim(reopen_reason)) BETWEEN 1 AND 500`),
  ],
);

export type DailyLog = typeof dailyLogs.$inferSelect;
export type NewDailyLog = typeof dailyLogs.$inferInsert;
export type DailyLogCorrection = typeof dailyLogCorrections.$inferSelect;
export type NewDailyLogCorrection = typeof dailyLogCorrections.$inferInsert;
export type DailyLogDay = typeof dailyLogDays.$inferSelect;
export type NewDailyLogDay = typeof dailyLogDays.$inferInsert;
