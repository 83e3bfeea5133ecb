// What may be done to a work order now, by whom: release it (a technician, due date, priority),
// start it, close it (the completion date and meter reading for a PM; failed mandatory tasks get
// their follow-up work orders), cancel it with a reason. The core's refusal is shown as it words it
// ("WO-000124 cannot be closed: 2 mandatory tasks have no result: …").
import { useState } from 'react';
import type { WorkOrderDetail } from '../../../../src-preload/contract/maintenance/work-order-reads.ts';
import {
  SUPERVISING_ROLES,
  WORKING_ROLES,
  WO_PRIORITIES,
} from '../../../../src-preload/contract/maintenance/work-order-operations.ts';
import type { UserRoleName } from '../../../../src-preload/contract/roles.ts';
import { localToday } from '../../util/time.ts';
import { checkPayload } from '../../util/payload-check.ts';
import { useTechnicians } from '../maintenance-queries.ts';
import { newId, PRIORITY_WORDS } from '../maintenance-words.ts';
import type { Sender } from '../use-send.ts';

type Mode = 'ready' | 'close' | 'cancel' | null;

export interface WorkOrderActionsProps {
  detail: WorkOrderDetail;
  role: UserRoleName;
  sender: Sender;
}

export function WorkOrderActions(props: WorkOrderActionsProps): React.JSX.Element | null {
  const { detail, role, sender } = props;
  const [mode, setMode] = useState<Mode>(null);
  const status = detail.row.status;
  const supervises = SUPERVISING_ROLES.includes(role);
  const works = WORKING_ROLES.includes(role);
  if (status === 'closed' || status === 'cancelled') return null;

  const canStart = works && (status === 'ready' || (status === 'draft' && detail.agile_mode));
  const start = async (): Promise<void> => {
    await sender.send('wo.start', { wo_id: detail.row.id });
  };
  const done = (): void => {
    setMode(null);
  };

  return (
    <section className="mx-stack" aria-label="Actions">
      <div className="mx-actions">
        {supervises && status === 'draft' && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setMode('ready');
            }}
          >
            Ready…
          </button>
        )}
        {canStart && (
          <button
            type="button"
            className="button button-primary"
            disabled={sender.busy}
            onClick={() => void start()}
          >
            Start work
          </button>
        )}
        {supervises && status === 'in_progress' && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setMode('close');
            }}
          >
            Close…
          </button>
        )}
        {supervises && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              setMode('cancel');
            }}
          >
            Cancel work order…
          </button>
        )}
      </div>
      {status === 'draft' && !supervises && !detail.agile_mode && (
        <p className="hint">A supervisor readies this draft before work starts.</p>
      )}
      {mode === 'ready' && <ReadyForm detail={detail} sender={sender} onDone={done} />}
      {mode === 'close' && <CloseForm detail={detail} sender={sender} onDone={done} />}
      {mode === 'cancel' && <CancelForm detail={detail} sender={sender} onDone={done} />}
    </section>
  );
}

interface FormProps {
  detail: WorkOrderDetail;
  sender: Sender;
  onDone: () => void;
}

function ReadyForm(props: FormProps): React.JSX.Element {
  const { detail, sender } = props;
  const technicians = useTechnicians();
  const [assignee, setAssignee] = useState(detail.row.assigned_to_id ?? '');
  const [due, setDue] = useState(detail.row.due_date ?? '');
  const [priority, setPriority] = useState(detail.row.priority);
  const submit = async (): Promise<void> => {
    const checked = checkPayload('wo.ready', {
      wo_id: detail.row.id,
      ...(assignee === '' ? {} : { assigned_to_user_id: assignee }),
      ...(due === '' ? {} : { due_date: due }),
      priority,
    });
    if (!checked.ok) {
      sender.setError(checked.message);
      return;
    }
    if (await sender.send('wo.ready', checked.payload)) props.onDone();
  };
  return (
    <form
      className="mx-dialog"
      aria-label="Ready the work order"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="mx-filters">
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
        <label>
          Due date
          <input
            className="mx-input"
            type="date"
            value={due}
            onChange={(e) => {
              setDue(e.target.value);
            }}
          />
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
      </div>
      <div className="mx-actions">
        <button type="submit" className="button button-primary" disabled={sender.busy}>
          Ready for work
        </button>
        <button type="button" className="button button-quiet" onClick={props.onDone}>
          Back
        </button>
      </div>
    </form>
  );
}

