// The logistics domain's screens: the clerk's trucks. Who may open each is who may do its
// operations (the contract's roles): storekeepers load and receive parts too.
import { OPERATIONS } from '../../../src-preload/contract/operations.ts';
import type { DomainScreenSpec } from '../navigation/screen-spec.ts';
import { LoadScreen } from './load-screen.tsx';
import { ReceiveTruckScreen } from './receive-truck-screen.tsx';
import { ShipmentsScreen } from './shipments-screen.tsx';

export const LOGISTICS_SCREENS = [
  {
    id: 'shipments',
    label: 'Shipments',
    key: 'F4',
    roles: OPERATIONS['shipment.load'].roles,
    component: ShipmentsScreen,
  },
  { id: 'load', label: 'Load', key: 'F5', roles: OPERATIONS['shipment.load'].roles, component: LoadScreen },
  {
    id: 'receive-truck',
    label: 'Receive truck',
    key: 'F6',
    roles: OPERATIONS['shipment.receive'].roles,
    component: ReceiveTruckScreen,
  },
] as const satisfies readonly DomainScreenSpec[];
