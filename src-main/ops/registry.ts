// Every operation type the station knows. The server's amms_private.op_types holds the same types
// and roles (a test proves they agree).
import type { OperationType } from '../../src-preload/contract/operations.ts';
import { dailyLogRecord } from './daily-log-record.op.ts';
import type { OperationDefinition } from './operation-type.ts';
import { stockReceive } from './stock-receive.op.ts';
import { walletIssue } from './wallet-issue.op.ts';

export const OPERATIONS: { [T in OperationType]: OperationDefinition<T> } = {
  'stock.receive': stockReceive,
  'wallet.issue': walletIssue,
  'daily_log.record': dailyLogRecord,
};
