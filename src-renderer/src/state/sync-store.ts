// What the sync bar shows: this window's link to the station core (transport) and the core's
// own sync state with the server (sync.status, kept current by the core's events).
import { create } from 'zustand';
import type { SyncStatusView } from '../../../src-preload/contract/sync.ts';
import type { ConnectionState } from '../api/transport.ts';

export interface SyncState {
  connection: ConnectionState;
  sync: SyncStatusView | null;
  setConnection: (connection: ConnectionState) => void;
  setSync: (sync: SyncStatusView) => void;
}

export const useSyncStore = create<SyncState>()((set) => ({
  connection: { kind: 'connecting' },
  sync: null,
  setConnection: (connection) => {
    set({ connection });
  },
  setSync: (sync) => {
    set({ sync });
  },
}));
