// Domain "maintenance", operations: daily logs and the day lock (daily-log.ts), meters
// (meters.ts), work orders and service requests. docs/operations.md documents each type.
import { operationMap } from '../operation.ts';
import { dailyLogCorrect, dailyLogRecord, dailyLogReopenDay, dailyLogSubmitDay } from './daily-log.ts';
import { meterReading, meterReplace } from './meters.ts';

export { DAILY_LOG_ROLES } from './daily-log.ts';

export const maintenanceOperations = operationMap(
  dailyLogRecord,
  dailyLogCorrect,
  dailyLogSubmitDay,
  dailyLogReopenDay,
  meterReading,
  meterReplace,
);
