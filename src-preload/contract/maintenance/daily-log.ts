// Domain "maintenance", the supervisor's day: daily logs (record, correct) and the day lock
// (submit, reopen). docs/operations.md documents each type; the server functions are in
// db/functions/maintenance/.
import { z } from 'zod';
import { isoDate, optionalText, requiredText, uuid } from '../fields.ts';
import { defineOperation } from '../operation.ts';
import type { UserRoleName } from '../roles.ts';

/** Who enters and corrects a site's daily logs, and submits its days. */
export const DAILY_LOG_ROLES: readonly UserRoleName[] = ['supervisor', 'manager', 'admin'];
/** Who reopens a submitted day. */
export const REOPEN_DAY_ROLES: readonly UserRoleName[] = ['manager', 'admin'];

export const ANOMALY_CODES = [
  'hours_above_normal',
  'burn_rate_outside_band',
  'fuel_without_hours',
  'hours_out_of_service',
  'hours_in_transit',
] as const;

const twoDecimals = (value: number): boolean => Math.round(value * 100) / 100 === value;

export const runHours = z
  .number({ message: 'must be a number' })
  .min(0, { message: 'cannot be negative' })
  .max(24, { message: 'cannot be more than 24 hours in a day' })
  .refine(twoDecimals, { message: 'can have at most 2 decimals' });

export const fuelLitres = z
  .number({ message: 'must be a number' })
  .min(0, { message: 'cannot be negative' })
  .max(100_000, { message: 'must be at most 100,000 litres' })
  .refine(twoDecimals, { message: 'can have at most 2 decimals' });

/** Anomalies the supervisor confirmed: kept on the log, flagged for the manager. */
export const anomalies = z
  .array(
    z.object({
      code: z.enum(ANOMALY_CODES, { message: 'must be a known anomaly' }),
      message: z
        .string({ message: 'must be text' })
        .trim()
        .min(1, { message: 'is required' })
        .max(300, { message: 'can be at most 300 characters' }),
    }),
    { message: 'must be a list' },
  )
  .max(10, { message: 'can list at most 10' })
  .optional();

/** A supervisor's run hours and fuel for one asset and day. */
export const dailyLogRecord = defineOperation({
  type: 'daily_log.record',
  label: 'Daily log',
  pendingWord: 'log',
  roles: DAILY_LOG_ROLES,
  payload: z.object({
    log_id: uuid.optional(),
    asset_id: uuid,
    date: isoDate,
    run_hours_added: runHours,
    fuel_liters_added: fuelLitres,
    notes: optionalText(500),
    anomalies,
  }),
  fields: {
    log_id: 'log id',
    asset_id: 'asset',
    date: 'date',
    run_hours_added: 'run hours',
    fuel_liters_added: 'fuel',
    notes: 'notes',
    anomalies: 'anomalies',
    code: 'anomaly',
    message: 'anomaly message',
  },
});

/** A change of a logged day's hours, fuel or notes, with a reason. */
export const dailyLogCorrect = defineOperation({
  type: 'daily_log.correct',
  label: 'Daily log correction',
  pendingWord: 'correction',
  roles: DAILY_LOG_ROLES,
  payload: z.object({
    correction_id: uuid.optional(),
    log_id: uuid,
    run_hours_added: runHours,
    fuel_liters_added: fuelLitres,
    notes: optionalText(500),
    reason: requiredText(500),
    expected: z
      .object(
        { run_hours_added: runHours, fuel_liters_added: fuelLitres },
        { message: 'must be the values seen' },
      )
      .optional(),
    anomalies,
  }),
  fields: {
    correction_id: 'correction id',
    log_id: 'daily log',
    run_hours_added: 'run hours',
    fuel_liters_added: 'fuel',
    notes: 'notes',
    reason: 'reason',
    expected: 'values seen',
    anomalies: 'anomalies',
    code: 'anomaly',
    message: 'anomaly message',
  },
});

/** A supervisor submits the site's day: its logs are locked until a manager reopens it. */
export const dailyLogSubmitDay = defineOperation({
  type: 'daily_log.submit_day',
  label: 'Day submitted',
  pendingWord: 'submit',
  roles: DAILY_LOG_ROLES,
  payload: z.object({ day_id: uuid.optional(), site_id: uuid.optional(), date: isoDate }),
  fields: { day_id: 'day id', site_id: 'site', date: 'date' },
});

/** A manager reopens a submitted day, with a reason. */
export const dailyLogReopenDay = defineOperation({
  type: 'daily_log.reopen_day',
  label: 'Day reopened',
  pendingWord: 'reopen',
  roles: REOPEN_DAY_ROLES,
  payload: z.object({ site_id: uuid.optional(), date: isoDate, reason: requiredText(500) }),
  fields: { site_id: 'site', date: 'date', reason: 'reason' },
});
