// The shell's screens: for everyone, on F2 and F3 in every group; Scanner is opened from the
// scanner indicator.
import { SCANNER_SETTINGS_ROLES } from '../../../src-preload/contract/scanner.ts';
import { EVERYONE } from '../../../src-preload/contract/roles.ts';
import type { ScreenSpec } from '../navigation/screen-spec.ts';
import { ActivityScreen } from './activity-screen.tsx';
import { LookupScreen } from './lookup-screen.tsx';
import { ScannerSettingsScreen } from './scanner-settings-screen.tsx';

export const SHELL_SCREENS = [
  { id: 'lookup', label: 'Lookup', key: 'F2', roles: EVERYONE, component: LookupScreen },
  { id: 'activity', label: 'Activity', key: 'F3', roles: EVERYONE, component: ActivityScreen },
  {
    id: 'scanner',
    label: 'Scanner',
    key: null,
    roles: SCANNER_SETTINGS_ROLES,
    component: ScannerSettingsScreen,
  },
] as const satisfies readonly ScreenSpec[];
