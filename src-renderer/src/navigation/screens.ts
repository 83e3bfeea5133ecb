// The screens of the station and who may use them. Lookup and Activity are for everyone; the
// daily log is for the roles the core lets record one (src-main/ops/daily-log-record.op.ts).
import { userRoleSchema, type UserRoleName } from '../../../src-preload/contract/session.ts';

export type ScreenId = 'lookup' | 'activity' | 'daily-log';

export interface ScreenEntry {
  id: ScreenId;
  label: string;
  /** Function key that opens the screen from anywhere in the shell. */
  shortcut: 'F2' | 'F3' | 'F4';
  roles: readonly UserRoleName[];
}

const EVERYONE = userRoleSchema.options;

export const SCREENS: readonly ScreenEntry[] = [
  { id: 'lookup', label: 'Lookup', shortcut: 'F2', roles: EVERYONE },
  { id: 'activity', label: 'Activity', shortcut: 'F3', roles: EVERYONE },
  { id: 'daily-log', label: 'Daily log', shortcut: 'F4', roles: ['supervisor', 'manager', 'admin'] },
];

export const HOME_SCREEN: ScreenId = 'lookup';

export function screensFor(role: UserRoleName): ScreenEntry[] {
  return SCREENS.filter((screen) => screen.roles.includes(role));
}

export function canUse(role: UserRoleName, screen: ScreenId): boolean {
  return screensFor(role).some((entry) => entry.id === screen);
}
