// Who is logged in at this window, which screen they are on and the screen group they last used.
// (Which screens a role may open is navigation/screens.ts's; the app shows Lookup for any other.)
import { create } from 'zustand';
import type { SessionUser } from '../../../src-preload/contract/session.ts';
import type { GroupId } from '../navigation/screen-spec.ts';

const HOME_SCREEN = 'lookup';

export interface SessionState {
  /** 'checking' until the core has said whether this window already has a user. */
  status: 'checking' | 'anonymous' | 'signed-in';
  user: SessionUser | null;
  /** The screen's id (navigation/screens.ts). */
  screen: string;
  /** The domain group of the last domain screen opened (the nav bar shows its screens). */
  group: GroupId | null;
  /** Shown on the login screen, e.g. why the user was logged out. */
  notice: string | null;
  loggedIn: (user: SessionUser) => void;
  loggedOut: (notice?: string | null) => void;
  /** Opens a screen (in its group, when it has one). */
  show: (screen: string, group?: GroupId | null) => void;
}

export const useSessionStore = create<SessionState>()((set, get) => ({
  status: 'checking',
  user: null,
  screen: HOME_SCREEN,
  group: null,
  notice: null,
  loggedIn: (user) => {
    const same = get().user?.id === user.id;
    set({
      status: 'signed-in',
      user,
      notice: null,
      screen: same ? get().screen : HOME_SCREEN,
      group: same ? get().group : null,
    });
  },
  loggedOut: (notice = null) => {
    set({ status: 'anonymous', user: null, screen: HOME_SCREEN, group: null, notice });
  },
  show: (screen, group) => {
    if (!get().user) return;
    set(group ? { screen, group } : { screen });
  },
}));
