// The maintenance domain's operation handlers (optimistic apply and summary), one per operation
// type the contract declares for the domain (src-preload/contract/maintenance/operations.ts).
import type { maintenanceOperations } from '../../src-preload/contract/maintenance/operations.ts';
import type { OperationHandlers } from '../ops/operation-type.ts';
import { dailyLogRecord } from './daily-log-record.op.ts';

export const maintenanceOperationHandlers: OperationHandlers<keyof typeof maintenanceOperations> = {
  'daily_log.record': dailyLogRecord,
};
