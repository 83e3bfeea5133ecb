// What the sync bar shows: this window's link to the station core (transport) and the core's
// own sync state with the server (sync.status, kept current by the core's events; a move between
// running phases alone is not drawn).
import { create } from 'zustand';
import type { SyncStatusView } from '../../../src-preload/contract/sync.ts';
import type { ConnectionState } from '../api/transport.ts';

export interface SyncState {
  connection: ConnectionState;
  sync: SyncStatusView | null;
  setConnection: (connection: ConnectionState) => void;
  setSync: (sync: SyncStatusView) => void;
}

/** The phases of a running sync, which the bar shows alike ("Online" or "Offline"). */
const RUNNING: ReadonlySet<SyncStatusView['phase']> = new Set(['pushing', 'pulling', 'idle']);

/**
 * Whether a status only moves between running phases and the bar would draw it as before. Each
 * change queued here is pushed, then the queue is pulled: four statuses in a few milliseconds,
 * of which only the queue's count and the last sync show. Drawn once each, they would take the
 * window's main thread from a clerk scanning a truck.
 */
function looksAlike(shown: SyncStatusView | null, next: SyncStatusView): boolean {
  if (shown === null || !RUNNING.has(shown.phase) || !RUNNING.has(next.phase)) return false;
  return JSON.stringify({ ...shown, phase: null }) === JSON.stringify({ ...next, phase: null });
}

export const useSyncStore = create<SyncState>()((set) => ({
  connection: { kind: 'connecting' },
  sync: null,
  setConnection: (connection) => {
    set({ connection });
  },
  setSync: (sync) => {
    set((state) => (looksAlike(state.sync, sync) ? state : { sync }));
  },
}));
