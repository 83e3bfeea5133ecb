// Meter history in the station's SQLite mirror: readings in time order and replaced meters (the
// offset of the meter in use). See core.ts for the storage contract.
import { index, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { meterKind, meterReadingSource } from '../pg/enums.ts';
import { stamps, tenantRow } from './core.ts';

export const meterReplacements = sqliteTable(
  'meter_replacements',
  {
    ...tenantRow(),
    assetId: text('asset_id').notNull(),
    meter: text('meter', { enum: meterKind.enumValues }).notNull(),
    replacedAt: text('replaced_at').notNull(),
    replacedOn: text('replaced_on').notNull(),
    oldFinalReading: real('old_final_reading').notNull(),
    newStartReading: real('new_start_reading').notNull(),
    meterTotal: real('meter_total').notNull(),
    offsetBefore: real('offset_before').notNull(),
    offsetAfter: real('offset_after').notNull(),
    reason: text('reason').notNull(),
    recordedByUserId: text('recorded_by_user_id').notNull(),
    opId: text('op_id'),
    ...stamps(),
  },
  (t) => [index('meter_replacements_asset_idx').on(t.assetId, t.meter, t.replacedAt)],
);

export const meterReadings = sqliteTable(
  'meter_readings',
  {
    ...tenantRow(),
    assetId: text('asset_id').notNull(),
    meter: text('meter', { enum: meterKind.enumValues }).notNull(),
    source: text('source', { enum: meterReadingSource.enumValues }).notNull(),
    replacementId: text('replacement_id'),
    readAt: text('read_at').notNull(),
    readOn: text('read_on').notNull(),
    reading: real('reading').notNull(),
    meterTotal: real('meter_total').notNull(),
    adjustment: real('adjustment').notNull(),
    reason: text('reason'),
    notes: text('notes'),
    recordedByUserId: text('recorded_by_user_id').notNull(),
    opId: text('op_id'),
    ...stamps(),
  },
  (t) => [index('meter_readings_asset_idx').on(t.assetId, t.meter, t.readAt)],
);

export type MeterReplacement = typeof meterReplacements.$inferSelect;
export type MeterReading = typeof meterReadings.$inferSelect;
