// A windowed list without dependencies: rows of one fixed height, only the visible ones (plus a
// few above and below) in the DOM, so a list of 100,000 rows costs what a list of 20 does. A
// listbox for assistive technology: the list takes the focus and points at the active row
// (aria-activedescendant); arrows, PageUp/PageDown, Home/End move, Enter (or a tap) picks. Near
// the end of the loaded rows it asks for the next page (onLoadMore: a keyset `after` cursor).
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface VirtualListProps<T> {
  items: readonly T[];
  /** Accessible name of the list. */
  label: string;
  getKey: (item: T) => string;
  renderRow: (item: T, index: number) => ReactNode;
  /** Height of every row in px (big enough to tap: 56 and more). */
  rowHeight?: number;
  /** Height of the list's window in px. */
  height?: number;
  /** Rows rendered beyond each edge of the window. */
  overscan?: number;
  /** The picked row's key: shown as selected. */
  selectedKey?: string | null;
  onPick?: (item: T, index: number) => void;
  hasMore?: boolean;
  loadingMore?: boolean;
  onLoadMore?: () => void;
  /** Shown instead of the list when there are no rows. */
  empty?: ReactNode;
  className?: string;
}

const KEY_STEPS: Record<string, 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end'> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  PageUp: 'pageUp',
  PageDown: 'pageDown',
  Home: 'home',
  End: 'end',
};

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

export function VirtualList<T>(props: VirtualListProps<T>): React.JSX.Element {
  const { items, rowHeight = 60, height = 360, overscan = 4, hasMore = false, loadingMore = false } = props;
  const id = useId();
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [active, setActive] = useState(0);
  const count = items.length;
  const perPage = Math.max(1, Math.floor(height / rowHeight));

  const first = clamp(Math.floor(scrollTop / rowHeight) - overscan, 0, Math.max(0, count - 1));
  const last = clamp(Math.ceil((scrollTop + height) / rowHeight) + overscan, 0, count);

  // Near the end of what is loaded: ask for the next page.
  const { onLoadMore } = props;
  useEffect(() => {
    if (hasMore && !loadingMore && last + perPage >= count) onLoadMore?.();
  }, [hasMore, loadingMore, last, perPage, count, onLoadMore]);

  // A shorter list (new search) keeps the active row inside it.
  useEffect(() => {
    if (active >= count && count > 0) setActive(count - 1);
  }, [active, count]);

  const moveTo = (index: number): void => {
    const next = clamp(index, 0, Math.max(0, count - 1));
    setActive(next);
    const element = viewport.current;
    if (!element) return;
    const top = next * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + height) element.scrollTop = top + rowHeight - height;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Enter') {
      const item = items[active];
      if (item !== undefined && props.onPick) {
        event.preventDefault();
        props.onPick(item, active);
      }
      return;
    }
    const step = KEY_STEPS[event.key];
    if (step === undefined || count === 0) return;
    event.preventDefault();
    const targets = {
      up: active - 1,
      down: active + 1,
      pageUp: active - perPage,
      pageDown: active + perPage,
      home: 0,
      end: count - 1,
    };
    moveTo(targets[step]);
  };

  if (count === 0 && !hasMore) {
    return <div className="vlist-empty hint">{props.empty ?? 'Nothing to show.'}</div>;
  }

  const rows: React.JSX.Element[] = [];
  for (let index = first; index < last; index++) {
    const item = items[index];
    if (item === undefined) continue;
    const key = props.getKey(item);
    const picked = props.selectedKey === key;
    rows.push(
      <div
        key={key}
        id={`${id}-row-${index}`}
        role="option"
        aria-selected={picked}
        aria-posinset={index + 1}
        aria-setsize={hasMore ? -1 : count}
        className={`vlist-row${index === active ? ' vlist-active' : ''}${picked ? ' vlist-picked' : ''}`}
        style={{ top: index * rowHeight, height: rowHeight }}
        onClick={() => {
          setActive(index);
          props.onPick?.(item, index);
        }}
      >
        {props.renderRow(item, index)}
      </div>,
    );
  }

  return (
    <div
      ref={viewport}
      className={`vlist ${props.className ?? ''}`}
      role="listbox"
      tabIndex={0}
      aria-label={props.label}
      aria-activedescendant={count > 0 ? `${id}-row-${clamp(active, 0, count - 1)}` : undefined}
      aria-busy={loadingMore}
      data-total={count}
      style={{ height: Math.min(height, count * rowHeight + (hasMore ? rowHeight : 0) + 2) }}
      onScroll={(event) => {
        setScrollTop(event.currentTarget.scrollTop);
      }}
      onKeyDown={onKeyDown}
    >
      <div className="vlist-space" style={{ height: count * rowHeight + (hasMore ? rowHeight : 0) }}>
        {rows}
        {hasMore && (
          <div className="vlist-more hint" style={{ top: count * rowHeight, height: rowHeight }}>
            {loadingMore ? 'Loading more…' : 'More below'}
          </div>
        )}
      </div>
    </div>
  );
}
