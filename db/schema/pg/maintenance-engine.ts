// The PM engine's tables (migration 0015): pm_schedule_tasks (a schedule's checklist),
// pm_completions (each finished cycle of a schedule), asset_usage (average daily use of the
// meters) and service_request_photos (a request's photo, bytes kept in the database).
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
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
import { stamps, tenantRow } from './columns.ts';
import { tenantOwned } from './tenants.ts';
import { pmSchedules, serviceRequests, workOrders } from './maintenance.ts';
import { assets } from './registry.ts';

/** bytea, read as a Buffer (node-postgres). */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType() {
    return 'bytea';
  },
});

export const pmScheduleTasks = pgTable(
  'pm_schedule_tasks',
  {
    ...tenantRow(),
    scheduleId: uuid('schedule_id').notNull(),
    seq: integer('seq').notNull(),
    description: text('description').notNull(),
    isMandatory: boolean('is_mandatory').notNull().default(false),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('pm_schedule_tasks', t),
    unique('pm_schedule_tasks_seq_key').on(t.scheduleId, t.seq),
    foreignKey({
      name: 'pm_schedule_tasks_schedule_fk',
      columns: [t.tenantId, t.scheduleId],
      foreignColumns: [pmSchedules.tenantId, pmSchedules.id],
    }).onDelete('cascade'),
    check('pm_schedule_tasks_seq_positive', sql`seq > 0`),
    check('pm_schedule_tasks_description_not_blank', sql`btrim(description) <> ''`),
  ],
);

/** kind: done (own work order), folded (a bigger service closed: via_schedule_id), skipped (cancelled). */
export const pmCompletions = pgTable(
  'pm_completions',
  {
    ...tenantRow(),
    scheduleId: uuid('schedule_id').notNull(),
    cycle: integer('cycle').notNull(),
    kind: text('kind', { enum: ['done', 'folded', 'skipped'] }).notNull(),
    woId: uuid('wo_id'),
    viaScheduleId: uuid('via_schedule_id'),
    completedOn: date('completed_on').notNull(),
    meter: numeric('meter', { precision: 12, scale: 2 }),
    note: text('note'),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('pm_completions', t),
    unique('pm_completions_cycle_key').on(t.scheduleId, t.cycle),
    foreignKey({
      name: 'pm_completions_schedule_fk',
      columns: [t.tenantId, t.scheduleId],
      foreignColumns: [pmSchedules.tenantId, pmSchedules.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'pm_completions_wo_fk',
      columns: [t.tenantId, t.woId],
      foreignColumns: [workOrders.tenantId, workOrders.id],
    }),
    foreignKey({
      name: 'pm_completions_via_schedule_fk',
      columns: [t.tenantId, t.viaScheduleId],
      foreignColumns: [pmSchedules.tenantId, pmSchedules.id],
    }),
    check('pm_completions_kind', sql`kind IN ('done', 'folded', 'skipped')`),
    check('pm_completions_cycle_positive', sql`cycle > 0`),
    check('pm_completions_meter_nonnegative', sql`meter >= 0`),
    check('pm_completions_folded_via', sql`(kind = 'folded') = (via_schedule_id IS NOT NULL)`),
    check('pm_completions_skipped_has_note', sql`kind <> 'skipped' OR btrim(coalesce(note, '')) <> ''`),
    index('pm_completions_schedule_idx').on(t.tenantId, t.scheduleId),
    index('pm_completions_wo_idx')
      .on(t.tenantId, t.woId)
      .where(sql`wo_id IS NOT NULL`),
  ],
);

export const assetUsage = pgTable(
  'asset_usage',
  {
    ...tenantRow(),
    assetId: uuid('asset_id').notNull(),
    runHoursPerDay: numeric('run_hours_per_day', { precision: 10, scale: 2 }),
    runHoursDays: integer('run_hours_days'),
    odometerPerDay: numeric('odometer_per_day', { precision: 12, scale: 1 }),
    odometerDays: integer('odometer_days'),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('asset_usage', t),
    unique('asset_usage_asset_key').on(t.assetId),
    foreignKey({
      name: 'asset_usage_asset_fk',
      columns: [t.tenantId, t.assetId],
      foreignColumns: [assets.tenantId, assets.id],
    }).onDelete('cascade'),
    check('asset_usage_run_hours_nonnegative', sql`run_hours_per_day >= 0`),
    check('asset_usage_odometer_nonnegative', sql`odometer_per_day >= 0`),
    check(
      'asset_usage_run_hours_days',
      sql`(run_hours_per_day IS NULL) = (run_hours_days IS NULL) AND run_hours_days > 0`,
    ),
    check(
      'asset_usage_odometer_days',
      sql`(odometer_per_day IS NULL) = (odometer_days IS NULL) AND odometer_days > 0`,
    ),
  ],
);

export const serviceRequestPhotos = pgTable(
  'service_request_photos',
  {
    ...tenantRow(),
    requestId: uuid('request_id').notNull(),
    contentType: text('content_type', { enum: ['image/jpeg', 'image/png', 'image/webp'] }).notNull(),
    bytes: bytea('bytes').notNull(),
    byteSize: integer('byte_size').notNull(),
    sha256: text('sha256').notNull(),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('service_request_photos', t),
    unique('service_request_photos_request_key').on(t.requestId),
    foreignKey({
      name: 'service_request_photos_request_fk',
      columns: [t.tenantId, t.requestId],
      foreignColumns: [serviceRequests.tenantId, serviceRequests.id],
    }).onDelete('cascade'),
    check(
      'service_request_photos_content_type',
      sql`content_type IN ('image/jpeg', 'image/png', 'image/webp')`,
    ),
    check(
      'service_request_photos_size',
      sql`byte_size = octet_length(bytes) AND byte_size BETWEEN 1 AND 1572864`,
    ),
    check('service_request_photos_sha256_format', sql`sha256 ~ '^[0-9a-f]{64}$'`),
  ],
);

export type PmScheduleTask = typeof pmScheduleTasks.$inferSelect;
export type PmCompletion = typeof pmCompletions.$inferSelect;
export type AssetUsage = typeof assetUsage.$inferSelect;
export type ServiceRequestPhoto = typeof serviceRequestPhotos.$inferSelect;
