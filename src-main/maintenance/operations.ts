// The maintenance domain's operation handlers (optimistic apply and summary), one per operation
// type the contract declares for the domain (src-preload/contract/maintenance/operations.ts).
import type { maintenanceOperations } from '../../src-preload/contract/maintenance/operations.ts';
import type { OperationHandlers } from '../ops/operation-type.ts';
import { dailyLogCorrect } from './daily-log-correct.op.ts';
import { dailyLogRecord } from './daily-log-record.op.ts';
import { dailyLogReopenDay } from './daily-log-reopen-day.op.ts';
import { dailyLogSubmitDay } from './daily-log-submit-day.op.ts';
import { meterReading } from './meter-reading.op.ts';
import { meterReplace } from './meter-replace.op.ts';
import { serviceRequestConvert } from './ops/service-request-convert.op.ts';
import { serviceRequestFile } from './ops/service-request-file.op.ts';
import { serviceRequestReject } from './ops/service-request-reject.op.ts';
import { woCancel } from './ops/wo-cancel.op.ts';
import { woClose } from './ops/wo-close.op.ts';
import { woCreate } from './ops/wo-create.op.ts';
import { woReady } from './ops/wo-ready.op.ts';
import { woStart } from './ops/wo-start.op.ts';
import { woTaskResult } from './ops/wo-task-result.op.ts';

export const maintenanceOperationHandlers: OperationHandlers<keyof typeof maintenanceOperations> = {
  'daily_log.record': dailyLogRecord,
  'daily_log.correct': dailyLogCorrect,
  'daily_log.submit_day': dailyLogSubmitDay,
  'daily_log.reopen_day': dailyLogReopenDay,
  'meter.reading': meterReading,
  'meter.replace': meterReplace,
  'wo.create': woCreate,
  'wo.ready': woReady,
  'wo.start': woStart,
  'wo.task_result': woTaskResult,
  'wo.close': woClose,
  'wo.cancel': woCancel,
  'service_request.file': serviceRequestFile,
  'service_request.reject': serviceRequestReject,
  'service_request.convert': serviceRequestConvert,
};
