// The maintenance domain's screens. Who may open each is who may do its operation (the contract's
// roles); the PM board and the asset card only read, so whoever works on or reports on machines
// sees them.
import { REPORTING_ROLES } from '../../../src-preload/contract/maintenance/request-operations.ts';
import { WORKING_ROLES } from '../../../src-preload/contract/maintenance/work-order-operations.ts';
import { OPERATIONS } from '../../../src-preload/contract/operations.ts';
import type { DomainScreenSpec } from '../navigation/screen-spec.ts';
import { AssetCardScreen } from './asset/asset-card-screen.tsx';
import { DailyLogScreen } from './daily-log-screen.tsx';
import { PmBoardScreen } from './pm/pm-board-screen.tsx';
import { RequestsScreen } from './requests/requests-screen.tsx';
import { WorkOrdersScreen } from './work-orders/work-orders-screen.tsx';

export const MAINTENANCE_SCREENS = [
  {
    id: 'daily-log',
    label: 'Daily log',
    key: 'F4',
    roles: OPERATIONS['daily_log.record'].roles,
    component: DailyLogScreen,
  },
  { id: 'work-orders', label: 'Work orders', key: 'F5', roles: WORKING_ROLES, component: WorkOrdersScreen },
  { id: 'pm-board', label: 'PM board', key: 'F6', roles: WORKING_ROLES, component: PmBoardScreen },
  {
    id: 'requests',
    label: 'Requests',
    key: 'F7',
    roles: OPERATIONS['service_request.file'].roles,
    component: RequestsScreen,
  },
  { id: 'asset-card', label: 'Asset card', key: 'F8', roles: REPORTING_ROLES, component: AssetCardScreen },
] as const satisfies readonly DomainScreenSpec[];
