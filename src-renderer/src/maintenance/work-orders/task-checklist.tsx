// A work order's checklist. On a work order in progress each task takes its result by keyboard:
// on a task, P passes and F fails it (with the note typed, if any), V goes to the value read and N
// to the note, where Enter records; ↑ and ↓ move between tasks, and after a result the focus goes
// to the next task without one. Mandatory
// tasks are marked; results queued at this station show as pending.
import { useRef, useState, type KeyboardEvent } from 'react';
import type { WoTask } from '../../../../src-preload/contract/maintenance/work-order-reads.ts';
import type { Sender } from '../use-send.ts';

const RESULT_WORDS = { pass: 'Passed', fail: 'Failed', input: 'Read' } as const;
const RESULT_PILL = { pass: 'mx-pill mx-pill-ok', fail: 'mx-pill mx-pill-bad', input: 'mx-pill' } as const;

export interface TaskChecklistProps {
  tasks: readonly WoTask[];
  /** Results may be entered (in progress, and the user works on it). */
  editable: boolean;
  sender: Sender;
}

export function TaskChecklist(props: TaskChecklistProps): React.JSX.Element {
  const listRef = useRef<HTMLOListElement>(null);
  if (props.tasks.length === 0) return <p className="hint">No checklist.</p>;

  const focusRow = (index: number): void => {
    const rows = listRef.current?.querySelectorAll<HTMLElement>('[data-task-row]');
    const row = rows?.[Math.max(0, Math.min(index, rows.length - 1))];
    row?.querySelector<HTMLElement>('[data-task-first]')?.focus();
  };
  const focusNextOpen = (after: number): void => {
    const next = props.tasks.findIndex((t, i) => i > after && t.result === null);
    focusRow(next === -1 ? after + 1 : next);
  };

  return (
    <ol className="mx-checklist" ref={listRef} aria-label="Checklist">
      {props.tasks.map((task, index) => (
        <TaskRow
          key={task.id}
          task={task}
          editable={props.editable}
          sender={props.sender}
          onMove={(delta) => {
            focusRow(index + delta);
          }}
          onDone={() => {
            focusNextOpen(index);
          }}
        />
      ))}
    </ol>
  );
}

interface TaskRowProps {
  task: WoTask;
  editable: boolean;
  sender: Sender;
  onMove: (delta: number) => void;
  onDone: () => void;
}

function TaskRow(props: TaskRowProps): React.JSX.Element {
  const { task, sender } = props;
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const valueRef = useRef<HTMLInputElement>(null);
  const noteRef = useRef<HTMLInputElement>(null);
  const label = `Task ${String(task.seq)}`;

  const record = async (result: 'pass' | 'fail' | 'input'): Promise<void> => {
    if (result === 'input' && value.trim() === '') {
      sender.setError(`${label} (${task.description}): type the value that was read, then press Enter.`);
      return;
    }
    const ok = await sender.send('wo.task_result', {
      task_id: task.id,
      result,
      ...(result === 'input' ? { value: value.trim() } : {}),
      ...(note.trim() === '' ? {} : { note: note.trim() }),
    });
    if (ok) {
      setValue('');
      setNote('');
      props.onDone();
    }
  };

  const onRowKey = (event: KeyboardEvent<HTMLLIElement>): void => {
    const inField = event.target instanceof HTMLInputElement;
    if (event.key === 'ArrowDown' && !inField) {
      event.preventDefault();
      props.onMove(1);
    } else if (event.key === 'ArrowUp' && !inField) {
      event.preventDefault();
      props.onMove(-1);
    } else if (!props.editable || inField || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    } else if (event.key === 'p' || event.key === 'P') {
      event.preventDefault();
      void record('pass');
    } else if (event.key === 'f' || event.key === 'F') {
      event.preventDefault();
      void record('fail');
    } else if (event.key === 'v' || event.key === 'V') {
      event.preventDefault();
      valueRef.current?.focus();
    } else if (event.key === 'n' || event.key === 'N') {
      event.preventDefault();
      noteRef.current?.focus();
    }
  };

  // Enter in the value or the note: the value read (or, with none typed, a pass with the note).
  const onFieldKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void record(value.trim() === '' ? 'pass' : 'input');
  };

  return (
    <li className="mx-task" data-task-row onKeyDown={onRowKey} aria-label={`${label}: ${task.description}`}>
      <span className="mx-task-seq">{task.seq}.</span>
      <span>
        {task.description}
        {task.is_mandatory && (
          <>
            {' '}
            <span className="mx-pill mx-pill-warn">Mandatory</span>
          </>
        )}
      </span>
      <span>
        {task.result === null ? (
          <span className="mx-pill mx-pill-muted">No result</span>
        ) : (
          <span className={RESULT_PILL[task.result]}>
            {RESULT_WORDS[task.result]}
            {task.result === 'input' && task.value !== null ? `: ${task.value}` : ''}
            {task.pending ? ' (queued)' : ''}
          </span>
        )}
      </span>
      {(task.note !== null || task.completed_by !== null || task.follow_up_code !== null) && (
        <span className="mx-row-sub">
          {[
            task.note,
            task.completed_by === null ? null : `by ${task.completed_by}`,
            task.follow_up_code === null ? null : `follow-up ${task.follow_up_code}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        </span>
      )}
      {props.editable && (
        <div className="mx-task-entry">
          <button
            type="button"
            className="button button-quiet mx-button-small"
            data-task-first
            disabled={sender.busy}
            onClick={() => void record('pass')}
          >
            Pass <kbd>P</kbd>
          </button>
          <button
            type="button"
            className="button button-quiet mx-button-small"
            disabled={sender.busy}
            onClick={() => void record('fail')}
          >
            Fail <kbd>F</kbd>
          </button>
          <input
            ref={valueRef}
            className="mx-input"
            aria-label={`${label}: value read`}
            placeholder="Value (V)"
            autoComplete="off"
            value={value}
            onChange={(e) => {
              setValue(e.target.value);
            }}
            onKeyDown={onFieldKey}
          />
          <input
            ref={noteRef}
            className="mx-input mx-note"
            aria-label={`${label}: note`}
            placeholder="Note (N)"
            autoComplete="off"
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
            }}
            onKeyDown={onFieldKey}
          />
        </div>
      )}
    </li>
  );
}
