// Every operation type the station knows. The server's amms_private.op_types holds the same types
// and roles (a test proves they agree).
import type { OperationType } from '../../src-preload/contract/operations.ts';
import { dailyLogRecord } from './daily-log-record.op.ts';
import type { OperationDefinition } from './operation-type.ts';
import { stockCount } from './stock-count.op.ts';
import { stockReceive } from './stock-receive.op.ts';
import { walletIssue } from './wallet-issue.op.ts';
import { walletReturn } from './wallet-return.op.ts';
import { woConsume } from './wo-consume.op.ts';

export const OPERATIONS: { [T in OperationType]: OperationDefinition<T> } = {
  'stock.receive': stockReceive,
  'wallet.issue': walletIssue,
  'wallet.return': walletReturn,
  'wo.consume': woConsume,
  'stock.count': stockCount,
  'daily_log.record': dailyLogRecord,
};
