// The daily log grid: the site's metered assets grouped (by area or category), only the rows in
// view in the DOM (fixed row height), and the spreadsheet keys: arrows, Tab and Shift+Tab, Enter
// moves down (Shift+Enter up), Escape reverts the cell, Alt+Y copies yesterday into the row, a
// block pasted from a spreadsheet fills the rows and columns from the cell it is pasted into.
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { DailyLogGridRow } from '../../../src-preload/contract/maintenance/daily-log-reads.ts';
import { COLUMNS, copyYesterday, moveFrom, pasteBlock } from './grid-model.ts';
import { GridRow, type GridHandlers, type RowAction } from './grid-row.tsx';
import { newIds, useGridStore } from './grid-store.ts';

export const ROW_HEIGHT = 48;
const OVERSCAN = 6;

type Item =
  | { kind: 'group'; key: string; label: string; count: number }
  | { kind: 'row'; key: string; row: DailyLogGridRow; index: number };

export interface DailyLogGridProps {
  /** The rows shown, in order (filtered). */
  rows: readonly DailyLogGridRow[];
  groupOf: (row: DailyLogGridRow) => string;
  dayLocked: boolean;
  height: number;
  onAction: (row: DailyLogGridRow, action: RowAction) => void;
}

function layout(rows: readonly DailyLogGridRow[], groupOf: (row: DailyLogGridRow) => string): Item[] {
  const items: Item[] = [];
  let current: { label: string; item: Item & { kind: 'group' } } | null = null;
  rows.forEach((row, index) => {
    const label = groupOf(row);
    if (!current || current.label !== label) {
      const item = { kind: 'group' as const, key: `group:${label}`, label, count: 0 };
      items.push(item);
      current = { label, item };
    }
    current.item.count++;
    items.push({ kind: 'row', key: row.asset_id, row, index });
  });
  return items;
}

export function DailyLogGrid(props: DailyLogGridProps): React.JSX.Element {
  const { rows, groupOf, dayLocked, height, onAction } = props;
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const items = useMemo(() => layout(rows, groupOf), [rows, groupOf]);
  /** Where each data row sits in the item list. */
  const itemOfRow = useMemo(() => {
    const at: number[] = [];
    items.forEach((item, i) => {
      if (item.kind === 'row') at[item.index] = i;
    });
    return at;
  }, [items]);

  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  /** Scrolls a data row into view (and renders it at once, before the scroll event arrives). */
  const reveal = useCallback(
    (index: number): void => {
      const el = viewport.current;
      const item = itemOfRow[index];
      if (!el || item === undefined) return;
      const top = item * ROW_HEIGHT;
      let next = el.scrollTop;
      if (top < next + ROW_HEIGHT) next = Math.max(0, top - ROW_HEIGHT);
      else if (top + ROW_HEIGHT > next + height) next = top + 2 * ROW_HEIGHT - height;
      if (next !== el.scrollTop) {
        el.scrollTop = next;
        setScrollTop(next);
      }
    },
    [itemOfRow, height],
  );

  const handlers = useMemo<GridHandlers>(() => {
    const store = useGridStore.getState;
    return {
      onKey: (event: KeyboardEvent<HTMLInputElement>, index: number, col: number) => {
        const key = event.key;
        if (!['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Tab', 'Enter'].includes(key)) return false;
        if (event.ctrlKey || event.metaKey || event.altKey) return false;
        const input = event.currentTarget;
        const all = input.selectionStart === 0 && input.selectionEnd === input.value.length;
        if (key === 'ArrowLeft' && !all && (input.selectionStart ?? 0) > 0) return false;
        if (key === 'ArrowRight' && !all && (input.selectionEnd ?? 0) < input.value.length) return false;
        const next = moveFrom({ row: index, col }, key, event.shiftKey, rowsRef.current.length);
        if (!next) return key === 'Tab' || key === 'Enter';
        reveal(next.row);
        store().moveTo(next);
        return true;
      },
      onPaste: (text: string, index: number, col: number) => {
        if (!/[\t\n]/.test(text.replace(/\r?\n$/, ''))) return false;
        const state = store();
        state.merge(pasteBlock(text, { row: index, col }, rowsRef.current, state.drafts, newIds));
        return true;
      },
      onFocusCell: (index: number, col: number) => {
        store().setActive({ row: index, col });
      },
      onCopyYesterday: (row: DailyLogGridRow) => {
        const state = store();
        state.merge(copyYesterday([row], state.drafts, newIds));
      },
      onAction,
    };
  }, [reveal, onAction]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const visible = items.slice(first, last);

  return (
    <div className="dl-grid" role="grid" aria-label="Daily log" aria-rowcount={rows.length + 1}>
      <div className="dl-row dl-head" role="row" aria-rowindex={1}>
        <div role="columnheader">Asset</div>
        <div role="columnheader">Meter, last</div>
        {COLUMNS.map((c) => (
          <div role="columnheader" key={c}>
            {c === 'hours' ? 'Hours added' : c === 'fuel' ? 'Fuel added (L)' : 'Notes'}
          </div>
        ))}
        <div role="columnheader">Status</div>
        <div role="columnheader">Actions</div>
      </div>
      <div
        ref={viewport}
        className="dl-viewport"
        style={{ height }}
        onScroll={(event) => {
          setScrollTop(event.currentTarget.scrollTop);
        }}
      >
        <div className="dl-canvas" style={{ height: items.length * ROW_HEIGHT }}>
          {visible.map((item, i) => {
            const top = (first + i) * ROW_HEIGHT;
            if (item.kind === 'group') {
              return (
                <div className="dl-group" key={item.key} style={{ transform: `translateY(${top}px)` }}>
                  {item.label} <span className="dl-group-count">{item.count}</span>
                </div>
              );
            }
            return (
              <GridRow
                key={item.key}
                row={item.row}
                index={item.index}
                dayLocked={dayLocked}
                top={top}
                handlers={handlers}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
