// Every operation type's core side, joined from the domains: the compiler refuses a type the
// contract declares without its handler (OperationRegistry is keyed by every OperationType).
import { logisticsOperationHandlers } from '../logistics/operations.ts';
import { maintenanceOperationHandlers } from '../maintenance/operations.ts';
import type { OperationRegistry } from '../ops/operation-type.ts';
import { stockOperationHandlers } from '../stock/operations.ts';

export const STATION_OPERATIONS: OperationRegistry = {
  ...stockOperationHandlers,
  ...logisticsOperationHandlers,
  ...maintenanceOperationHandlers,
};
