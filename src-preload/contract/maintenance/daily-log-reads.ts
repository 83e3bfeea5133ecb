// Station API, domain "maintenance", the supervisor's day: the daily log grid of the site (one row
// per metered asset, with the day's log as the station sees it, yesterday's values and the asset's
// own normal), saving the grid's good rows in one go, the meter history of an asset and the
// corrections of a log.
import { z } from 'zod';
import { isoDate, uuid } from '../fields.ts';
import { anomalies, fuelLitres, runHours } from './daily-log.ts';

// dailyLog.grid -----------------------------------------------------------------------------------

export const dailyLogGridParamsSchema = z.object({ date: isoDate });

const anomalySchema = z.object({ code: z.string(), message: z.string() });

export const dailyLogGridRowSchema = z.object({
  asset_id: z.string(),
  client_code: z.string().nullable(),
  name: z.string(),
  category: z.string().nullable(),
  /** The location the asset is kept at (its area, building or yard). */
  area: z.string(),
  /** in_service, out_of_service, in_transit. */
  status: z.string(),
  tank_litres: z.number().nullable(),
  /** The hour meter as the machine shows it (the total minus the offset of the meter in use). */
  meter: z.number(),
  /** The day of the last log or machine reading behind the meter (null: none yet). */
  meter_date: z.string().nullable(),
  /** The day's log as the station sees it: applied (synced) or queued at this station. */
  log: z
    .object({
      id: z.string(),
      hours: z.number(),
      fuel: z.number(),
      notes: z.string().nullable(),
      anomalies: z.array(anomalySchema),
      state: z.enum(['applied', 'queued']),
      /** Who recorded it. */
      supervisor: z.string().nullable(),
      /** A queued correction of the log waits for the server. */
      correction_pending: z.boolean(),
    })
    .nullable(),
  /** This station's log of the day that the server refused (not yet acknowledged), with why. */
  rejected: z
    .object({ op_id: z.string(), reason: z.string(), hours: z.number(), fuel: z.number() })
    .nullable(),
  /** The day before's log (for "copy yesterday"). */
  yesterday: z.object({ hours: z.number(), fuel: z.number() }).nullable(),
  norms: z.object({
    hours: z.object({ days: z.number(), median: z.number(), q1: z.number(), q3: z.number() }).nullable(),
    burn: z.object({ days: z.number(), q1: z.number(), q3: z.number() }).nullable(),
  }),
});
export type DailyLogGridRow = z.infer<typeof dailyLogGridRowSchema>;

export const dailyLogDaySchema = z.object({
  status: z.enum(['open', 'submitted', 'reopened']),
  /** A submit or reopen queued and not yet confirmed by the server. */
  pending: z.boolean(),
  submitted_by: z.string().nullable(),
  submitted_at: z.string().nullable(),
  reopened_by: z.string().nullable(),
  reopened_at: z.string().nullable(),
  reopen_reason: z.string().nullable(),
});
export type DailyLogDay = z.infer<typeof dailyLogDaySchema>;

export const dailyLogGridResultSchema = z.object({
  date: z.string(),
  site: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  day: dailyLogDaySchema,
  rows: z.array(dailyLogGridRowSchema),
});
export type DailyLogGrid = z.infer<typeof dailyLogGridResultSchema>;

// dailyLog.save -----------------------------------------------------------------------------------

export const dailyLogSaveRowSchema = z.object({
  /** The operation's id, chosen once per row: saving the same row again queues nothing more. */
  op_id: uuid,
  log_id: uuid,
  asset_id: uuid,
  run_hours_added: runHours,
  fuel_liters_added: fuelLitres,
  notes: z.string().max(500, { message: 'can be at most 500 characters' }).optional(),
  /** The anomalies the supervisor confirmed for these values. */
  anomalies,
});
export type DailyLogSaveRow = z.infer<typeof dailyLogSaveRowSchema>;

export const dailyLogSaveParamsSchema = z.object({
  date: isoDate,
  rows: z.array(dailyLogSaveRowSchema).min(1, { message: 'must have a row' }).max(2000),
});

export const dailyLogSaveResultSchema = z.object({
  /** Rows queued now or before (each one operation). */
  queued: z.array(z.object({ asset_id: z.string(), op_id: z.string() })),
  /** Rows the station refused, with the reason; nothing of them was queued. */
  refused: z.array(z.object({ asset_id: z.string(), code: z.string(), message: z.string() })),
});
export type DailyLogSaveResult = z.infer<typeof dailyLogSaveResultSchema>;

// meters.history ------------------------------------------------------------------------------------

export const meterHistoryParamsSchema = z.object({
  asset_id: uuid,
  limit: z.number().int().min(1).max(100).default(10),
});

export const meterHistoryResultSchema = z.object({
  asset_id: z.string(),
  /** The run-hour meter as the machine shows it, and its continuous total. */
  meter: z.number(),
  total: z.number(),
  /** The offset of the meter in use (total = shown + offset). */
  offset: z.number(),
  /** The latest readings, newest first (shown as the meter showed them). */
  readings: z.array(
    z.object({
      id: z.string(),
      read_at: z.string(),
      reading: z.number(),
      total: z.number(),
      adjustment: z.number(),
      source: z.string(),
      reason: z.string().nullable(),
      pending: z.boolean(),
    }),
  ),
  replacements: z.array(
    z.object({
      replaced_at: z.string(),
      old_final_reading: z.number(),
      new_start_reading: z.number(),
      reason: z.string(),
    }),
  ),
});
export type MeterHistory = z.infer<typeof meterHistoryResultSchema>;

// dailyLog.corrections ------------------------------------------------------------------------------

export const dailyLogCorrectionsParamsSchema = z.object({ log_id: uuid });

export const dailyLogCorrectionsResultSchema = z.array(
  z.object({
    old_hours: z.number(),
    new_hours: z.number(),
    old_fuel: z.number(),
    new_fuel: z.number(),
    reason: z.string(),
    corrected_by: z.string().nullable(),
    corrected_at: z.string(),
    pending: z.boolean(),
  }),
);
export type DailyLogCorrections = z.infer<typeof dailyLogCorrectionsResultSchema>;
