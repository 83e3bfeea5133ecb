// The screens of the station and who may use them. Lookup and Activity are for everyone; the
// daily log is for the roles the core lets record one (src-main/ops/daily-log-record.op.ts); the
// counter screens for the roles the counter operations accept (docs/operations.md).
import { SCANNER_SETTINGS_ROLES } from '../../../src-preload/contract/scanner.ts';
import { userRoleSchema, type UserRoleName } from '../../../src-preload/contract/session.ts';

export type ScreenId =
  | 'lookup'
  | 'activity'
  | 'daily-log'
  | 'receive'
  | 'issue'
  | 'return'
  | 'count'
  | 'stock'
  | 'consume'
  | 'scanner';

export interface ScreenEntry {
  id: ScreenId;
  label: string;
  /** Function key that opens the screen from anywhere in the shell. */
  shortcut: 'F2' | 'F3' | 'F4' | 'F5' | 'F6' | 'F7' | 'F8' | 'F9' | 'F10';
  roles: readonly UserRoleName[];
}

const EVERYONE = userRoleSchema.options;
const COUNTER: readonly UserRoleName[] = ['storekeeper', 'manager', 'admin'];

export const SCREENS: readonly ScreenEntry[] = [
  { id: 'lookup', label: 'Lookup', shortcut: 'F2', roles: EVERYONE },
  { id: 'activity', label: 'Activity', shortcut: 'F3', roles: EVERYONE },
  { id: 'daily-log', label: 'Daily log', shortcut: 'F4', roles: ['supervisor', 'manager', 'admin'] },
  { id: 'receive', label: 'Receive', shortcut: 'F5', roles: COUNTER },
  { id: 'issue', label: 'Issue', shortcut: 'F6', roles: COUNTER },
  { id: 'return', label: 'Return', shortcut: 'F7', roles: COUNTER },
  { id: 'count', label: 'Count', shortcut: 'F8', roles: COUNTER },
  // Stock only reads: supervisors see it too (they book parts for their crews).
  { id: 'stock', label: 'Stock', shortcut: 'F9', roles: ['storekeeper', 'supervisor', 'manager', 'admin'] },
  // The roles of wo.consume (docs/operations.md); a technician books from their own wallet.
  {
    id: 'consume',
    label: 'Consume',
    shortcut: 'F10',
    roles: ['technician', 'storekeeper', 'supervisor', 'manager', 'admin'],
  },
];

export const HOME_SCREEN: ScreenId = 'lookup';

export function screensFor(role: UserRoleName): ScreenEntry[] {
  return SCREENS.filter((screen) => screen.roles.includes(role));
}

/** Screens opened from the shell rather than the nav bar (the scanner indicator opens 'scanner'). */
export const SHELL_SCREENS: readonly Omit<ScreenEntry, 'shortcut'>[] = [
  { id: 'scanner', label: 'Scanner', roles: SCANNER_SETTINGS_ROLES },
];

export function canUse(role: UserRoleName, screen: ScreenId): boolean {
  return (
    screensFor(role).some((entry) => entry.id === screen) ||
    SHELL_SCREENS.some((entry) => entry.id === screen && entry.roles.includes(role))
  );
}
