// The stock domain's operation handlers (optimistic apply and summary), one per operation type the
// contract declares for the domain (src-preload/contract/stock/operations.ts).
import type { stockOperations } from '../../src-preload/contract/stock/operations.ts';
import type { OperationHandlers } from '../ops/operation-type.ts';
import { stockCount } from './stock-count.op.ts';
import { stockReceive } from './stock-receive.op.ts';
import { walletIssue } from './wallet-issue.op.ts';
import { walletReturn } from './wallet-return.op.ts';
import { woConsume } from './wo-consume.op.ts';

export const stockOperationHandlers: OperationHandlers<keyof typeof stockOperations> = {
  'stock.receive': stockReceive,
  'wallet.issue': walletIssue,
  'wallet.return': walletReturn,
  'wo.consume': woConsume,
  'stock.count': stockCount,
};
