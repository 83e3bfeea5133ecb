// The stock domain's screens: the storekeeper's counter, the Stock views and parts used on work
// orders. Who may open each is who may do its operation (the contract's roles).
import { OPERATIONS } from '../../../src-preload/contract/operations.ts';
import { COUNTER_ROLES } from '../../../src-preload/contract/stock/operations.ts';
import type { DomainScreenSpec } from '../navigation/screen-spec.ts';
import { ConsumeScreen } from './consume/consume-screen.tsx';
import { CountScreen } from './counter/count-screen.tsx';
import { IssueScreen } from './counter/issue-screen.tsx';
import { ReceiveScreen } from './counter/receive-screen.tsx';
import { ReturnScreen } from './counter/return-screen.tsx';
import { StockScreen } from './stock-view/stock-screen.tsx';

export const STOCK_SCREENS = [
  {
    id: 'receive',
    label: 'Receive',
    key: 'F5',
    roles: OPERATIONS['stock.receive'].roles,
    component: ReceiveScreen,
  },
  { id: 'issue', label: 'Issue', key: 'F6', roles: OPERATIONS['wallet.issue'].roles, component: IssueScreen },
  {
    id: 'return',
    label: 'Return',
    key: 'F7',
    roles: OPERATIONS['wallet.return'].roles,
    component: ReturnScreen,
  },
  { id: 'count', label: 'Count', key: 'F8', roles: OPERATIONS['stock.count'].roles, component: CountScreen },
  // Stock only reads: supervisors see it too (they book parts for their crews).
  { id: 'stock', label: 'Stock', key: 'F9', roles: [...COUNTER_ROLES, 'supervisor'], component: StockScreen },
  {
    id: 'consume',
    label: 'Consume',
    key: 'F10',
    roles: OPERATIONS['wo.consume'].roles,
    component: ConsumeScreen,
  },
] as const satisfies readonly DomainScreenSpec[];
