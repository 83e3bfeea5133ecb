// Every screen of the station, grouped by domain. F2 (Lookup) and F3 (Activity) work everywhere;
// each domain's screens have F4 to F10 within their group, so two domains may use the same key.
// Alt+1, Alt+2, Alt+3 open a group (its first screen the user may use); a function key opens the
// screen of the current group, or the only screen of the user's groups with that key. The nav bar
// shows the groups the user's role has and the current group's screens, each with its key.
import type { UserRoleName } from '../../../src-preload/contract/roles.ts';
import { MAINTENANCE_SCREENS } from '../maintenance/screens.ts';
import { SHELL_SCREENS } from '../shell/screens.ts';
import { STOCK_SCREENS } from '../stock/screens.ts';
import type { DomainScreenSpec, FunctionKey, GroupId, GroupKey, ScreenSpec } from './screen-spec.ts';

export interface ScreenGroup {
  id: GroupId;
  label: string;
  key: GroupKey;
  screens: readonly DomainScreenSpec[];
}

export const GROUPS: readonly ScreenGroup[] = [
  { id: 'stock', label: 'Stock', key: 'Alt+1', screens: STOCK_SCREENS },
  { id: 'maintenance', label: 'Maintenance', key: 'Alt+3', screens: MAINTENANCE_SCREENS },
];

/** The group a role starts in (its daily work); every role has one. */
export const HOME_GROUP: { readonly [R in UserRoleName]: GroupId } = {
  admin: 'stock',
  manager: 'stock',
  storekeeper: 'stock',
  technician: 'stock',
  logistics_clerk: 'logistics',
  supervisor: 'maintenance',
  operator: 'maintenance',
};

const ALL: readonly ScreenSpec[] = [...SHELL_SCREENS, ...GROUPS.flatMap((g) => g.screens)];

export function screenSpec(id: string): ScreenSpec | undefined {
  return ALL.find((screen) => screen.id === id);
}

/** The group a screen belongs to (null: a shell screen). */
export function groupOf(id: string): ScreenGroup | null {
  return GROUPS.find((group) => group.screens.some((screen) => screen.id === id)) ?? null;
}

export function canUse(role: UserRoleName, id: string): boolean {
  return screenSpec(id)?.roles.includes(role) ?? false;
}

/** The screen the user asked for, or Lookup (everyone's) when their role may not use it. */
export function screenToShow(role: UserRoleName, id: string): ScreenSpec {
  const asked = screenSpec(id);
  return asked?.roles.includes(role) ? asked : SHELL_SCREENS[0];
}

/** The shell screens on the nav bar (those with a key). */
export function shellScreensFor(role: UserRoleName): ScreenSpec[] {
  return SHELL_SCREENS.filter((screen) => screen.key !== null && screen.roles.includes(role));
}

/** The groups the role has a screen in, each with only the screens the role may use. */
export function groupsFor(role: UserRoleName): ScreenGroup[] {
  return GROUPS.map((group) => ({
    ...group,
    screens: group.screens.filter((s) => s.roles.includes(role)),
  })).filter((group) => group.screens.length > 0);
}

/** The group shown on the nav bar: the current screen's, else the one last used, else home. */
export function currentGroup(
  role: UserRoleName,
  screen: string,
  lastGroup: GroupId | null,
): ScreenGroup | null {
  const groups = groupsFor(role);
  const own = groupOf(screen)?.id ?? lastGroup ?? HOME_GROUP[role];
  return groups.find((group) => group.id === own) ?? groups[0] ?? null;
}

/** The screen a key opens for this role from the current group, if any. */
export function screenForKey(
  role: UserRoleName,
  group: ScreenGroup | null,
  key: FunctionKey | GroupKey,
): ScreenSpec | undefined {
  const groups = groupsFor(role);
  const byGroupKey = groups.find((g) => g.key === key);
  if (byGroupKey) return byGroupKey.screens[0];
  const shell = shellScreensFor(role).find((screen) => screen.key === key);
  if (shell) return shell;
  const inGroup = group?.screens.find((screen) => screen.key === key);
  if (inGroup) return inGroup;
  const elsewhere = groups.flatMap((g) => g.screens).filter((screen) => screen.key === key);
  return elsewhere.length === 1 ? elsewhere[0] : undefined;
}
