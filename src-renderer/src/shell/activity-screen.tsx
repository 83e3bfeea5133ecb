// Activity: the station's operations that still need someone: rejections (with the server's
// reason, to acknowledge) and operations waiting to be sent or confirmed.
import { useEffect, useRef } from 'react';
import type { OperationRecordView } from '../../../src-preload/contract/outbox.ts';
import { readableError } from '../api/api-call-error.ts';
import { useAcknowledge, useOperations } from '../api/station-queries.ts';
import { RelativeTime } from '../components/relative-time.tsx';
import { operationLabel } from '../../../src-preload/contract/operations.ts';

function OperationMeta(props: { op: OperationRecordView }): React.JSX.Element {
  return (
    <p className="op-meta">
      <span className="op-type">{operationLabel(props.op.type)}</span> · #{props.op.seq} · queued{' '}
      <RelativeTime iso={props.op.createdAt} />
    </p>
  );
}

function RejectedList(props: { ops: OperationRecordView[]; onAcknowledged: () => void }): React.JSX.Element {
  const acknowledge = useAcknowledge();
  if (props.ops.length === 0) return <p className="hint">Nothing was rejected.</p>;
  return (
    <>
      {acknowledge.isError && (
        <p className="form-error" role="alert">
          {readableError(acknowledge.error)}
        </p>
      )}
      <ul className="op-list">
        {props.ops.map((op) => (
          <li key={op.opId} className="card op-card op-rejected">
            <div className="op-body">
              <p className="op-summary">{op.summary}</p>
              <OperationMeta op={op} />
              <p className="op-reason">
                <strong>Rejected:</strong> {op.reason ?? 'The server gave no reason.'}
                {op.reasonCode && <span className="op-code"> ({op.reasonCode})</span>}
              </p>
            </div>
            <button
              type="button"
              className="button button-primary"
              aria-label={`Acknowledge: ${op.summary}`}
              disabled={acknowledge.isPending}
              onClick={() => {
                acknowledge.mutate(op.opId, { onSuccess: props.onAcknowledged });
              }}
            >
              Acknowledge
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function PendingList(props: { ops: OperationRecordView[] }): React.JSX.Element {
  if (props.ops.length === 0) {
    return <p className="hint">Nothing is waiting: every operation has reached the server.</p>;
  }
  return (
    <ul className="op-list">
      {props.ops.map((op) => (
        <li key={op.opId} className="card op-card op-pending">
          <div className="op-body">
            <p className="op-summary">{op.summary}</p>
            <OperationMeta op={op} />
          </div>
          <span className="op-status">
            {op.status === 'pending' ? 'Waiting to be sent' : 'Accepted, confirming'}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function ActivityScreen(): React.JSX.Element {
  const operations = useOperations('all');
  const titleRef = useRef<HTMLHeadingElement>(null);
  const rejectedRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  const all = operations.data ?? [];
  const rejected = all.filter((op) => op.status === 'rejected' && !op.acknowledged);
  const pending = all.filter((op) => op.status !== 'rejected');
  const acknowledged = all.filter((op) => op.status === 'rejected' && op.acknowledged).slice(0, 10);

  return (
    <div className="screen activity-screen">
      <h1 className="screen-title" ref={titleRef} tabIndex={-1}>
        Activity
      </h1>
      {operations.isError && (
        <p className="form-error" role="alert">
          {readableError(operations.error)}
        </p>
      )}
      {operations.isPending && <p className="hint">Loading…</p>}
      <div aria-live="polite">
        <section className="activity-section" aria-labelledby="rejected-title">
          <h2 id="rejected-title" ref={rejectedRef} tabIndex={-1}>
            Needs attention <span className="count">{rejected.length}</span>
          </h2>
          <RejectedList
            ops={rejected}
            onAcknowledged={() => {
              rejectedRef.current?.focus();
            }}
          />
        </section>
        <section className="activity-section" aria-labelledby="pending-title">
          <h2 id="pending-title">
            Waiting for the server <span className="count">{pending.length}</span>
          </h2>
          <PendingList ops={pending} />
        </section>
        {acknowledged.length > 0 && (
          <section className="activity-section activity-history" aria-labelledby="acknowledged-title">
            <h2 id="acknowledged-title">Acknowledged rejections</h2>
            <ul className="op-list">
              {acknowledged.map((op) => (
                <li key={op.opId} className="card op-card op-acknowledged">
                  <div className="op-body">
                    <p className="op-summary">{op.summary}</p>
                    <p className="op-meta">{op.reason}</p>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}
