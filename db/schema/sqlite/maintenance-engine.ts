// The PM engine's tables in the station's SQLite mirror (migration 0015): asset_usage (average
// daily use, for the asset card and forecasts), pm_completions (each finished cycle, for the
// history) and service_request_photos (the bytes as PostgreSQL's hex text, '\x...', for triage at
// the station). pm_schedule_tasks stays on the server (work orders carry their own tasks).
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { stamps, tenantRow } from './core.ts';

export const assetUsage = sqliteTable(
  'asset_usage',
  {
    ...tenantRow(),
    assetId: text('asset_id').notNull(),
    runHoursPerDay: real('run_hours_per_day'),
    runHoursDays: integer('run_hours_days'),
    odometerPerDay: real('odometer_per_day'),
    odometerDays: integer('odometer_days'),
    ...stamps(),
  },
  (t) => [index('asset_usage_asset_idx').on(t.assetId)],
);

export const pmCompletions = sqliteTable(
  'pm_completions',
  {
    ...tenantRow(),
    scheduleId: text('schedule_id').notNull(),
    cycle: integer('cycle').notNull(),
    kind: text('kind').$type<'done' | 'folded' | 'skipped'>().notNull(),
    woId: text('wo_id'),
    viaScheduleId: text('via_schedule_id'),
    completedOn: text('completed_on').notNull(),
    meter: real('meter'),
    note: text('note'),
    ...stamps(),
  },
  (t) => [index('pm_completions_schedule_idx').on(t.scheduleId), index('pm_completions_wo_idx').on(t.woId)],
);

export const serviceRequestPhotos = sqliteTable(
  'service_request_photos',
  {
    ...tenantRow(),
    requestId: text('request_id').notNull(),
    contentType: text('content_type').$type<'image/jpeg' | 'image/png' | 'image/webp'>().notNull(),
    /** The image as PostgreSQL's hex text: '\x' and two hex digits per byte. */
    bytes: text('bytes').notNull(),
    byteSize: integer('byte_size').notNull(),
    sha256: text('sha256').notNull(),
    ...stamps(),
  },
  (t) => [index('service_request_photos_request_idx').on(t.requestId)],
);

export type AssetUsage = typeof assetUsage.$inferSelect;
export type PmCompletion = typeof pmCompletions.$inferSelect;
export type ServiceRequestPhoto = typeof serviceRequestPhotos.$inferSelect;
