// Daily ops: daily_logs, the bulk entry of run hours and fuel per asset and day.
import { sql } from 'drizzle-orm';
import { check, date, foreignKey, numeric, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { stamps, tenantRow } from './columns.ts';
import { users } from './core.ts';
import { tenantOwned } from './tenants.ts';
import { assets } from './registry.ts';

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
  ],
);

export type DailyLog = typeof dailyLogs.$inferSelect;
export type NewDailyLog = typeof dailyLogs.$inferInsert;
