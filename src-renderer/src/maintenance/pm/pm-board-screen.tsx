// PM board (F6): the site's preventive maintenance as the station knows it now: overdue, due in the
// next 7 and 30 days (by date, or by the forecast from the asset's average use), and services
// folded into a bigger one, each with the engine's sentence why. A schedule with an open work
// order opens it; the asset opens its card.
import { useState } from 'react';
import type { PmBoardRow, PmBucket } from '../../../../src-preload/contract/maintenance/pm-reads.ts';
import { readableError } from '../../api/api-call-error.ts';
import { AssetLink } from '../asset-link.tsx';
import { usePmBoard } from '../maintenance-queries.ts';
import { openWorkOrder } from '../maintenance-store.ts';
import { BUCKET_PILL, BUCKET_WORDS, dayText, meterText, WO_STATUS_WORDS } from '../maintenance-words.ts';
import '../maintenance.css';

const SHOWN: readonly PmBucket[] = ['overdue', 'week', 'month', 'suppressed'];
/** Rows drawn per section until "Show all" (a big site has thousands of schedules). */
const FIRST_ROWS = 100;

export function PmBoardScreen(): React.JSX.Element {
  const board = usePmBoard();
  const data = board.data;
  return (
    <div className="screen mx-screen">
      <h1 className="screen-title">PM board</h1>
      {board.isError && (
        <p className="form-error" role="alert">
          {readableError(board.error)}
        </p>
      )}
      {!data && !board.isError && <p className="hint">Loading the PM board…</p>}
      {data && (
        <>
          <p className="mx-counts" aria-label="Schedules by status">
            {SHOWN.map((bucket) => (
              <span key={bucket} className={BUCKET_PILL[bucket]}>
                {BUCKET_WORDS[bucket]}: {data.counts[bucket]}
              </span>
            ))}
            <span className="mx-pill mx-pill-muted">Later: {data.counts.later}</span>
          </p>
          <p className="hint">
            As of {dayText(data.today)}, with the daily logs queued here. Due dates by meter are forecast from
            each asset’s average daily use.
          </p>
          {SHOWN.map((bucket) => (
            <BoardSection
              key={bucket}
              bucket={bucket}
              count={data.counts[bucket]}
              rows={data.rows.filter((r) => r.bucket === bucket)}
            />
          ))}
        </>
      )}
    </div>
  );
}

function BoardSection(props: { bucket: PmBucket; count: number; rows: PmBoardRow[] }): React.JSX.Element {
  const [all, setAll] = useState(false);
  const headingId = `pm-${props.bucket}`;
  const rows = all ? props.rows : props.rows.slice(0, FIRST_ROWS);
  return (
    <section className="mx-board-section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {BUCKET_WORDS[props.bucket]} ({props.count})
      </h2>
      {props.rows.length === 0 ? (
        <p className="hint">None.</p>
      ) : (
        <ul className="mx-list">
          {rows.map((row) => (
            <BoardRow key={row.id} row={row} />
          ))}
        </ul>
      )}
      {rows.length < props.rows.length && (
        <button
          type="button"
          className="button button-quiet mx-button-small"
          onClick={() => {
            setAll(true);
          }}
        >
          Show all {props.rows.length}
        </button>
      )}
      {all && props.rows.length < props.count && (
        <p className="hint">
          The {props.rows.length} most urgent of {props.count} are listed; an asset’s card lists all of its
          schedules.
        </p>
      )}
    </section>
  );
}

function BoardRow(props: { row: PmBoardRow }): React.JSX.Element {
  const { row } = props;
  const meter =
    row.due_meter === null
      ? null
      : `${meterText(row.meter_now, row.unit)} of ${meterText(row.due_meter, row.unit)}`;
  return (
    <li className="mx-board-row">
      <span>
        <AssetLink id={row.asset_id} label={row.asset_label} />
      </span>
      <strong>{row.name}</strong>
      <span>
        {row.open_wo ? (
          <button
            type="button"
            className="mx-link"
            onClick={() => {
              if (row.open_wo) openWorkOrder(row.open_wo.id);
            }}
          >
            {row.open_wo.code} ({WO_STATUS_WORDS[row.open_wo.status] ?? row.open_wo.status})
          </button>
        ) : (
          <span className={BUCKET_PILL[row.bucket]}>
            {row.next_due === null ? 'No date' : dayText(row.next_due)}
          </span>
        )}
        {meter !== null && <span className="hint"> {meter}</span>}
      </span>
      <span className="mx-why-text">{row.why}</span>
    </li>
  );
}
