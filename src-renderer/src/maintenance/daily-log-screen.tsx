// Daily log (supervisors): the whole site's day in one grid. The day is chosen at the top (today
// by default); one row per metered asset, grouped by area or category and filterable. Type hours,
// fuel and notes like in a spreadsheet (daily-log-grid.tsx), paste a block from a spreadsheet,
// copy yesterday for a row (Alt+Y) or the whole grid; each cell is checked as it is typed, with the
// reason beside it; Save (Ctrl+S) queues every good row at once. A logged row is changed by a
// correction with a reason; the meter dialog takes a reading or a replaced meter; the day is
// submitted by the supervisor and reopened by a manager.
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import type { DailyLogGridRow } from '../../../src-preload/contract/maintenance/daily-log-reads.ts';
import { useSessionStore } from '../state/session-store.ts';
import { localToday } from '../util/time.ts';
import { CorrectionDialog } from './correction-dialog.tsx';
import { DayBar } from './day-bar.tsx';
import { useDailyLogGrid } from './daily-log-queries.ts';
import { DailyLogGrid } from './daily-log-grid.tsx';
import { copyYesterday, rowState } from './grid-model.ts';
import type { RowAction } from './grid-row.tsx';
import { newIds, useGridStore } from './grid-store.ts';
import { MeterDialog } from './meter-dialog.tsx';
import { SaveBar } from './save-bar.tsx';
import './daily-log.css';

type GroupBy = 'area' | 'category';

/** The grid's own height above and below its rows: the column heads, borders, the gap to the save bar. */
const GRID_CHROME = 40 + 2 + 10;
type Show = 'all' | 'todo' | 'errors' | 'flagged';

const GROUP_OF: Record<GroupBy, (row: DailyLogGridRow) => string> = {
  area: (row) => row.area,
  category: (row) => row.category ?? 'Other',
};

