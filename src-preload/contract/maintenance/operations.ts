// Domain "maintenance", operations: daily logs, meters, work orders and service requests.
// docs/operations.md documents each type.
import { z } from 'zod';
import { isoDate, optionalText, uuid } from '../fields.ts';
import { defineOperation, operationMap } from '../operation.ts';
import type { UserRoleName } from '../roles.ts';

/** Who enters and corrects a site's daily logs. */
export const DAILY_LOG_ROLES: readonly UserRoleName[] = ['supervisor', 'manager', 'admin'];

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
    run_hours_added: z
      .number({ message: 'must be a number' })
      .min(0, { message: 'cannot be negative' })
      .max(24, { message: 'cannot be more than 24 hours in a day' }),
    fuel_liters_added: z
      .number({ message: 'must be a number' })
      .min(0, { message: 'cannot be negative' })
      .max(100_000, { message: 'must be at most 100,000 litres' }),
    notes: optionalText(500),
  }),
  fields: {
    log_id: 'log id',
    asset_id: 'asset',
    date: 'date',
    run_hours_added: 'run hours',
    fuel_liters_added: 'fuel',
    notes: 'notes',
  },
});

export const maintenanceOperations = operationMap(dailyLogRecord);
