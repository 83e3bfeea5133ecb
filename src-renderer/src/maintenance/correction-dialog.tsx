// Correct a logged day (daily_log.correct): new hours, fuel and notes with a mandatory reason; the
// history of the log's earlier corrections is shown under the form. The values the supervisor saw
// go with it, so a log changed meanwhile is refused rather than overwritten.
import { useState, type SubmitEvent } from 'react';
import type { DailyLogGridRow } from '../../../src-preload/contract/maintenance/daily-log-reads.ts';
import {
  checkFuel,
  checkHours,
  formatNumber,
} from '../../../src-preload/contract/maintenance/daily-log-rules.ts';
import { readableError } from '../api/api-call-error.ts';
import { operation, useSubmitOperation } from '../api/station-queries.ts';
import { useCorrections } from './daily-log-queries.ts';
import { Dialog } from './dialog.tsx';

export function CorrectionDialog(props: { row: DailyLogGridRow; onClose: () => void }): React.JSX.Element {
  const { row, onClose } = props;
  const log = row.log;
  const submit = useSubmitOperation();
  const history = useCorrections(log?.id ?? null);
  const [hours, setHours] = useState(String(log?.hours ?? ''));
  const [fuel, setFuel] = useState(String(log?.fuel ?? ''));
  const [notes, setNotes] = useState(log?.notes ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const name = row.client_code ?? row.name;

  const send = async (): Promise<void> => {
    if (!log) return;
    const h = checkHours(hours);
    const f = checkFuel(fuel, row.tank_litres);
    if (!h.ok || h.value === null) {
      setError(h.ok ? 'Enter the run hours.' : h.reason);
      return;
    }
    if (!f.ok) {
      setError(f.reason);
      return;
    }
    if (reason.trim() === '') {
      setError('A correction needs a reason.');
      return;
    }
    try {
      await submit.mutateAsync(
        operation('daily_log.correct', {
          log_id: log.id,
          run_hours_added: h.value,
          fuel_liters_added: f.value ?? 0,
          notes,
          reason,
          expected: { run_hours_added: log.hours, fuel_liters_added: log.fuel },
        }),
      );
      onClose();
    } catch (failure) {
      setError(readableError(failure));
    }
  };
  const onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void send();
  };

  return (
    <Dialog title={`Correct the log of ${name}`} onClose={onClose}>
      <p className="dl-dialog-lead">
        Logged: {log ? `${formatNumber(log.hours)} h, ${formatNumber(log.fuel)} L` : 'nothing'}
        {log?.supervisor ? ` by ${log.supervisor}` : ''}. The meter moves by the difference.
      </p>
      <form className="dl-form" onSubmit={onSubmit}>
        <label>
          Hours
          <input
            value={hours}
            inputMode="decimal"
            onChange={(e) => {
              setHours(e.currentTarget.value);
            }}
          />
        </label>
        <label>
          Fuel (L)
          <input
            value={fuel}
            inputMode="decimal"
            onChange={(e) => {
              setFuel(e.currentTarget.value);
            }}
          />
        </label>
        <label className="dl-wide">
          Notes
          <input
            value={notes}
            onChange={(e) => {
              setNotes(e.currentTarget.value);
            }}
          />
        </label>
        <label className="dl-wide">
          Reason for the correction
          <input
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
            }}
          />
        </label>
        {error ? (
          <p className="field-error dl-wide" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dl-dialog-buttons dl-wide">
          <button type="submit" className="button button-primary" disabled={submit.isPending}>
            Save correction
          </button>
          <button type="button" className="button button-quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
      {history.data && history.data.length > 0 ? (
        <table className="dl-history">
          <caption>Earlier corrections</caption>
          <thead>
            <tr>
              <th>Was</th>
              <th>Now</th>
              <th>Reason</th>
              <th>By</th>
            </tr>
          </thead>
          <tbody>
            {history.data.map((c, i) => (
              <tr key={i}>
                <td>
                  {formatNumber(c.old_hours)} h, {formatNumber(c.old_fuel)} L
                </td>
                <td>
                  {formatNumber(c.new_hours)} h, {formatNumber(c.new_fuel)} L
                </td>
                <td>{c.reason}</td>
                <td>
                  {c.corrected_by ?? '—'}
                  {c.pending ? ' (queued)' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Dialog>
  );
}
