// Words for the contract's codes, as the counter reads them.
import type { LookupKind } from '../../../src-preload/contract/lookup.ts';
import type { UserRoleName } from '../../../src-preload/contract/session.ts';

export const KIND_LABELS: Record<LookupKind, string> = {
  asset: 'Asset',
  part: 'Part',
  location: 'Location',
  user: 'Person',
  work_order: 'Work order',
  shipment: 'Shipment',
};

const OPERATION_LABELS: Record<string, string> = {
  'daily_log.record': 'Daily log',
  'stock.receive': 'Stock receipt',
  'wallet.issue': 'Wallet issue',
  'wallet.return': 'Wallet return',
  'wo.consume': 'Used on work order',
  'stock.count': 'Cycle count',
};

export function operationLabel(type: string): string {
  return OPERATION_LABELS[type] ?? type;
}

export function roleLabel(role: UserRoleName): string {
  const text = role.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What a pending operation does to a quantity, in a few words: "3 pending issue". */
const PENDING_WORDS: Record<string, string> = {
  'stock.receive': 'receipt',
  'wallet.issue': 'issue',
  'wallet.return': 'return',
  'wo.consume': 'use',
  'stock.count': 'count',
};

export function pendingWord(type: string): string {
  return PENDING_WORDS[type] ?? type;
}

const MOVEMENT_LABELS: Record<string, string> = {
  receive: 'Received',
  issue: 'Issued',
  return: 'Returned',
  return_defective: 'Returned defective',
  consume: 'Used on work order',
  adjust: 'Count adjustment',
};

export function movementLabel(type: string): string {
  return MOVEMENT_LABELS[type] ?? type.replace(/_/g, ' ');
}
