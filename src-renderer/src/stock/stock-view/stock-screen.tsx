// Stock: what the site holds by part, by bin and by technician wallet, the parts below their min
// level, and the movement history of a part, bin or wallet. Quantities are the server's with the
// queued operations on top ("on hand 10 · 3 pending issue"). A scan (or a typed code and Enter)
// in the field at the top jumps to the right view: a part, a bin label, a badge; other text
// searches parts. Escape clears.
import { useCallback, useState } from 'react';
import type { LookupResult, ScanItem, ScanItemKind } from '../../../../src-preload/contract/lookup.ts';
import { ScanField } from '../../components/scan-field.tsx';
import { BinTab } from './bin-tab.tsx';
import { HistoryTab, type HistorySubject } from './history-tab.tsx';
import { LowTab } from './low-tab.tsx';
import { PartTab } from './part-tab.tsx';
import { WalletTab } from './wallet-tab.tsx';
import { StockTabs, tabId, type StockTab } from './stock-tabs.tsx';
import '../stock.css';

interface StockState {
  tab: StockTab;
  query: string;
  partId: string | null;
  warehouseId: string | null;
  bin: string;
  technicianId: string | null;
  history: HistorySubject | null;
  historyTitle: string;
}

const START: StockState = {
  tab: 'part',
  query: '',
  partId: null,
  warehouseId: null,
  bin: '',
  technicianId: null,
  history: null,
  historyTitle: '',
};

/** What the Stock screen jumps to for a scanned code. */
const ACCEPTS: readonly ScanItemKind[] = ['part', 'bin', 'warehouse', 'person', 'work_order'];

function showItem(state: StockState, item: ScanItem): StockState {
  switch (item.kind) {
    case 'part':
      return { ...state, tab: 'part', query: item.sku, partId: item.id };
    case 'bin':
      return { ...state, tab: 'bin', warehouseId: item.warehouseId, bin: item.bin };
    case 'warehouse':
      return { ...state, tab: 'bin', warehouseId: item.id, bin: '' };
    case 'person':
      return { ...state, tab: 'wallet', technicianId: item.id };
    default:
      return state;
  }
}

export function StockScreen(): React.JSX.Element {
  const [state, setState] = useState<StockState>(START);

  const onItem = useCallback((item: ScanItem): string | null => {
    if (item.kind === 'work_order') return `${item.code} is a work order: book parts on it in Consume.`;
    setState((current) => showItem(current, item));
    return null;
  }, []);

  /** Several things or nothing this screen shows: the text searches parts. */
  const onUnrouted = useCallback((result: LookupResult): string | null => {
    setState((current) => ({ ...current, tab: 'part', query: result.code, partId: null }));
    const shown = result.matches.filter((m) => ACCEPTS.includes(m.item.kind)).length;
    return shown > 1 ? `${result.code} matches ${shown} things; showing parts that match it.` : null;
  }, []);

  const update = (changes: Partial<StockState>): void => {
    setState((current) => ({ ...current, ...changes }));
  };
  const showHistory = (subject: HistorySubject, title: string): void => {
    update({ tab: 'history', history: subject, historyTitle: title });
  };

  return (
    <div className="screen stock-screen">
      <h1 className="screen-title">Stock</h1>
      <ScanField
        id="stock-scan"
        label="Scan or search"
        placeholder="Part SKU, barcode or name · bin label · badge"
        compact
        accepts={ACCEPTS}
        onItem={onItem}
        onUnrouted={onUnrouted}
        onCancel={() => {
          setState((current) => ({ ...START, tab: current.tab }));
        }}
      />
      <StockTabs
        tab={state.tab}
        onTab={(tab) => {
          update({ tab });
        }}
      />
      <div id="stock-panel" role="tabpanel" aria-labelledby={tabId(state.tab)} className="tab-panel">
        {state.tab === 'part' && (
          <PartTab
            query={state.query}
            partId={state.partId}
            onPick={(partId) => {
              update({ partId });
            }}
            onHistory={(title) => {
              if (state.partId) showHistory({ kind: 'part', id: state.partId }, title);
            }}
          />
        )}
        {state.tab === 'bin' && (
          <BinTab
            warehouseId={state.warehouseId}
            bin={state.bin}
            onChange={(warehouseId, bin) => {
              update({ warehouseId, bin });
            }}
            onHistory={() => {
              if (state.warehouseId && state.bin !== '')
                showHistory(
                  { kind: 'bin', warehouseId: state.warehouseId, bin: state.bin },
                  `bin ${state.bin}`,
                );
            }}
          />
        )}
        {state.tab === 'wallet' && (
          <WalletTab
            technicianId={state.technicianId}
            onPick={(technicianId) => {
              update({ technicianId });
            }}
            onHistory={(title) => {
              if (state.technicianId) showHistory({ kind: 'technician', id: state.technicianId }, title);
            }}
          />
        )}
        {state.tab === 'low' && (
          <LowTab
            onPick={(partId) => {
              update({ tab: 'part', partId });
            }}
          />
        )}
        {state.tab === 'history' && <HistoryTab subject={state.history} title={state.historyTitle} />}
      </div>
    </div>
  );
}
