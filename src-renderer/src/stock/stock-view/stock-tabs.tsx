// The tab strip of the stock screen (role tablist; Left/Right move between tabs).
import type { KeyboardEvent } from 'react';

export type StockTab = 'part' | 'bin' | 'wallet' | 'low' | 'history';

export const STOCK_TABS: readonly { id: StockTab; label: string }[] = [
  { id: 'part', label: 'By part' },
  { id: 'bin', label: 'By bin' },
  { id: 'wallet', label: 'By technician' },
  { id: 'low', label: 'Low stock' },
  { id: 'history', label: 'History' },
];

export function tabId(tab: StockTab): string {
  return `stock-tab-${tab}`;
}

export function StockTabs(props: { tab: StockTab; onTab: (tab: StockTab) => void }): React.JSX.Element {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const index = STOCK_TABS.findIndex((t) => t.id === props.tab);
    const next = STOCK_TABS[(index + step + STOCK_TABS.length) % STOCK_TABS.length];
    if (next) {
      props.onTab(next.id);
      document.getElementById(tabId(next.id))?.focus();
    }
  };
  return (
    <div className="tabs" role="tablist" aria-label="Stock views" onKeyDown={onKeyDown}>
      {STOCK_TABS.map((t) => (
        <button
          key={t.id}
          id={tabId(t.id)}
          type="button"
          role="tab"
          className="tab"
          aria-selected={props.tab === t.id}
          aria-controls="stock-panel"
          tabIndex={props.tab === t.id ? 0 : -1}
          onClick={() => {
            props.onTab(t.id);
          }}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
