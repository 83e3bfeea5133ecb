// One row of the daily log grid: the asset, its meter, the three cells the supervisor types into
// (hours, fuel, notes) with the reason beside a cell that is wrong, the row's status and its
// actions. It re-renders when its own draft, its data or the active cell in it changes, nothing
// else, so typing stays smooth with 500 rows.
import { memo, useLayoutEffect, useRef, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { DailyLogGridRow } from '../../../src-preload/contract/maintenance/daily-log-reads.ts';
import { formatNumber } from '../../../src-preload/contract/maintenance/daily-log-rules.ts';
import { COLUMNS, rowState, type Column, type RowState } from './grid-model.ts';
import { useGridStore } from './grid-store.ts';

export type RowAction = 'correct' | 'meter';

export interface GridHandlers {
  /** A navigation key in a cell: true when the grid moved (the key is then consumed). */
  onKey: (event: KeyboardEvent<HTMLInputElement>, index: number, col: number) => boolean;
  onPaste: (text: string, index: number, col: number) => boolean;
  onFocusCell: (index: number, col: number) => void;
  onCopyYesterday: (row: DailyLogGridRow) => void;
  onAction: (row: DailyLogGridRow, action: RowAction) => void;
}

const STATUS_WORDS: Record<RowState['status'], string> = {
  new: 'new',
  edited: 'edited',
  error: 'error',
  queued: 'queued',
  applied: 'applied',
  rejected: 'rejected',
  flagged: 'flagged',
};

const COLUMN_WORDS: Record<Column, string> = { hours: 'Hours', fuel: 'Fuel', notes: 'Notes' };

export const cellId = (index: number, col: number): string => `dl-cell-${index}-${col}`;

interface CellProps {
  row: DailyLogGridRow;
  index: number;
  col: number;
  value: string;
  error: string | undefined;
  placeholder: string;
  handlers: GridHandlers;
}

function Cell(props: CellProps): React.JSX.Element {
  const { row, index, col, handlers } = props;
  const column = COLUMNS[col] ?? 'hours';
  const setCell = useGridStore((s) => s.setCell);
  const active = useGridStore((s) => s.active.row === index && s.active.col === col);
  const focusToken = useGridStore((s) => (s.active.row === index && s.active.col === col ? s.focusToken : 0));
  const input = useRef<HTMLInputElement>(null);
  /** The value when the cell got the focus: Escape puts it back. */
  const original = useRef(props.value);
  const name = row.client_code ?? row.name;
  // A keyboard move to this cell focuses it (also once the row scrolls into view).
  useLayoutEffect(() => {
    if (active && focusToken > 0 && input.current && document.activeElement !== input.current) {
      input.current.focus();
      input.current.select();
    }
  }, [active, focusToken]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape') {
      if (input.current && input.current.value !== original.current) {
        event.preventDefault();
        event.stopPropagation();
        setCell(row.asset_id, column, original.current);
        input.current.select();
      }
      return;
    }
    if (event.altKey && (event.key === 'y' || event.key === 'Y')) {
      event.preventDefault();
      handlers.onCopyYesterday(row);
      return;
    }
    if (handlers.onKey(event, index, col)) event.preventDefault();
  };
  const onPaste = (event: ClipboardEvent<HTMLInputElement>): void => {
    if (handlers.onPaste(event.clipboardData.getData('text/plain'), index, col)) event.preventDefault();
  };
  const errorId = props.error ? `${cellId(index, col)}-error` : undefined;
  return (
    <div className={`dl-cell dl-${column}${props.error ? ' dl-invalid' : ''}`} role="gridcell">
      <input
        ref={input}
        id={cellId(index, col)}
        className="dl-input"
        aria-label={`${COLUMN_WORDS[column]} of ${name}`}
        aria-invalid={props.error !== undefined}
        aria-describedby={errorId}
        inputMode={column === 'notes' ? 'text' : 'decimal'}
        autoComplete="off"
        spellCheck={column === 'notes'}
        value={props.value}
        placeholder={props.placeholder}
        tabIndex={active ? 0 : -1}
        onFocus={(event) => {
          original.current = event.currentTarget.value;
          event.currentTarget.select();
          handlers.onFocusCell(index, col);
        }}
        onChange={(event) => {
          setCell(row.asset_id, column, event.currentTarget.value);
        }}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
      />
      {props.error ? (
        <span className="dl-reason" id={errorId} title={props.error}>
          {props.error}
        </span>
      ) : null}
    </div>
  );
}

