// Meter history (migration 0014): absolute readings in time order, and replaced meters. Every
// reading is kept as the meter showed it (reading) and as the asset's continuous total
// (meter_total = reading + the offset of the meter in use); a replacement moves the offset so
// that the total stays continuous.
import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { stamps, tenantRow, timestamptz } from './columns.ts';
import { users } from './core.ts';
import { tenantOwned } from './tenants.ts';
import { meterKind, meterReadingSource } from './enums.ts';
import { assets } from './registry.ts';
import { opLedger } from './sync.ts';

export const meterReplacements = pgTable(
  'meter_replacements',
  {
    ...tenantRow(),
    assetId: uuid('asset_id').notNull(),
    meter: meterKind('meter').notNull().default('run_hours'),
    replacedAt: timestamptz('replaced_at').notNull(),
    replacedOn: date('replaced_on').notNull(),
    oldFinalReading: numeric('old_final_reading', { precision: 12, scale: 2 }).notNull(),
    newStartReading: numeric('new_start_reading', { precision: 12, scale: 2 }).notNull(),
    meterTotal: numeric('meter_total', { precision: 12, scale: 2 }).notNull(),
    offsetBefore: numeric('offset_before', { precision: 12, scale: 2 }).notNull(),
    offsetAfter: numeric('offset_after', { precision: 12, scale: 2 }).notNull(),
    reason: text('reason').notNull(),
    recordedByUserId: uuid('recorded_by_user_id').notNull(),
    opId: uuid('op_id'),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('meter_replacements', t),
    foreignKey({
      name: 'meter_replacements_asset_fk',
      columns: [t.tenantId, t.assetId],
      foreignColumns: [assets.tenantId, assets.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'meter_replacements_recorded_by_fk',
      columns: [t.tenantId, t.recordedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({ name: 'meter_replacements_op_fk', columns: [t.opId], foreignColumns: [opLedger.opId] }),
    check('meter_replacements_readings_nonnegative', sql`old_final_reading >= 0 AND new_start_reading >= 0`),
    check('meter_replacements_total_nonnegative', sql`meter_total >= 0`),
    check('meter_replacements_continuous_old', sql`meter_total = old_final_reading + offset_before`),
    check('meter_replacements_continuous_new', sql`meter_total = new_start_reading + offset_after`),
    check('meter_replacements_reason_length', sql`char_length(btrim(reason)) BETWEEN 1 AND 500`),
    index('meter_replacements_asset_idx').on(t.tenantId, t.assetId, t.meter, t.replacedAt),
  ],
);

export const meterReadings = pgTable(
  'meter_readings',
  {
    ...tenantRow(),
    assetId: uuid('asset_id').notNull(),
    meter: meterKind('meter').notNull().default('run_hours'),
    source: meterReadingSource('source').notNull().default('reading'),
    replacementId: uuid('replacement_id'),
    readAt: timestamptz('read_at').notNull(),
    readOn: date('read_on').notNull(),
    reading: numeric('reading', { precision: 12, scale: 2 }).notNull(),
    meterTotal: numeric('meter_total', { precision: 12, scale: 2 }).notNull(),
    adjustment: numeric('adjustment', { precision: 12, scale: 2 })
      .notNull()
      .default(sql`0`),
    reason: text('reason'),
    notes: text('notes'),
    recordedByUserId: uuid('recorded_by_user_id').notNull(),
    opId: uuid('op_id'),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('meter_readings', t),
    foreignKey({
      name: 'meter_readings_asset_fk',
      columns: [t.tenantId, t.assetId],
      foreignColumns: [assets.tenantId, assets.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'meter_readings_replacement_fk',
      columns: [t.tenantId, t.replacementId],
      foreignColumns: [meterReplacements.tenantId, meterReplacements.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'meter_readings_recorded_by_fk',
      columns: [t.tenantId, t.recordedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({ name: 'meter_readings_op_fk', columns: [t.opId], foreignColumns: [opLedger.opId] }),
    check('meter_readings_replacement_source', sql`(source = 'replacement') = (replacement_id IS NOT NULL)`),
    check('meter_readings_reading_nonnegative', sql`reading >= 0`),
    check('meter_readings_total_nonnegative', sql`meter_total >= 0`),
    check('meter_readings_down_has_reason', sql`adjustment >= 0 OR reason IS NOT NULL`),
    check('meter_readings_reason_length', sql`char_length(btrim(reason)) BETWEEN 1 AND 500`),
    check('meter_readings_notes_length', sql`char_length(notes) <= 500`),
    index('meter_readings_asset_idx').on(t.tenantId, t.assetId, t.meter, t.readAt),
  ],
);

export type MeterReplacement = typeof meterReplacements.$inferSelect;
export type NewMeterReplacement = typeof meterReplacements.$inferInsert;
export type MeterReading = typeof meterReadings.$inferSelect;
export type NewMeterReading = typeof meterReadings.$inferInsert;
