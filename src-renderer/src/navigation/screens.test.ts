// Navigation for every role: each screen the role may use is reachable by a key shown on the nav
// bar, and no key opens two screens of the same group.
import { describe, expect, it } from 'vitest';
import { USER_ROLES } from '../../../src-preload/contract/roles.ts';
import { currentGroup, GROUPS, groupsFor, HOME_GROUP, screenForKey, shellScreensFor } from './screens.ts';

describe.each(USER_ROLES)('navigation for %s', (role) => {
  it('reaches every screen of every group with the group key and the screen key', () => {
    for (const group of groupsFor(role)) {
      for (const screen of group.screens) {
        const inGroup = screenForKey(role, group, screen.key);
        expect(inGroup?.id, `${screen.id} by ${screen.key} in ${group.label}`).toBe(screen.id);
        const opened = screenForKey(role, currentGroup(role, 'lookup', null), group.key);
        expect(opened?.id).toBe(group.screens[0]?.id);
      }
    }
  });

  it('keeps F2 and F3 for Lookup and Activity in every group', () => {
    for (const group of [...groupsFor(role), null]) {
      expect(screenForKey(role, group, 'F2')?.id).toBe('lookup');
      expect(screenForKey(role, group, 'F3')?.id).toBe('activity');
    }
    expect(shellScreensFor(role).map((s) => s.key)).toEqual(['F2', 'F3']);
  });

  it('starts in the role’s home group when it has one', () => {
    const group = currentGroup(role, 'lookup', null);
    const groups = groupsFor(role);
    if (groups.some((g) => g.id === HOME_GROUP[role])) expect(group?.id).toBe(HOME_GROUP[role]);
    else expect(group?.id).toBe(groups[0]?.id);
  });
});

describe('screen groups', () => {
  it('give each screen of a group its own key, and each group its own Alt key', () => {
    for (const group of GROUPS) {
      const keys = group.screens.map((s) => s.key);
      expect(new Set(keys).size, group.label).toBe(keys.length);
    }
    const groupKeys = GROUPS.map((g) => g.key);
    expect(new Set(groupKeys).size).toBe(groupKeys.length);
  });

  it('opens from another group the only screen with that key (a supervisor’s F9 is Stock)', () => {
    const maintenance = groupsFor('supervisor').find((g) => g.id === 'maintenance') ?? null;
    expect(screenForKey('supervisor', maintenance, 'F9')?.id).toBe('stock');
    expect(screenForKey('supervisor', maintenance, 'F4')?.id).toBe('daily-log');
  });

  it('keeps the storekeeper’s counter keys', () => {
    const stock = currentGroup('storekeeper', 'lookup', null);
    expect(
      ['F5', 'F6', 'F7', 'F8', 'F9', 'F10'].map((k) => screenForKey('storekeeper', stock, k as 'F5')?.id),
    ).toEqual(['receive', 'issue', 'return', 'count', 'stock', 'consume']);
  });
});