function statusNote(row: DailyLogGridRow, state: RowState, refused: string | undefined): string | null {
  if (state.status === 'error') return Object.values(state.errors).join(' ');
  if (refused) return refused;
  if (state.status === 'edited' && state.anomalies.length > 0)
    return state.anomalies.map((a) => a.message).join(' ');
  if (state.status === 'rejected') return row.rejected?.reason ?? null;
  if (state.status === 'flagged') return row.log?.anomalies.map((a) => a.message).join(' ') ?? null;
  if (row.log?.correction_pending) return 'Correction queued';
  return null;
}

export interface GridRowProps {
  row: DailyLogGridRow;
  index: number;
  dayLocked: boolean;
  top: number;
  handlers: GridHandlers;
}

export const GridRow = memo(function GridRow(props: GridRowProps): React.JSX.Element {
  const { row, index, dayLocked, handlers } = props;
  const draft = useGridStore((s) => s.drafts.get(row.asset_id));
  const refused = useGridStore((s) => s.refused.get(row.asset_id));
  const state = rowState(row, draft, dayLocked);
  const log = row.log;
  const values: Record<Column, string> = draft
    ? { hours: draft.hours, fuel: draft.fuel, notes: draft.notes }
    : log
      ? { hours: String(log.hours), fuel: String(log.fuel), notes: log.notes ?? '' }
      : { hours: '', fuel: '', notes: '' };
  const status = refused && state.status !== 'error' ? 'rejected' : state.status;
  const note = statusNote(row, state, refused);
  const flaggedDraft = state.status === 'edited' && state.anomalies.length > 0;
  // Each row is its own form (never submitted: its buttons are type="button" and three text
  // fields block implicit submission): a browser's autofill, which looks over the form of a field
  // on every keystroke, then reads the row's three inputs instead of every input of the grid.
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
      }}
      className={`dl-row dl-status-${status}${flaggedDraft ? ' dl-anomaly' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      data-asset={row.client_code ?? row.asset_id}
      data-status={status}
      style={{ transform: `translateY(${props.top}px)` }}
    >
      <div className="dl-asset" role="rowheader">
        <span className="dl-code">
          {row.client_code ?? '—'}
          {row.status !== 'in_service' ? (
            <span className="dl-asset-status">{row.status.replaceAll('_', ' ')}</span>
          ) : null}
        </span>
        <span className="dl-name" title={row.name}>
          {row.name}
        </span>
      </div>
      <div className="dl-meter" role="gridcell">
        <span className="dl-meter-value">{formatNumber(row.meter, 1)} h</span>
        <span className="dl-meter-date">{row.meter_date ?? 'no reading'}</span>
      </div>
      {COLUMNS.map((column, col) => (
        <Cell
          key={column}
          row={row}
          index={index}
          col={col}
          value={values[column]}
          error={state.errors[column]}
          placeholder={
            column === 'fuel' && row.tank_litres !== null ? `≤ ${formatNumber(row.tank_litres)}` : ''
          }
          handlers={handlers}
        />
      ))}
      <div className="dl-status" role="gridcell">
        <span className="dl-badge">{flaggedDraft ? 'anomaly' : STATUS_WORDS[status]}</span>
        {note ? (
          <span className="dl-note" title={note}>
            {note}
          </span>
        ) : null}
      </div>
      <div className="dl-actions" role="gridcell">
        {row.yesterday && !log ? (
          <button
            type="button"
            className="dl-mini"
            tabIndex={-1}
            aria-label={`Copy yesterday for ${row.client_code ?? row.name}`}
            title={`Yesterday: ${row.yesterday.hours} h, ${row.yesterday.fuel} L (Alt+Y)`}
            onClick={() => {
              handlers.onCopyYesterday(row);
            }}
          >
            Yesterday
          </button>
        ) : null}
        {log ? (
          <button
            type="button"
            className="dl-mini"
            tabIndex={-1}
            aria-label={`Correct the log of ${row.client_code ?? row.name}`}
            onClick={() => {
              handlers.onAction(row, 'correct');
            }}
          >
            Correct…
          </button>
        ) : null}
        <button
          type="button"
          className="dl-mini"
          tabIndex={-1}
          aria-label={`Meter of ${row.client_code ?? row.name}`}
          onClick={() => {
            handlers.onAction(row, 'meter');
          }}
        >
          Meter…
        </button>
      </div>
    </form>
  );
});