function matches(row: DailyLogGridRow, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const text = `${row.client_code ?? ''} ${row.name} ${row.area} ${row.category ?? ''}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

export function DailyLogScreen(): React.JSX.Element {
  const role = useSessionStore((s) => s.user?.role ?? 'supervisor');
  const [date, setDate] = useState(() => localToday());
  const [filter, setFilter] = useState('');
  const [groupBy, setGroupBy] = useState<GroupBy>('area');
  const [show, setShow] = useState<Show>('all');
  const [dialog, setDialog] = useState<{ row: DailyLogGridRow; action: RowAction } | null>(null);
  const [height, setHeight] = useState(300);
  const gridBox = useRef<HTMLDivElement>(null);
  const grid = useDailyLogGrid(date);
  const setStoreDate = useGridStore((s) => s.setDate);
  const moveTo = useGridStore((s) => s.moveTo);
  const saveRef = useRef<() => void>(() => undefined);
  const bindSave = useCallback((save: () => void) => {
    saveRef.current = save;
  }, []);

  useEffect(() => {
    setStoreDate(date);
  }, [date, setStoreDate]);
  const data = grid.data?.date === date ? grid.data : undefined;
  // The grid fills the screen down to the save bar: the page itself never scrolls.
  const hasData = data !== undefined;
  useLayoutEffect(() => {
    const fit = (): void => {
      const box = gridBox.current;
      const main = box?.closest('.app-main');
      if (!box || !main) return;
      const top = box.getBoundingClientRect().top - main.getBoundingClientRect().top + main.scrollTop;
      const saveBar = box.parentElement?.querySelector('.dl-savebar')?.getBoundingClientRect().height ?? 60;
      const bottomPadding = parseFloat(getComputedStyle(main).paddingBottom) || 0;
      setHeight(Math.max(240, Math.floor(main.clientHeight - top - GRID_CHROME - saveBar - bottomPadding)));
    };
    fit();
    window.addEventListener('resize', fit);
    return () => {
      window.removeEventListener('resize', fit);
    };
  }, [hasData]);

  const dayLocked = data?.day.status === 'submitted';
  const groupOf = GROUP_OF[groupBy];
  // The shown rows: filtered, then grouped (a stable sort keeps the read's order inside a group).
  // The "errors" view reads the drafts once when chosen, not on every keystroke.
  const drafts = useGridStore.getState().drafts;
  const rows = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    const all = (data?.rows ?? []).filter((row) => matches(row, words));
    const shown = all.filter((row) => {
      if (show === 'all') return true;
      const state = rowState(row, drafts.get(row.asset_id), dayLocked);
      if (show === 'todo') return !row.log;
      if (show === 'errors') return state.status === 'error' || state.status === 'rejected';
      return state.status === 'flagged' || state.anomalies.length > 0;
    });
    return [...shown].sort((a, b) => groupOf(a).localeCompare(groupOf(b)));
  }, [data, filter, show, groupOf, dayLocked]);

  // The first cell takes the focus once the day's rows are there.
  const focused = useRef('');
  useEffect(() => {
    if (data && rows.length > 0 && focused.current !== date) {
      focused.current = date;
      moveTo({ row: 0, col: 0 });
    }
  }, [data, rows.length, date, moveTo]);

  const onAction = useCallback((row: DailyLogGridRow, action: RowAction) => {
    setDialog({ row, action });
  }, []);

  const copyAll = (): void => {
    const state = useGridStore.getState();
    state.merge(copyYesterday(rows, state.drafts, newIds));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if ((event.ctrlKey || event.metaKey) && (event.key === 's' || event.key === 'S')) {
      event.preventDefault();
      saveRef.current();
    }
  };

  return (
    <section className="screen dl-screen" aria-labelledby="daily-log-title" onKeyDown={onKeyDown}>
      <header className="dl-header">
        <h1 id="daily-log-title">Daily log</h1>
        <label>
          Day
          <input
            type="date"
            value={date}
            max={localToday()}
            onChange={(event) => {
              if (event.currentTarget.value) setDate(event.currentTarget.value);
            }}
          />
        </label>
        <label>
          Filter
          <input
            type="search"
            value={filter}
            placeholder="Code, name, area…"
            onChange={(event) => {
              setFilter(event.currentTarget.value);
            }}
          />
        </label>
        <label>
          Group by
          <select
            value={groupBy}
            onChange={(event) => {
              setGroupBy(event.currentTarget.value as GroupBy);
            }}
          >
            <option value="area">Area</option>
            <option value="category">Category</option>
          </select>
        </label>
        <label>
          Show
          <select
            value={show}
            onChange={(event) => {
              setShow(event.currentTarget.value as Show);
            }}
          >
            <option value="all">All</option>
            <option value="todo">Not logged yet</option>
            <option value="errors">Errors and rejections</option>
            <option value="flagged">Flagged</option>
          </select>
        </label>
        <button type="button" className="button button-quiet" onClick={copyAll} disabled={!data}>
          Copy yesterday
        </button>
      </header>
      {data ? <DayBar date={date} day={data.day} role={role} /> : null}
      {grid.error ? <p className="field-error">{grid.error.message}</p> : null}
      {!data ? (
        <p className="dl-loading">Loading the day…</p>
      ) : rows.length === 0 ? (
        <p className="dl-empty">No metered assets match.</p>
      ) : (
        <div ref={gridBox}>
          <DailyLogGrid
            rows={rows}
            groupOf={groupOf}
            dayLocked={dayLocked}
            height={height}
            onAction={onAction}
          />
        </div>
      )}
      {data ? <SaveBar date={date} rows={data.rows} dayLocked={dayLocked} bindSave={bindSave} /> : null}
      {dialog?.action === 'correct' ? (
        <CorrectionDialog
          row={dialog.row}
          onClose={() => {
            setDialog(null);
          }}
        />
      ) : null}
      {dialog?.action === 'meter' ? (
        <MeterDialog
          row={dialog.row}
          onClose={() => {
            setDialog(null);
          }}
        />
      ) : null}
    </section>
  );
}
