// The grid's save: every good row queued at once (each row one daily_log.record, with the id its
// draft was given, so saving again queues nothing twice), rows with errors left in the grid with
// their reason. Unusual values are confirmed first; they stay flagged on the log for the manager.
import { useState } from 'react';
import type {
  DailyLogGridRow,
  DailyLogSaveRow,
} from '../../../src-preload/contract/maintenance/daily-log-reads.ts';
import type { DailyLogAnomaly } from '../../../src-preload/contract/maintenance/daily-log-rules.ts';
import { readableError } from '../api/api-call-error.ts';
import { useSaveGrid } from './daily-log-queries.ts';
import { Dialog } from './dialog.tsx';
import { rowState } from './grid-model.ts';
import { useGridStore } from './grid-store.ts';

interface Ready {
  row: DailyLogGridRow;
  save: DailyLogSaveRow;
  anomalies: DailyLogAnomaly[];
}

export interface SaveBarProps {
  date: string;
  rows: readonly DailyLogGridRow[];
  dayLocked: boolean;
  /** Called with the save function, so that Ctrl+S anywhere on the screen saves. */
  bindSave: (save: () => void) => void;
}

export function SaveBar(props: SaveBarProps): React.JSX.Element {
  const { date, rows, dayLocked } = props;
  const drafts = useGridStore((s) => s.drafts);
  const saved = useGridStore((s) => s.saved);
  const save = useSaveGrid();
  const [confirming, setConfirming] = useState<Ready[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const ready: Ready[] = [];
  let errors = 0;
  for (const row of rows) {
    const draft = drafts.get(row.asset_id);
    if (!draft) continue;
    const state = rowState(row, draft, dayLocked);
    if (state.status === 'error') errors++;
    if (state.status !== 'edited' || !state.values) continue;
    ready.push({
      row,
      anomalies: state.anomalies,
      save: {
        op_id: draft.opId,
        log_id: draft.logId,
        asset_id: row.asset_id,
        run_hours_added: state.values.hours,
        fuel_liters_added: state.values.fuel,
        ...(state.values.notes ? { notes: state.values.notes } : {}),
        ...(state.anomalies.length > 0 ? { anomalies: state.anomalies } : {}),
      },
    });
  }

  const send = async (list: readonly Ready[]): Promise<void> => {
    setConfirming(null);
    if (list.length === 0) return;
    try {
      const result = await save.mutateAsync({ date, rows: list.map((r) => r.save) });
      saved(
        result.queued.map((q) => q.asset_id),
        new Map(result.refused.map((r) => [r.asset_id, r.message])),
      );
      const queued = `${result.queued.length} ${result.queued.length === 1 ? 'row' : 'rows'} queued`;
      setMessage(
        result.refused.length > 0
          ? `${queued}; ${result.refused.length} refused (see the rows).`
          : `${queued}.`,
      );
    } catch (error) {
      setMessage(readableError(error));
    }
  };

  const start = (): void => {
    if (ready.length === 0) {
      setMessage(
        errors > 0 ? 'Fix the rows with errors first; nothing to save yet.' : 'Nothing to save yet.',
      );
      return;
    }
    if (ready.some((r) => r.anomalies.length > 0)) setConfirming(ready);
    else void send(ready);
  };
  props.bindSave(start);

  return (
    <div className="dl-savebar">
      <span className="dl-counts" aria-live="polite">
        {ready.length} ready · {errors} with errors
      </span>
      <button type="button" className="button button-primary" onClick={start} disabled={save.isPending}>
        Save {ready.length > 0 ? `${ready.length} ${ready.length === 1 ? 'row' : 'rows'}` : ''} (Ctrl+S)
      </button>
      {message ? (
        <span className="dl-save-message" role="status">
          {message}
        </span>
      ) : null}
      {confirming ? (
        <Dialog
          title="Confirm unusual values"
          onClose={() => {
            setConfirming(null);
          }}
        >
          <p className="dl-dialog-lead">
            These values are unusual. They will be saved and flagged for the manager.
          </p>
          <ul className="dl-anomaly-list">
            {confirming
              .filter((r) => r.anomalies.length > 0)
              .map((r) => (
                <li key={r.row.asset_id}>
                  <strong>{r.row.client_code ?? r.row.name}</strong>:{' '}
                  {r.anomalies.map((a) => a.message).join(' ')}
                </li>
              ))}
          </ul>
          <div className="dl-dialog-buttons">
            <button type="button" className="button button-primary" onClick={() => void send(confirming)}>
              Confirm and save
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                setConfirming(null);
              }}
            >
              Review
            </button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
