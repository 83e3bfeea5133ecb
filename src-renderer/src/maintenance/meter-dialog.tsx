// An asset's hour meter: a reading taken off the machine (meter.reading), or a replaced or reset
// meter (meter.replace), with the latest readings shown. A reading out of time order is refused at
// once with the neighbouring readings quoted (the core checks as the server does).
import { useState, type SubmitEvent } from 'react';
import type { DailyLogGridRow } from '../../../src-preload/contract/maintenance/daily-log-reads.ts';
import { formatNumber, parseNumber } from '../../../src-preload/contract/maintenance/daily-log-rules.ts';
import { readableError } from '../api/api-call-error.ts';
import { operation, useSubmitOperation } from '../api/station-queries.ts';
import { useMeterHistory } from './daily-log-queries.ts';
import { Dialog } from './dialog.tsx';

const pad = (n: number): string => String(n).padStart(2, '0');

/** Now, as a datetime-local input shows it. */
export function localNow(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** "2026-11-25T17:30" typed here -> "2026-11-25T17:30+03:00", with this station's offset then. */
export function withOffset(local: string): string {
  const at = new Date(local);
  const minutes = -at.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${local.slice(0, 16)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

type Mode = 'reading' | 'replace';

export function MeterDialog(props: { row: DailyLogGridRow; onClose: () => void }): React.JSX.Element {
  const { row, onClose } = props;
  const history = useMeterHistory(row.asset_id);
  const submit = useSubmitOperation();
  const [mode, setMode] = useState<Mode>('reading');
  const [at, setAt] = useState(localNow());
  const [value, setValue] = useState('');
  const [newStart, setNewStart] = useState('0');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const name = row.client_code ?? row.name;

  const number = (text: string, what: string): number | null => {
    const parsed = parseNumber(text);
    if (parsed === null || parsed === 'invalid') {
      setError(`${what} must be a number.`);
      return null;
    }
    return parsed;
  };

  const send = async (): Promise<void> => {
    setError(null);
    const reading = number(value, mode === 'reading' ? 'The reading' : "The old meter's final reading");
    if (reading === null) return;
    try {
      if (mode === 'reading') {
        await submit.mutateAsync(
          operation('meter.reading', {
            asset_id: row.asset_id,
            read_at: withOffset(at),
            reading,
            ...(reason.trim() ? { reason } : {}),
          }),
        );
      } else {
        const start = number(newStart, "The new meter's start reading");
        if (start === null) return;
        await submit.mutateAsync(
          operation('meter.replace', {
            asset_id: row.asset_id,
            replaced_at: withOffset(at),
            old_final_reading: reading,
            new_start_reading: start,
            reason,
          }),
        );
      }
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
    <Dialog title={`Meter of ${name}`} onClose={onClose}>
      <p className="dl-dialog-lead">
        The meter should show {formatNumber(history.data?.meter ?? row.meter, 1)} h
        {history.data && history.data.offset !== 0 ? ` (total ${formatNumber(history.data.total, 1)} h)` : ''}
        .
      </p>
      <div className="dl-tabs" role="tablist">
        {(['reading', 'replace'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            onClick={() => {
              setMode(m);
              setError(null);
            }}
          >
            {m === 'reading' ? 'Reading' : 'Meter replaced'}
          </button>
        ))}
      </div>
      <form className="dl-form" onSubmit={onSubmit}>
        <label>
          {mode === 'reading' ? 'Read at' : 'Replaced at'}
          <input
            type="datetime-local"
            value={at}
            onChange={(e) => {
              setAt(e.currentTarget.value);
            }}
          />
        </label>
        <label>
          {mode === 'reading' ? 'Reading (h)' : "Old meter's final reading (h)"}
          <input
            value={value}
            inputMode="decimal"
            onChange={(e) => {
              setValue(e.currentTarget.value);
            }}
          />
        </label>
        {mode === 'replace' ? (
          <label>
            New meter&apos;s start reading (h)
            <input
              value={newStart}
              inputMode="decimal"
              onChange={(e) => {
                setNewStart(e.currentTarget.value);
              }}
            />
          </label>
        ) : null}
        <label className="dl-wide">
          {mode === 'reading' ? 'Reason (needed to take the meter down)' : 'Reason for the replacement'}
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
            {mode === 'reading' ? 'Save reading' : 'Save replacement'}
          </button>
          <button type="button" className="button button-quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
      {history.data && history.data.readings.length > 0 ? (
        <table className="dl-history">
          <caption>Latest readings</caption>
          <tbody>
            {history.data.readings.map((r) => (
              <tr key={r.id}>
                <td>{new Date(r.read_at).toLocaleString()}</td>
                <td>
                  {formatNumber(r.reading)} h{r.source === 'replacement' ? ' (old meter, final)' : ''}
                </td>
                <td>
                  {r.adjustment !== 0
                    ? `meter ${r.adjustment > 0 ? '+' : ''}${formatNumber(r.adjustment)} h`
                    : ''}
                </td>
                <td>{r.pending ? 'queued' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Dialog>
  );
}
