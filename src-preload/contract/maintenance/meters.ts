// Domain "maintenance", meters: an absolute reading of an asset's hour meter or odometer, and a
// replaced meter. docs/operations.md ("Meters") explains the continuous total and the anchoring on
// readings; the server functions are in db/functions/maintenance/.
import { z } from 'zod';
import { optionalText, requiredText, uuid } from '../fields.ts';
import { defineOperation } from '../operation.ts';
import { DAILY_LOG_ROLES } from './daily-log.ts';

export const METER_KINDS = ['run_hours', 'odometer'] as const;

/** A local date and time with its UTC offset: 2026-11-24T17:30+03:00 (seconds optional). */
export const localTime = z
  .string({ message: 'must be a date and time like 2026-11-24T17:30+03:00' })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'must be a date and time like 2026-11-24T17:30+03:00',
  });

export const meterValue = z
  .number({ message: 'must be a number' })
  .min(0, { message: 'cannot be negative' })
  .max(99_999_999, { message: 'must be at most 99,999,999' })
  .refine((value) => Math.round(value * 100) / 100 === value, { message: 'can have at most 2 decimals' });

const meter = z.enum(METER_KINDS, { message: 'must be run_hours or odometer' }).optional();

/** What the machine's meter shows at a time; the latest reading re-aligns the asset's meter. */
export const meterReading = defineOperation({
  type: 'meter.reading',
  label: 'Meter reading',
  pendingWord: 'reading',
  roles: DAILY_LOG_ROLES,
  payload: z.object({
    reading_id: uuid.optional(),
    asset_id: uuid,
    meter,
    read_at: localTime,
    reading: meterValue,
    reason: optionalText(500),
    notes: optionalText(500),
  }),
  fields: {
    reading_id: 'reading id',
    asset_id: 'asset',
    meter: 'meter',
    read_at: 'time of the reading',
    reading: 'reading',
    reason: 'reason',
    notes: 'notes',
  },
});

/** A replaced or reset meter: the total stays continuous. */
export const meterReplace = defineOperation({
  type: 'meter.replace',
  label: 'Meter replaced',
  pendingWord: 'replacement',
  roles: DAILY_LOG_ROLES,
  payload: z.object({
    replacement_id: uuid.optional(),
    asset_id: uuid,
    meter,
    replaced_at: localTime,
    old_final_reading: meterValue,
    new_start_reading: meterValue,
    reason: requiredText(500),
    notes: optionalText(500),
  }),
  fields: {
    replacement_id: 'replacement id',
    asset_id: 'asset',
    meter: 'meter',
    replaced_at: 'time of the replacement',
    old_final_reading: "old meter's final reading",
    new_start_reading: "new meter's start reading",
    reason: 'reason',
    notes: 'notes',
  },
});
