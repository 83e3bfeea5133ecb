// A table of lines that scrolls in its own box and puts only the lines in view (and a margin above
// and below) in the DOM: a 500-line truck costs a scan what a 20-line one does, in React, in
// layout and in paint. Lines may differ in height (a note under a name): each drawn line is
// measured and its height kept; a line not drawn yet counts as `estimate`. Blank rows above and
// below the drawn lines keep the scroll bar true. For assistive technology the table says how many
// lines it has (aria-rowcount) and where each drawn line stands (aria-rowindex). A line that
// appears in a later render (a scan put it on the truck) is scrolled into view.
import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

/** Pixels drawn beyond each edge of the box. */
const MARGIN_PX = 400;
/** The box's height until it is measured (its CSS max-height is about 32rem). */
const FIRST_VIEW_PX = 600;
/** A line not drawn yet: a code over a name (ItemCell). Drawn lines are measured. */
const LINE_ESTIMATE_PX = 58;

export interface WindowedTableProps<T> {
  /** Accessible name of the table. */
  label: string;
  className: string;
  /** The header row's cells (th). */
  head: ReactNode;
  columns: number;
  rows: readonly T[];
  rowKey: (row: T) => string;
  /**
   * One line as a <tr> that carries `data-line={key}` and `aria-rowindex={rowIndex}` (keep it a
   * memo component: a line is redrawn only when it changes).
   */
  renderRow: (row: T, key: string, rowIndex: number) => ReactNode;
  /** The height of a line not drawn yet, in px (default: a code over a name). */
  estimate?: number;
}

export function WindowedTable<T>(props: WindowedTableProps<T>): React.JSX.Element {
  const { rows, rowKey, estimate = LINE_ESTIMATE_PX } = props;
  const box = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const heights = useRef(new Map<string, number>());
  const view = useRef(FIRST_VIEW_PX);
  const [scrollTop, setScrollTop] = useState(0);
  const [, setMeasured] = useState(0);

  const keys = rows.map(rowKey);
  const offsets = new Float64Array(keys.length + 1);
  keys.forEach((key, i) => {
    offsets[i + 1] = (offsets[i] ?? 0) + (heights.current.get(key) ?? estimate);
  });
  const total = offsets[keys.length] ?? 0;
  const { first, last } = windowOf(offsets, scrollTop - MARGIN_PX, scrollTop + view.current + MARGIN_PX);

  useShowNewLines(box, body, keys, offsets, setScrollTop);

  // Measure the drawn lines; a height that differs from what was counted draws again (once: the
  // next pass measures the same heights).
  useLayoutEffect(() => {
    const el = box.current;
    if (el && el.clientHeight > 0) view.current = el.clientHeight;
    let changed = false;
    for (const row of body.current?.rows ?? []) {
      const key = row.dataset.line;
      if (key === undefined) continue;
      const height = row.getBoundingClientRect().height;
      if (Math.abs((heights.current.get(key) ?? -1) - height) > 0.5) {
        heights.current.set(key, height);
        changed = true;
      }
    }
    if (changed) setMeasured((n) => n + 1);
  });

  const above = offsets[first] ?? 0;
  const below = total - (offsets[last] ?? total);
  const drawn: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const row = rows[i];
    const key = keys[i];
    if (row !== undefined && key !== undefined) drawn.push(props.renderRow(row, key, i + 2));
  }
  return (
    <div
      ref={box}
      className="lines-scroll truck-lines"
      onScroll={(event) => {
        setScrollTop(event.currentTarget.scrollTop);
      }}
    >
      <table
        className={`lines-table ${props.className}`}
        aria-label={props.label}
        aria-rowcount={rows.length + 1}
      >
        <thead>
          <tr aria-rowindex={1}>{props.head}</tr>
        </thead>
        <tbody ref={body}>
          {above > 0 && <Blank height={above} columns={props.columns} />}
          {drawn}
          {below > 0 && <Blank height={below} columns={props.columns} />}
        </tbody>
      </table>
    </div>
  );
}

function Blank(props: { height: number; columns: number }): React.JSX.Element {
  return (
    <tr className="window-blank" aria-hidden="true" style={{ height: props.height }}>
      <td colSpan={props.columns} />
    </tr>
  );
}

/** The lines from `first` (inclusive) to `last` (exclusive) that meet the band [top, bottom). */
function windowOf(offsets: Float64Array, top: number, bottom: number): { first: number; last: number } {
  const count = offsets.length - 1;
  let first = 0;
  while (first < count && (offsets[first + 1] ?? 0) <= top) first++;
  let last = first;
  while (last < count && (offsets[last] ?? 0) < bottom) last++;
  return { first, last };
}

/**
 * After a render that added lines (not the first one), brings them into view, the first of them
 * first: in the box, and in the window when the box itself is partly out of it. A new line not
 * drawn yet (far from what was in view) is scrolled to as counted, and shown once drawn.
 */
function useShowNewLines(
  box: RefObject<HTMLDivElement | null>,
  body: RefObject<HTMLTableSectionElement | null>,
  keys: readonly string[],
  offsets: Float64Array,
  scrolled: (top: number) => void,
): void {
  const seen = useRef<Set<string> | null>(null);
  const wanted = useRef<{ first: string; last: string } | null>(null);
  // Runs when the lines change (their keys), not on every render; the offsets are read as of it.
  const keyList = keys.join('\n');
  useLayoutEffect(() => {
    const before = seen.current;
    const now = keyList === '' ? [] : keyList.split('\n');
    seen.current = new Set(now);
    const added = now.flatMap((key, i) => (before === null || before.has(key) ? [] : [i]));
    const from = added[0];
    const to = added.at(-1);
    const el = box.current;
    if (from === undefined || to === undefined || el === null) return;
    wanted.current = { first: now[from] ?? '', last: now[to] ?? '' };
    const drawn = [...(body.current?.rows ?? [])].some((row) => row.dataset.line === now[from]);
    if (drawn) return;
    el.scrollTop = Math.max(0, (offsets[from] ?? 0) - el.clientHeight / 2);
    scrolled(el.scrollTop);
  }, [box, body, keyList, scrolled]);
  useLayoutEffect(() => {
    const want = wanted.current;
    const el = box.current;
    if (want === null || el === null) return;
    const rows = [...(body.current?.rows ?? [])];
    const first = rows.find((row) => row.dataset.line === want.first);
    const last = rows.find((row) => row.dataset.line === want.last);
    if (first === undefined || last === undefined) return;
    wanted.current = null;
    last.scrollIntoView({ block: 'nearest' });
    first.scrollIntoView({ block: 'nearest' });
    scrolled(el.scrollTop);
  });
}
