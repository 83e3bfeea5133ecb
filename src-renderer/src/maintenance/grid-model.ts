// The daily log grid's model, without React: the rows as the core reads them, what the supervisor
// typed (drafts), each row's state (errors with their reason, anomalies, status), moving between
// cells, pasting a block from a spreadsheet and copying yesterday.
import type { DailyLogGridRow } from '../../../src-preload/contract/maintenance/daily-log-reads.ts';
import {
  checkFuel,
  checkHours,
  detectAnomalies,
  parseTsv,
  type DailyLogAnomaly,
} from '../../../src-preload/contract/maintenance/daily-log-rules.ts';

export const COLUMNS = ['hours', 'fuel', 'notes'] as const;
export type Column = (typeof COLUMNS)[number];

export interface Draft {
  hours: string;
  fuel: string;
  notes: string;
  /** The operation id this row's save will have (one per draft: a second Save queues nothing more). */
  opId: string;
  /** The id of the log it records (so that it can be corrected before it reaches the server). */
  logId: string;
}

export type DraftIds = Pick<Draft, 'opId' | 'logId'>;

export type RowStatus = 'new' | 'edited' | 'error' | 'queued' | 'applied' | 'rejected' | 'flagged';

export interface RowState {
  status: RowStatus;
  errors: Partial<Record<Column, string>>;
  anomalies: DailyLogAnomaly[];
  /** Values ready to save (a draft without errors). */
  values: { hours: number; fuel: number; notes: string } | null;
}

export const emptyDraft = (ids: DraftIds): Draft => ({ hours: '', fuel: '', notes: '', ...ids });

export function isBlank(d: Draft | undefined): boolean {
  return !d || (d.hours.trim() === '' && d.fuel.trim() === '' && d.notes.trim() === '');
}

/**
 * The status of a row without a draft: rejected while this station's refused log is not
 * acknowledged (the log shown is then the one that survived, e.g. another station's), else its
 * log's (flagged when it has anomalies), or new.
 */
export function savedStatus(row: DailyLogGridRow): RowStatus {
  const log = row.log;
  if (row.rejected) return 'rejected';
  if (!log) return 'new';
  if (log.anomalies.length > 0) return 'flagged';
  return log.state;
}

/**
 * The last state worked out for each draft (drafts are replaced, never changed, on every edit):
 * the row and the save bar ask for the same draft's state on every keystroke, and the save bar for
 * every draft's; only the draft that changed is checked again.
 */
const statesOfDrafts = new WeakMap<Draft, { row: DailyLogGridRow; dayLocked: boolean; state: RowState }>();

/** The state of one row from the read and the draft (if any). */
export function rowState(row: DailyLogGridRow, draft: Draft | undefined, dayLocked: boolean): RowState {
  if (!draft || isBlank(draft)) return { status: savedStatus(row), errors: {}, anomalies: [], values: null };
  const known = statesOfDrafts.get(draft);
  if (known && known.row === row && known.dayLocked === dayLocked) return known.state;
  const state = draftState(row, draft, dayLocked);
  statesOfDrafts.set(draft, { row, dayLocked, state });
  return state;
}

function draftState(row: DailyLogGridRow, draft: Draft, dayLocked: boolean): RowState {
  const errors: RowState['errors'] = {};
  if (row.log) {
    errors.hours =
      `Already logged for this day (${row.log.hours} h, ${row.log.fuel} L` +
      `${row.log.supervisor ? ` by ${row.log.supervisor}` : ''}): correct that log instead.`;
    return { status: 'error', errors, anomalies: [], values: null };
  }
  if (dayLocked) {
    errors.hours = 'The day is submitted; a manager must reopen it before logs can be added.';
    return { status: 'error', errors, anomalies: [], values: null };
  }
  const hours = checkHours(draft.hours);
  const fuel = checkFuel(draft.fuel, row.tank_litres);
  if (!hours.ok) errors.hours = hours.reason;
  else if (hours.value === null) errors.hours = 'Enter the run hours (0 if it did not run).';
  if (!fuel.ok) errors.fuel = fuel.reason;
  if (draft.notes.length > 500) errors.notes = 'Notes can be at most 500 characters.';
  if (!hours.ok || hours.value === null || !fuel.ok || errors.notes !== undefined) {
    return { status: 'error', errors, anomalies: [], values: null };
  }
  const values = { hours: hours.value, fuel: fuel.value ?? 0, notes: draft.notes.trim() };
  const anomalies = detectAnomalies({ ...values, status: row.status, norms: row.norms });
  return { status: 'edited', errors, anomalies, values };
}

export interface CellPos {
  row: number;
  col: number;
}

/** Where a navigation key goes from a cell of a grid of `rows` rows (null: it stays). */
export function moveFrom(pos: CellPos, key: string, shift: boolean, rows: number): CellPos | null {
  const last = COLUMNS.length - 1;
  switch (key) {
    case 'ArrowUp':
      return pos.row > 0 ? { row: pos.row - 1, col: pos.col } : null;
    case 'ArrowDown':
    case 'Enter':
      if (key === 'Enter' && shift) return pos.row > 0 ? { row: pos.row - 1, col: pos.col } : null;
      return pos.row < rows - 1 ? { row: pos.row + 1, col: pos.col } : null;
    case 'ArrowLeft':
      return pos.col > 0 ? { row: pos.row, col: pos.col - 1 } : null;
    case 'ArrowRight':
      return pos.col < last ? { row: pos.row, col: pos.col + 1 } : null;
    case 'Tab':
      if (shift) {
        if (pos.col > 0) return { row: pos.row, col: pos.col - 1 };
        return pos.row > 0 ? { row: pos.row - 1, col: last } : null;
      }
      if (pos.col < last) return { row: pos.row, col: pos.col + 1 };
      return pos.row < rows - 1 ? { row: pos.row + 1, col: 0 } : null;
    default:
      return null;
  }
}

/**
 * A block pasted at a cell: each line goes to the next visible row, each tab-separated cell to the
 * next column (hours, fuel, notes). Rows already logged are filled too (they then say they need a
 * correction). Returns the changed drafts by asset id.
 */
export function pasteBlock(
  text: string,
  at: CellPos,
  order: readonly DailyLogGridRow[],
  drafts: ReadonlyMap<string, Draft>,
  newIds: () => DraftIds,
): Map<string, Draft> {
  const changed = new Map<string, Draft>();
  parseTsv(text).forEach((cells, i) => {
    const row = order[at.row + i];
    if (!row) return;
    const draft = { ...(drafts.get(row.asset_id) ?? emptyDraft(newIds())) };
    cells.forEach((cell, j) => {
      const column = COLUMNS[at.col + j];
      if (column) draft[column] = cell.trim();
    });
    changed.set(row.asset_id, draft);
  });
  return changed;
}

/** Yesterday's hours and fuel for rows not logged and not typed yet. */
export function copyYesterday(
  rows: readonly DailyLogGridRow[],
  drafts: ReadonlyMap<string, Draft>,
  newIds: () => DraftIds,
): Map<string, Draft> {
  const changed = new Map<string, Draft>();
  for (const row of rows) {
    if (!row.yesterday || row.log) continue;
    const current = drafts.get(row.asset_id);
    if (!isBlank(current)) continue;
    changed.set(row.asset_id, {
      ...(current ?? emptyDraft(newIds())),
      hours: String(row.yesterday.hours),
      fuel: String(row.yesterday.fuel),
    });
  }
  return changed;
}
