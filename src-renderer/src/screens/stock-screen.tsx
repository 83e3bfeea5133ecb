// Stock: what the site holds by part, by bin and by technician wallet, the parts below their min
// level, and the movement history of a part, bin or wallet. Quantities are the server's with the
// queued operations on top ("on hand 10 · 3 pending issue"). A scan (or a typed code and Enter)
// in the field at the top jumps to the right view: a part, a bin label, a badge; other text
// searches parts. Escape clears.
import { useMutation } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { readableError } from '../api/api-call-error.ts';
import { useStationClient } from '../api/client-context.tsx';
import { BinTab } from '../stock/bin-tab.tsx';
import { HistoryTab, type HistorySubject } from '../stock/history-tab.tsx';
import { LowTab } from '../stock/low-tab.tsx';
import { PartTab } from '../stock/part-tab.tsx';
import { ScanField } from '../stock/scan-field.tsx';
import { scanTarget, type ScanTarget } from '../stock/scan-target.ts';
import { WalletTab } from '../stock/wallet-tab.tsx';
import { useStockLiveUpdates } from '../stock/stock-queries.ts';
import { StockTabs, tabId, type StockTab } from '../stock/stock-tabs.tsx';
import '../styles/stock.css';

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

function applyTarget(state: StockState, target: ScanTarget): StockState {
  switch (target.kind) {
    case 'part':
      return { ...state, tab: 'part', query: target.sku, partId: target.id };
    case 'bin':
      return { ...state, tab: 'bin', warehouseId: target.warehouseId, bin: target.bin };
    case 'warehouse':
      return { ...state, tab: 'bin', warehouseId: target.warehouseId, bin: '' };
    case 'person':
      return { ...state, tab: 'wallet', technicianId: target.id };
    case 'search':
      return { ...state, tab: 'part', query: target.text, partId: null };
    case 'work_order':
      return state;
  }
}

export function StockScreen(): React.JSX.Element {
  useStockLiveUpdates();
  const client = useStationClient();
  const [state, setState] = useState<StockState>(START);
  const [message, setMessage] = useState<string | null>(null);
  const lookup = useMutation({ mutationFn: (code: string) => client.call('lookup.code', { code }) });

  const onCode = useCallback(
    (code: string): void => {
      setMessage(null);
      lookup.mutate(code, {
        onSuccess: (result) => {
          const target = scanTarget(result);
          if (target.kind === 'work_order') {
            setMessage(`${target.code} is a work order: book parts on it in Consume.`);
            return;
          }
          if (target.kind === 'search' && result.matches.length > 1) setMessage(target.message);
          setState((current) => applyTarget(current, target));
        },
        onError: (error) => {
          setMessage(readableError(error));
        },
      });
    },
    [lookup],
  );

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
        busy={lookup.isPending}
        onCode={onCode}
        onCancel={() => {
          setMessage(null);
          setState((current) => ({ ...START, tab: current.tab }));
        }}
      />
      <div className="live-region" role="status" aria-live="polite">
        {message && <p className="notice">{message}</p>}
      </div>
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
