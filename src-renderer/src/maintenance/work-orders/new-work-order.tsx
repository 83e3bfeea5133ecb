// Raising corrective or defect work (a supervisor; a technician in Agile Mode): the asset (scan,
// code or name), a title, what is wrong, priority, a technician and a due date, and an optional
// checklist (one task a line; a line starting with "!" is mandatory).
import { useState } from 'react';
import { WO_PRIORITIES } from '../../../../src-preload/contract/maintenance/work-order-operations.ts';
import { checkPayload } from '../../util/payload-check.ts';
import { AssetPicker, type PickedAsset } from '../asset/asset-picker.tsx';
import { useTechnicians } from '../maintenance-queries.ts';
import { newId, PRIORITY_WORDS } from '../maintenance-words.ts';
import { SendFeedback } from '../send-feedback.tsx';
import { useSend } from '../use-send.ts';

export interface NewWorkOrderProps {
  onCreated: (woId: string) => void;
  onClose: () => void;
}

/** The checklist typed one task a line; "!" at the start makes a task mandatory. */
export function parseTasks(text: string): { description: string; is_mandatory: boolean }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== '!')
    .map((line) =>
      line.startsWith('!')
        ? { description: line.slice(1).trim(), is_mandatory: true }
        : { description: line, is_mandatory: false },
    );
}

export function NewWorkOrder(props: NewWorkOrderProps): React.JSX.Element {
  const sender = useSend();
  const technicians = useTechnicians();
  const [asset, setAsset] = useState<PickedAsset | null>(null);
  const [origin, setOrigin] = useState<'cm' | 'defect'>('cm');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState('normal');
  const [assignee, setAssignee] = useState('');
  const [due, setDue] = useState('');
  const [tasks, setTasks] = useState('');

  const submit = async (): Promise<void> => {
    if (asset === null) {
      sender.setError('Scan or type the asset first.');
      return;
    }
    const woId = newId();
    const checklist = parseTasks(tasks);
    const checked = checkPayload('wo.create', {
      wo_id: woId,
      asset_id: asset.id,
      origin,
      title: title.trim(),
      ...(description.trim() === '' ? {} : { description: description.trim() }),
      priority,
      ...(assignee === '' ? {} : { assigned_to_user_id: assignee }),
      ...(due === '' ? {} : { due_date: due }),
      ...(checklist.length === 0 ? {} : { tasks: checklist }),
    });
    if (!checked.ok) {
      sender.setError(checked.message);
      return;
    }
    if (await sender.send('wo.create', checked.payload)) props.onCreated(woId);
  };

  return (
    <section className="card mx-panel" aria-label="New work order">
      <h2>New work order</h2>
      <AssetPicker id="new-wo-asset" onPick={setAsset} />
      {asset !== null && <p className="picked-title">For {asset.label}</p>}
      <form
        className="mx-stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="mx-filters">
          <label>
            Kind
            <select
              value={origin}
              onChange={(e) => {
                setOrigin(e.target.value === 'defect' ? 'defect' : 'cm');
              }}
            >
              <option value="cm">Corrective</option>
              <option value="defect">Defect</option>
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
        </div>
        <label>
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
        <label>
          What is wrong (optional)
          <textarea
            maxLength={4000}
            value={description}
            onChange={(e) => {
              setDescription(e.target.value);
            }}
          />
        </label>
        <label>
          Checklist (one task a line; start a line with ! for a mandatory task)
          <textarea
            value={tasks}
            placeholder={'!Isolate and lock out the machine\n!Replace the seal kit\nClean up'}
            onChange={(e) => {
              setTasks(e.target.value);
            }}
          />
        </label>
        <SendFeedback sender={sender} />
        <div className="mx-actions">
          <button type="submit" className="button button-primary" disabled={sender.busy}>
            Raise work order
          </button>
          <button type="button" className="button button-quiet" onClick={props.onClose}>
            Back
          </button>
        </div>
      </form>
    </section>
  );
}
