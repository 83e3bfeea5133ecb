// The day lock of the site: open, submitted (by whom, when) or reopened (by whom, why). A
// supervisor submits the day; a manager reopens it with a reason. Both are operations, queued
// like any other (offline too).
import { useState, type SubmitEvent } from 'react';
import type { DailyLogDay } from '../../../src-preload/contract/maintenance/daily-log-reads.ts';
import { OPERATIONS } from '../../../src-preload/contract/operations.ts';
import type { UserRoleName } from '../../../src-preload/contract/roles.ts';
import { readableError } from '../api/api-call-error.ts';
import { operation, useSubmitOperation } from '../api/station-queries.ts';
import { Dialog } from './dialog.tsx';

function describe(day: DailyLogDay): string {
  const when = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : '');
  if (day.status === 'submitted') {
    return day.submitted_by ? `Submitted by ${day.submitted_by}, ${when(day.submitted_at)}` : 'Submitted';
  }
  if (day.status === 'reopened') {
    return day.reopened_by ? `Reopened by ${day.reopened_by}: ${day.reopen_reason ?? ''}` : 'Reopened';
  }
  return 'Open';
}

export function DayBar(props: { date: string; day: DailyLogDay; role: UserRoleName }): React.JSX.Element {
  const { date, day, role } = props;
  const submit = useSubmitOperation();
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const canSubmit = OPERATIONS['daily_log.submit_day'].roles.includes(role) && day.status !== 'submitted';
  const canReopen = OPERATIONS['daily_log.reopen_day'].roles.includes(role) && day.status === 'submitted';

  const send = async (request: Parameters<typeof submit.mutateAsync>[0]): Promise<boolean> => {
    setError(null);
    try {
      await submit.mutateAsync(request);
      return true;
    } catch (failure) {
      setError(readableError(failure));
      return false;
    }
  };
  const onReopen = (event: SubmitEvent): void => {
    event.preventDefault();
    void send(operation('daily_log.reopen_day', { date, reason })).then((ok) => {
      if (ok) setReopening(false);
    });
  };

  return (
    <div className={`dl-daybar dl-day-${day.status}`}>
      <span className="dl-day-status" data-status={day.status}>
        Day {date}: {describe(day)}
        {day.pending ? ' (queued)' : ''}
      </span>
      {canSubmit ? (
        <button
          type="button"
          className="button button-quiet"
          onClick={() => void send(operation('daily_log.submit_day', { date }))}
        >
          Submit day
        </button>
      ) : null}
      {canReopen ? (
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            setReopening(true);
          }}
        >
          Reopen day…
        </button>
      ) : null}
      {error && !reopening ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
      {reopening ? (
        <Dialog
          title={`Reopen ${date}`}
          onClose={() => {
            setReopening(false);
          }}
        >
          <form className="dl-form" onSubmit={onReopen}>
            <label className="dl-wide">
              Reason for reopening
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
              <button type="submit" className="button button-primary">
                Reopen day
              </button>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => {
                  setReopening(false);
                }}
              >
                Cancel
              </button>
            </div>
          </form>
        </Dialog>
      ) : null}
    </div>
  );
}
