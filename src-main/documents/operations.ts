// The documents room's operation types: the core's side of each.
import type { documentOperations } from '../../src-preload/contract/documents/operations.ts';
import type { OperationHandlers } from '../ops/operation-type.ts';
import { documentIssue } from './document-issue.op.ts';

export const documentOperationHandlers: OperationHandlers<keyof typeof documentOperations> = {
  'document.issue': documentIssue,
};
