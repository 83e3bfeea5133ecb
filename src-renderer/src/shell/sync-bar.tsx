// The always-visible sync bar: this window's link to the station, the station's link to the
// server (online, offline, incompatible, with the reason), the last sync, pending operations,
// rejections that need attention, and the initial sync's progress.
import type { SyncStatusView } from '../../../src-preload/contract/sync.ts';
import type { ConnectionState } from '../api/transport.ts';
import { useSessionStore } from '../state/session-store.ts';
import { useSyncStore } from '../state/sync-store.ts';
import { RelativeTime } from '../components/relative-time.tsx';

type Tone = 'ok' | 'busy' | 'warn' | 'bad';

interface Headline {
  tone: Tone;
  label: string;
  reason: string | null;
}

function headline(connection: ConnectionState, sync: SyncStatusView | null): Headline {
  switch (connection.kind) {
    case 'connecting':
      return { tone: 'busy', label: 'Connecting to the station…', reason: null };
    case 'reconnecting':
      return {
        tone: 'warn',
        label: 'Reconnecting to the station…',
        reason: connection.attempt > 1 ? `attempt ${connection.attempt}` : null,
      };
    case 'refused':
      return { tone: 'bad', label: 'Not connected', reason: connection.message };
    case 'open':
      break;
  }
  if (!sync) return { tone: 'busy', label: 'Connecting…', reason: null };
  switch (sync.phase) {
    case 'incompatible':
      return { tone: 'bad', label: 'Incompatible', reason: sync.error };
    case 'offline':
      return {
        tone: 'warn',
        label: 'Offline',
        reason: `${sync.error ?? 'The server cannot be reached.'} Working from this station’s copy.`,
      };
    case 'starting':
    case 'connecting':
      return { tone: 'busy', label: 'Connecting to the server…', reason: null };
    case 'initial':
      // A reason while copying: the new copy waits for another program to close the station's file.
      return { tone: 'busy', label: 'Initial sync', reason: sync.error };
    case 'pushing':
    case 'pulling':
    case 'idle':
      return sync.online
        ? { tone: 'ok', label: 'Online', reason: null }
        : { tone: 'warn', label: 'Offline', reason: sync.error };
  }
}

function progressLabel(table: string | undefined): string {
  if (table === undefined || table === 'done') return 'Copying the site’s data';
  if (table === 'indexes') return 'Indexing the site’s data';
  return `Copying ${table.replace(/_/g, ' ')}`;
}

function InitialProgress(props: { sync: SyncStatusView }): React.JSX.Element | null {
  if (props.sync.phase !== 'initial') return null;
  const progress = props.sync.initial;
  const done = progress?.rowsDone ?? 0;
  const total = progress?.rowsTotal ?? 0;
  return (
    <div className="sync-progress">
      <label htmlFor="initial-sync-progress">{progressLabel(progress?.table)}</label>
      {total > 0 ? (
        <progress id="initial-sync-progress" value={Math.min(done, total)} max={total} />
      ) : (
        <progress id="initial-sync-progress" />
      )}
      <span className="sync-progress-count">
        {done.toLocaleString()} / {total.toLocaleString()} rows
      </span>
    </div>
  );
}

export function SyncBar(): React.JSX.Element {
  const connection = useSyncStore((s) => s.connection);
  const sync = useSyncStore((s) => s.sync);
  const signedIn = useSessionStore((s) => s.user !== null);
  const show = useSessionStore((s) => s.show);
  const { tone, label, reason } = headline(connection, sync);
  const rejected = sync?.rejected ?? 0;

  return (
    <section
      className="sync-bar"
      aria-label="Sync status"
      data-connection={connection.kind}
      data-phase={sync?.phase ?? 'unknown'}
      data-pending={sync?.pending ?? ''}
      data-rejected={rejected}
    >
      <div className="sync-state" role="status" aria-live="polite">
        <span className={`sync-pill sync-pill-${tone}`}>{label}</span>
        {reason && <span className="sync-reason">{reason}</span>}
      </div>
      {sync && (
        <div className="sync-facts">
          <span className="sync-fact sync-last">
            {sync.lastSyncAt ? (
              <>
                Last sync <RelativeTime iso={sync.lastSyncAt} />
              </>
            ) : (
              'Not synced yet'
            )}
          </span>
          <span
            className={`sync-fact sync-pending${sync.pending > 0 ? ' sync-pending-some' : ''}`}
            title="Operations waiting to be sent to the server or confirmed by it"
          >
            {sync.pending} pending
          </span>
          {rejected > 0 &&
            (signedIn ? (
              <button
                type="button"
                className="sync-rejected"
                onClick={() => {
                  show('activity');
                }}
              >
                {rejected} rejected · review
              </button>
            ) : (
              <span className="sync-fact sync-rejected-text">{rejected} rejected · log in to review</span>
            ))}
        </div>
      )}
      {sync && <InitialProgress sync={sync} />}
    </section>
  );
}
