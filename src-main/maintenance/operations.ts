// The maintenance domain's operation handlers (optimistic apply and summary), one per operation
// type the contract declares for the domain (src-preload/contract/maintenance/operations.ts).
import type { maintenanceOperations } from '../../src-preload/contract/maintenance/operations.ts';
import type { OperationHandlers } from '../ops/operation-type.ts';
import { dailyLogRecord } from './daily-log-record.op.ts';
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
