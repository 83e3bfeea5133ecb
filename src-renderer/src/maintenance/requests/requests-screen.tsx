// Requests (F7): the site's service requests waiting for triage, oldest first, each with its photo
// and how many open requests and work orders its asset has; a supervisor rejects or converts one
// (possible duplicates first). Anyone in the field reports a defect here.
import { useState } from 'react';
import { OPERATIONS } from '../../../../src-preload/contract/operations.ts';
import { readableError } from '../../api/api-call-error.ts';
import { useSessionStore } from '../../state/session-store.ts';
import { useRequestQueue } from '../maintenance-queries.ts';
import { useMaintenanceStore } from '../maintenance-store.ts';
import { timeText } from '../maintenance-words.ts';
import { FileRequest } from './file-request.tsx';
import { RequestPanel } from './request-triage.tsx';
import '../maintenance.css';

export function RequestsScreen(): React.JSX.Element {
  const role = useSessionStore((s) => s.user?.role ?? 'operator');
  const queue = useRequestQueue();
  const selected = useMaintenanceStore((s) => s.requestId);
  const select = useMaintenanceStore((s) => s.selectRequest);
  const mayFile = OPERATIONS['service_request.file'].roles.includes(role);
  const [filing, setFiling] = useState(mayFile && role === 'operator');
  const rows = queue.data?.rows ?? [];

  return (
    <div className="screen mx-screen">
      <h1 className="screen-title">Requests</h1>
      <div className="mx-split">
        <section className="mx-stack" aria-label="Triage queue">
          {mayFile && (
            <div className="mx-actions">
              <button
                type="button"
                className="button button-primary"
                onClick={() => {
                  setFiling(true);
                }}
              >
                Report a defect
              </button>
            </div>
          )}
          <h2>Waiting for triage ({rows.length})</h2>
          {queue.isError && (
            <p className="form-error" role="alert">
              {readableError(queue.error)}
            </p>
          )}
          {queue.data && rows.length === 0 && <p className="hint">No request is waiting.</p>}
          <ul className="mx-list">
            {rows.map((row) => (
              <li key={row.id}>
                <button
                  type="button"
                  className="mx-row"
                  aria-current={!filing && row.id === selected}
                  onClick={() => {
                    setFiling(false);
                    select(row.id);
                  }}
                >
                  <span className="mx-code">{row.asset_label}</span>
                  <span>{row.description}</span>
                  <span />
                  <span className="mx-row-sub">
                    {[
                      timeText(row.reported_at),
                      row.reported_by,
                      row.has_photo ? 'photo' : null,
                      row.duplicates > 0 ? `${String(row.duplicates)} open on this asset` : null,
                      row.pending ? 'queued here' : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
        {filing ? (
          <FileRequest
            onFiled={(id) => {
              setFiling(false);
              select(id);
            }}
            onClose={() => {
              setFiling(false);
            }}
          />
        ) : selected === null ? (
          <section className="card mx-panel hint">Choose a request to see its photo and triage it.</section>
        ) : (
          <RequestPanel requestId={selected} role={role} />
        )}
      </div>
    </div>
  );
}
