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
};

export function operationLabel(type: string): string {
  return OPERATION_LABELS[type] ?? type;
}

export function roleLabel(role: UserRoleName): string {
  const text = role.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
