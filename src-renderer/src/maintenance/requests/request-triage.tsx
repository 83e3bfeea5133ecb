// One service request for triage: the asset, what was reported and the photo; first the possible
// duplicates (open requests and open work orders of the same asset), then reject it with a reason,
// join it to one of those work orders, or convert it into a new work order that keeps the
// description and the photo.
import { useState } from 'react';
import type { RequestDetail } from '../../../../src-preload/contract/maintenance/request-reads.ts';
import {
  SUPERVISING_ROLES,
  WORKING_ROLES,
  WO_PRIORITIES,
} from '../../../../src-preload/contract/maintenance/work-order-operations.ts';
import type { UserRoleName } from '../../../../src-preload/contract/roles.ts';
import { readableError } from '../../api/api-call-error.ts';
import { checkPayload } from '../../util/payload-check.ts';
import { AssetLink } from '../asset-link.tsx';
import { useRequest, useTechnicians } from '../maintenance-queries.ts';
import { openWorkOrder } from '../maintenance-store.ts';
import {
  newId,
  PRIORITY_WORDS,
  REQUEST_STATUS_WORDS,
  timeText,
  WO_STATUS_WORDS,
} from '../maintenance-words.ts';
import { SendFeedback } from '../send-feedback.tsx';
import { useSend, type Sender } from '../use-send.ts';

export function RequestPanel(props: { requestId: string; role: UserRoleName }): React.JSX.Element {
  const request = useRequest(props.requestId);
  if (request.isError) {
    return (
      <section className="card mx-panel">
        <p className="form-error" role="alert">
          {readableError(request.error)}
        </p>
      </section>
    );
  }
  if (!request.data) return <section className="card mx-panel hint">Loading the request…</section>;
  return <RequestView key={props.requestId} detail={request.data} role={props.role} />;
}

