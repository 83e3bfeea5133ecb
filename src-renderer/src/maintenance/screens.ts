// The maintenance domain's screens. Who may open each is who may do its operation (the contract's
// roles).
import { OPERATIONS } from '../../../src-preload/contract/operations.ts';
import type { DomainScreenSpec } from '../navigation/screen-spec.ts';
import { DailyLogScreen } from './daily-log-screen.tsx';

export const MAINTENANCE_SCREENS = [
  {
    id: 'daily-log',
    label: 'Daily log',
    key: 'F4',
    roles: OPERATIONS['daily_log.record'].roles,
    component: DailyLogScreen,
  },
] as const satisfies readonly DomainScreenSpec[];