function CloseForm(props: FormProps): React.JSX.Element {
  const { detail, sender } = props;
  const isPm = detail.row.origin === 'pm';
  const [on, setOn] = useState(localToday());
  const [meter, setMeter] = useState(detail.meter_now === null ? '' : String(detail.meter_now));
  const failed = detail.tasks.filter(
    (t) => t.is_mandatory && t.result === 'fail' && t.follow_up_code === null,
  );
  const submit = async (): Promise<void> => {
    const reading = meter.trim() === '' ? undefined : Number(meter.replace(',', '.'));
    const checked = checkPayload('wo.close', {
      wo_id: detail.row.id,
      completed_on: on,
      ...(isPm && reading !== undefined ? { completion_meter: reading } : {}),
      ...(failed.length > 0 ? { follow_ups: failed.map((t) => ({ task_id: t.id, wo_id: newId() })) } : {}),
    });
    if (!checked.ok) {
      sender.setError(checked.message);
      return;
    }
    if (await sender.send('wo.close', checked.payload)) props.onDone();
  };
  return (
    <form
      className="mx-dialog"
      aria-label="Close the work order"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="mx-filters">
        <label>
          Completed on
          <input
            className="mx-input"
            type="date"
            max={localToday()}
            value={on}
            onChange={(e) => {
              setOn(e.target.value);
            }}
          />
        </label>
        {isPm && (
          <label>
            Meter at completion ({detail.meter_unit ?? ''})
            <input
              className="mx-input"
              inputMode="decimal"
              value={meter}
              onChange={(e) => {
                setMeter(e.target.value);
              }}
            />
          </label>
        )}
      </div>
      {isPm && (
        <p className="hint">
          The completion resets {detail.schedule_name ?? 'the schedule'} and the services it folded in.
        </p>
      )}
      {failed.length > 0 && (
        <p className="notice">
          {failed.length === 1
            ? 'A mandatory task failed'
            : `${String(failed.length)} mandatory tasks failed`}
          : a follow-up corrective work order is raised for{' '}
          {failed.map((t) => `task ${String(t.seq)} (${t.description})`).join(', ')}.
        </p>
      )}
      <div className="mx-actions">
        <button type="submit" className="button button-primary" disabled={sender.busy}>
          Close work order
        </button>
        <button type="button" className="button button-quiet" onClick={props.onDone}>
          Back
        </button>
      </div>
    </form>
  );
}

function CancelForm(props: FormProps): React.JSX.Element {
  const { detail, sender } = props;
  const [reason, setReason] = useState('');
  const submit = async (): Promise<void> => {
    const checked = checkPayload('wo.cancel', { wo_id: detail.row.id, reason: reason.trim() });
    if (!checked.ok) {
      sender.setError(checked.message);
      return;
    }
    if (await sender.send('wo.cancel', checked.payload)) props.onDone();
  };
  return (
    <form
      className="mx-dialog"
      aria-label="Cancel the work order"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="mx-stack">
        Why is it cancelled?
        <input
          className="mx-input"
          autoFocus
          maxLength={500}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
          }}
        />
      </label>
      {detail.row.origin === 'pm' && (
        <p className="hint">A cancelled PM work order skips this cycle; the next one is due from it.</p>
      )}
      <div className="mx-actions">
        <button type="submit" className="button mx-button-bad" disabled={sender.busy}>
          Cancel work order
        </button>
        <button type="button" className="button button-quiet" onClick={props.onDone}>
          Back
        </button>
      </div>
    </form>
  );
}