function RequestView(props: { detail: RequestDetail; role: UserRoleName }): React.JSX.Element {
  const { detail } = props;
  const { row } = detail;
  const sender = useSend();
  const [newWo, setNewWo] = useState<string | null>(null);
  const triages = SUPERVISING_ROLES.includes(props.role) && row.status === 'pending';
  const works = WORKING_ROLES.includes(props.role);
  return (
    <section className="card mx-panel" aria-label="Service request">
      <h2>
        <AssetLink id={row.asset_id} label={row.asset_label} />
      </h2>
      <p className="hint">
        Reported {timeText(row.reported_at)} by {row.reported_by}
        {row.pending ? ' · queued here' : ''} · {REQUEST_STATUS_WORDS[row.status]}
      </p>
      <p className="mx-why">{row.description}</p>
      {detail.photo !== null && (
        <img className="mx-photo" src={detail.photo} alt="Photo taken with the request" />
      )}
      {row.has_photo && detail.photo === null && (
        <p className="hint">The photo is kept on the server (it is not at this station).</p>
      )}
      {detail.rejection_reason !== null && <p className="notice">Rejected: {detail.rejection_reason}</p>}
      {detail.converted_wo_code !== null && (
        <p className="notice">Converted into {detail.converted_wo_code}.</p>
      )}

      <h3>Possible duplicates ({detail.duplicates.length})</h3>
      {detail.duplicates.length === 0 ? (
        <p className="hint">No other open request or work order on this asset.</p>
      ) : (
        <ul className="mx-list">
          {detail.duplicates.map((d) => (
            <li key={`${d.kind}-${d.id}`} className="mx-dup-row">
              <span className={d.kind === 'work_order' ? 'mx-code' : undefined}>{d.label}</span>
              <span>{d.description}</span>
              <span>{d.kind === 'work_order' ? (WO_STATUS_WORDS[d.status] ?? d.status) : 'Request'}</span>
              <span className="mx-actions">
                {d.kind === 'work_order' && (
                  <>
                    {works && (
                      <button
                        type="button"
                        className="mx-link"
                        onClick={() => {
                          openWorkOrder(d.id);
                        }}
                      >
                        Open
                      </button>
                    )}
                    {triages && (
                      <button
                        type="button"
                        className="button button-quiet mx-button-small"
                        disabled={sender.busy}
                        onClick={() =>
                          void sender.send('service_request.convert', {
                            request_id: row.id,
                            existing_wo_id: d.id,
                          })
                        }
                      >
                        Join {d.label}
                      </button>
                    )}
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {triages && <TriageForms detail={detail} sender={sender} onConverted={setNewWo} />}
      <SendFeedback sender={sender} />
      {newWo !== null && (
        <button
          type="button"
          className="mx-link"
          onClick={() => {
            openWorkOrder(newWo);
          }}
        >
          Open the new work order
        </button>
      )}
    </section>
  );
}

interface TriageProps {
  detail: RequestDetail;
  sender: Sender;
  onConverted: (woId: string) => void;
}

function TriageForms(props: TriageProps): React.JSX.Element {
  const { detail, sender } = props;
  const technicians = useTechnicians();
  const [title, setTitle] = useState(detail.row.description.split('\n')[0]?.slice(0, 200) ?? '');
  const [origin, setOrigin] = useState<'cm' | 'defect'>('defect');
  const [priority, setPriority] = useState('normal');
  const [assignee, setAssignee] = useState('');
  const [reason, setReason] = useState('');

  const convert = async (): Promise<void> => {
    const woId = newId();
    const checked = checkPayload('service_request.convert', {
      request_id: detail.row.id,
      wo_id: woId,
      title: title.trim(),
      origin,
      priority,
      ...(assignee === '' ? {} : { assigned_to_user_id: assignee }),
    });
    if (!checked.ok) {
      sender.setError(checked.message);
      return;
    }
    if (await sender.send('service_request.convert', checked.payload)) props.onConverted(woId);
  };
  const reject = async (): Promise<void> => {
    const checked = checkPayload('service_request.reject', {
      request_id: detail.row.id,
      reason: reason.trim(),
    });
    if (!checked.ok) {
      sender.setError(checked.message);
      return;
    }
    await sender.send('service_request.reject', checked.payload);
  };

  return (
    <>
      <form
        className="mx-dialog"
        aria-label="Convert into a work order"
        onSubmit={(e) => {
          e.preventDefault();
          void convert();
        }}
      >
        <h3>Convert into a new work order</h3>
        <label className="mx-stack">
          Title
          <input
            className="mx-input"
            maxLength={200}
            value={title}
            onChange={(e) => {
              setTitle(e.target.value);
            }}
          />
        </label>
        <div className="mx-filters">
          <label>
            Kind
            <select
              value={origin}
              onChange={(e) => {
                setOrigin(e.target.value === 'cm' ? 'cm' : 'defect');
              }}
            >
              <option value="defect">Defect</option>
              <option value="cm">Corrective</option>
            </select>
          </label>
          <label>
            Priority
            <select
              value={priority}
              onChange={(e) => {
                setPriority(e.target.value);
              }}
            >
              {WO_PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_WORDS[p]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Technician
            <select
              value={assignee}
              onChange={(e) => {
                setAssignee(e.target.value);
              }}
            >
              <option value="">Nobody yet</option>
              {technicians.data?.rows.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.full_name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button button-primary" disabled={sender.busy}>
            Convert
          </button>
        </div>
        <p className="hint">The work order keeps the description and the photo.</p>
      </form>
      <form
        className="mx-dialog"
        aria-label="Reject the request"
        onSubmit={(e) => {
          e.preventDefault();
          void reject();
        }}
      >
        <label className="mx-stack">
          Reject, with a reason the reporter can read
          <input
            className="mx-input"
            maxLength={500}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
            }}
          />
        </label>
        <div className="mx-actions">
          <button type="submit" className="button mx-button-bad" disabled={sender.busy}>
            Reject
          </button>
        </div>
      </form>
    </>
  );
}
