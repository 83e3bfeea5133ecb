// Keeps the window in step with the core: data.changed events refresh the queries that read the
// changed tables (api/refresh.ts, the one way reads are refreshed; a change made here at once,
// those of sync cycles at most four times a second), sync.status events feed the
// sync bar, and every (re)opened link re-reads the sync state and the session (a restarted link
// may have lost the login) and refreshes everything (changes may have been missed meanwhile).
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSessionStore } from '../state/session-store.ts';
import { useSyncStore } from '../state/sync-store.ts';
import { useStationClient } from './client-context.tsx';
import { invalidateForTables, syncRefresh } from './refresh.ts';
import type { StationClient } from './station-client.ts';

/** Sync cycles' changes are refreshed at most this often (api/refresh.ts: syncRefresh). */
const SYNC_REFRESH_MS = 250;

const SESSION_LOST = 'The link to the station was restarted and your login did not survive it. Log in again.';

async function refreshAfterOpen(client: StationClient): Promise<void> {
  try {
    useSyncStore.getState().setSync(await client.call('sync.status', {}));
    const user = await client.call('session.current', {});
    const session = useSessionStore.getState();
    if (user) session.loggedIn(user);
    else session.loggedOut(session.user ? SESSION_LOST : session.notice);
  } catch {
    // The link dropped again; the next 'open' tries once more.
  }
}

export function useLiveUpdates(): void {
  const client = useStationClient();
  const queryClient = useQueryClient();

  useEffect(() => {
    const fromSync = syncRefresh(queryClient, SYNC_REFRESH_MS);
    const offChanged = client.on('data.changed', ({ tables, origin }) => {
      if (origin === 'sync') fromSync.add(tables);
      else void invalidateForTables(queryClient, tables);
    });
    const offStatus = client.on('sync.status', (status) => {
      useSyncStore.getState().setSync(status);
    });
    let wasOpen = false;
    const onConnection = (): void => {
      const state = client.connection();
      useSyncStore.getState().setConnection(state);
      if (state.kind === 'open') {
        void refreshAfterOpen(client);
        if (wasOpen) void queryClient.invalidateQueries();
        wasOpen = true;
      } else if (state.kind === 'refused') {
        useSessionStore.getState().loggedOut(useSessionStore.getState().notice);
      }
    };
    const offConnection = client.onConnection(onConnection);
    onConnection();
    return () => {
      offChanged();
      fromSync.stop();
      offStatus();
      offConnection();
    };
  }, [client, queryClient]);
}
