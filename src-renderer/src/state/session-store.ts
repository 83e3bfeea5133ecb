// Who is logged in at this window and which screen they are on.
import { create } from 'zustand';
import type { SessionUser } from '../../../src-preload/contract/session.ts';
import { canUse, HOME_SCREEN, type ScreenId } from '../navigation/screens.ts';

export interface SessionState {
  /** 'checking' until the core has said whether this window already has a user. */
  status: 'checking' | 'anonymous' | 'signed-in';
  user: SessionUser | null;
  screen: ScreenId;
  /** Shown on the login screen, e.g. why the user was logged out. */
  notice: string | null;
  loggedIn: (user: SessionUser) => void;
  loggedOut: (notice?: string | null) => void;
  /** Opens a screen, if the user's role may use it. */
  show: (screen: ScreenId) => void;
}

export const useSessionStore = create<SessionState>()((set, get) => ({
  status: 'checking',
  user: null,
  screen: HOME_SCREEN,
  notice: null,
  loggedIn: (user) => {
    const previous = get().user;
    set({
      status: 'signed-in',
      user,
      notice: null,
      screen: previous?.id === user.id ? get().screen : HOME_SCREEN,
    });
  },
  loggedOut: (notice = null) => {
    set({ status: 'anonymous', user: null, screen: HOME_SCREEN, notice });
  },
  show: (screen) => {
    const user = get().user;
    if (user && canUse(user.role, screen)) set({ screen });
  },
}));
