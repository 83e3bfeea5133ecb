// Domain "maintenance", operations: daily logs and the day lock (daily-log.ts), meters
// (meters.ts), work orders (work-order-operations.ts) and service requests
// (request-operations.ts). docs/operations.md documents each type.
import { operationMap } from '../operation.ts';
import { dailyLogCorrect, dailyLogRecord, dailyLogReopenDay, dailyLogSubmitDay } from './daily-log.ts';
import { meterReading, meterReplace } from './meters.ts';
import { serviceRequestConvert, serviceRequestFile, serviceRequestReject } from './request-operations.ts';
import { woCancel, woClose, woCreate, woReady, woStart, woTaskResult } from './work-order-operations.ts';

export { DAILY_LOG_ROLES } from './daily-log.ts';

export const maintenanceOperations = operationMap(
  dailyLogRecord,
  dailyLogCorrect,
  dailyLogSubmitDay,
  dailyLogReopenDay,
  meterReading,
  meterReplace,
  woCreate,
  woReady,
  woStart,
  woTaskResult,
  woClose,
  woCancel,
  serviceRequestFile,
  serviceRequestReject,
  serviceRequestConvert,
);
