// Daily ops in the station's SQLite mirror: daily_logs. See core.ts for the storage contract.
import { index, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
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
  },
  (t) => [index('daily_logs_asset_date_idx').on(t.assetId, t.date)],
);

export type DailyLog = typeof dailyLogs.$inferSelect;
export type NewDailyLog = typeof dailyLogs.$inferInsert;
