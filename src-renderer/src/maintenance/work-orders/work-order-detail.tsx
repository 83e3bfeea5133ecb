// One work order on the Work orders screen: what and where, why (the PM engine's sentence), its
// checklist (results by keyboard), the parts used on it (booked with Consume, F10), the requests it
// came from with their photos, and what may be done to it now.
import type { WorkOrderDetail } from '../../../../src-preload/contract/maintenance/work-order-reads.ts';
import { WORKING_ROLES } from '../../../../src-preload/contract/maintenance/work-order-operations.ts';
import type { UserRoleName } from '../../../../src-preload/contract/roles.ts';
import { readableError } from '../../api/api-call-error.ts';
import { useSessionStore } from '../../state/session-store.ts';
import { AssetLink } from '../asset-link.tsx';
import { useRequest, useWorkOrder } from '../maintenance-queries.ts';
import {
  dayText,
  meterText,
  ORIGIN_WORDS,
  PRIORITY_WORDS,
  timeText,
  WO_STATUS_PILL,
  WO_STATUS_WORDS,
} from '../maintenance-words.ts';
import { SendFeedback } from '../send-feedback.tsx';
import { useSend } from '../use-send.ts';
import { TaskChecklist } from './task-checklist.tsx';
import { WorkOrderActions } from './work-order-actions.tsx';

export function WorkOrderPanel(props: { woId: string; role: UserRoleName }): React.JSX.Element {
  const detail = useWorkOrder(props.woId);
  if (detail.isError) {
    return (
      <section className="card mx-panel">
        <p className="form-error" role="alert">
          {readableError(detail.error)}
        </p>
      </section>
    );
  }
  if (!detail.data) return <section className="card mx-panel hint">Loading the work order…</section>;
  return <WorkOrderView key={props.woId} detail={detail.data} role={props.role} />;
}

function WorkOrderView(props: { detail: WorkOrderDetail; role: UserRoleName }): React.JSX.Element {
  const { detail, role } = props;
  const { row } = detail;
  const sender = useSend();
  const show = useSessionStore((s) => s.show);
  const editable = row.status === 'in_progress' && WORKING_ROLES.includes(role);
  return (
    <section className="card mx-panel" aria-label={`Work order ${row.code ?? 'new'}`}>
      <h2>
        <span className="mx-code">{row.code ?? 'New work order'}</span> {row.title}
      </h2>
      <p>
        <span className={WO_STATUS_PILL[row.status]}>{WO_STATUS_WORDS[row.status]}</span>{' '}
        {row.pending && <span className="mx-pill mx-pill-warn">Change queued</span>}{' '}
        {row.overdue && <span className="mx-pill mx-pill-bad">Overdue</span>}
      </p>
      <dl className="mx-facts">
        <div>
          <dt>Asset</dt>
          <dd>
            <AssetLink id={row.asset_id} label={row.asset_label} />
          </dd>
        </div>
        <div>
          <dt>Origin</dt>
          <dd>{ORIGIN_WORDS[row.origin]}</dd>
        </div>
        <div>
          <dt>Priority</dt>
          <dd>{PRIORITY_WORDS[row.priority] ?? row.priority}</dd>
        </div>
        <div>
          <dt>Technician</dt>
          <dd>{row.assigned_to_name ?? 'Nobody yet'}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>{row.due_date === null ? '—' : dayText(row.due_date)}</dd>
        </div>
        {detail.started_at !== null && (
          <div>
            <dt>Started</dt>
            <dd>{timeText(detail.started_at)}</dd>
          </div>
        )}
        {detail.closed_at !== null && (
          <div>
            <dt>Closed</dt>
            <dd>{timeText(detail.closed_at)}</dd>
          </div>
        )}
        {detail.created_by !== null && (
          <div>
            <dt>Raised by</dt>
            <dd>{detail.created_by}</dd>
          </div>
        )}
      </dl>
      {detail.description !== null && <p>{detail.description}</p>}
      {detail.cancel_reason !== null && <p className="notice">Cancelled: {detail.cancel_reason}</p>}
      {detail.pm_why !== null && (
        <p className="mx-why">
          <strong>Why: </strong>
          {detail.pm_why}
          {detail.meter_now !== null &&
            ` The meter reads ${meterText(detail.meter_now, detail.meter_unit ?? '')} now.`}
        </p>
      )}

      <WorkOrderActions detail={detail} role={role} sender={sender} />
      <SendFeedback sender={sender} />

      <h3>
        Checklist ({row.tasks_done} of {row.tasks_total} done
        {row.mandatory_open > 0 ? `, ${String(row.mandatory_open)} mandatory open` : ''})
      </h3>
      {editable && (
        <p className="hint">
          On a task: <kbd>P</kbd> pass, <kbd>F</kbd> fail, <kbd>V</kbd> value read, <kbd>N</kbd> note (Enter
          records), <kbd>↑</kbd> <kbd>↓</kbd> move.
        </p>
      )}
      <TaskChecklist tasks={detail.tasks} editable={editable} sender={sender} />

      <h3>Parts used</h3>
      {detail.consumed.length === 0 ? (
        <p className="hint">None booked yet.</p>
      ) : (
        <ul className="mx-plain-list">
          {detail.consumed.map((c, i) => (
            <li key={`${c.sku}-${String(i)}`}>
              <span className="mx-code">{c.sku}</span> {c.name}: {meterText(c.qty, c.unit)}
              {c.pending ? ' (queued)' : ''}
            </li>
          ))}
        </ul>
      )}
      {(row.status === 'ready' ||
        row.status === 'in_progress' ||
        (row.status === 'draft' && detail.agile_mode)) &&
        row.code !== null && (
          <p>
            <button
              type="button"
              className="mx-link"
              onClick={() => {
                show('consume', 'stock');
              }}
            >
              Book parts on {row.code} (Consume, F10)
            </button>
          </p>
        )}

      {detail.requests.length > 0 && (
        <>
          <h3>From service requests</h3>
          {detail.requests.map((r) => (
            <div key={r.id}>
              <p>
                “{r.description}” — {r.reported_by}
              </p>
              {r.has_photo && <RequestPhoto requestId={r.id} />}
            </div>
          ))}
        </>
      )}
    </section>
  );
}

function RequestPhoto(props: { requestId: string }): React.JSX.Element | null {
  const request = useRequest(props.requestId);
  const photo = request.data?.photo ?? null;
  if (photo === null) return null;
  return <img className="mx-photo" src={photo} alt="Photo taken with the request" />;
}
