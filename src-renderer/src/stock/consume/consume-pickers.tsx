// The lists the consume screen picks from: open work orders, technicians, a wallet's parts, parts
// of the catalogue, and a part's bins. Each shows what is available with the pending operations.
import { useId, useState, type ReactNode } from 'react';
import { readableError } from '../../api/api-call-error.ts';
import { VirtualList } from '../../components/virtual-list.tsx';
import type { PickedBin, PickedPart, PickedWorkOrder } from './consume-form.ts';
import { formatQty, QtyCell, RejectedNotes } from '../quantity.tsx';
import { usePaged } from '../../api/use-station-query.ts';
import { useStockByPart, useWallet } from '../stock-queries.ts';

function Filter(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}): React.JSX.Element {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={props.value}
        onChange={(e) => {
          props.onChange(e.target.value);
        }}
      />
    </div>
  );
}

function Picker(props: { title: string; children: ReactNode }): React.JSX.Element {
  return (
    <section className="card picker" aria-label={props.title}>
      <h2 className="picker-title">{props.title}</h2>
      {props.children}
    </section>
  );
}

export function WorkOrderPicker(props: { onPick: (wo: PickedWorkOrder) => void }): React.JSX.Element {
  const [filter, setFilter] = useState('');
  const query = filter.trim();
  const list = usePaged('workOrders.open', { ...(query === '' ? {} : { query }), limit: 100 });
  return (
    <Picker title="Pick the work order">
      <Filter label="Find a work order" value={filter} onChange={setFilter} />
      {list.error ? (
        <p className="form-error">{readableError(list.error)}</p>
      ) : (
        <VirtualList
          items={list.rows}
          label="Open work orders"
          getKey={(w) => w.id}
          renderRow={(w) => (
            <div className={`row-grid row-wo${w.takes_parts ? '' : ' row-muted'}`}>
              <span className="row-code">{w.code}</span>
              <span className="row-name">
                {w.title}
                <span className="hint"> · {w.asset_name ?? 'no asset'}</span>
              </span>
              <span className="row-qty">
                {w.takes_parts ? w.status.replace(/_/g, ' ') : `${w.status}: no parts`}
              </span>
            </div>
          )}
          onPick={(w) => {
            props.onPick({
              id: w.id,
              code: w.code,
              title: w.title,
              status: w.status,
              takesParts: w.takes_parts,
            });
          }}
          hasMore={list.hasMore}
          loadingMore={list.loadingMore}
          onLoadMore={list.loadMore}
          height={300}
          empty={list.loading ? 'Loading…' : 'No open work order matches.'}
        />
      )}
    </Picker>
  );
}

export function TechnicianPicker(props: { onPick: (id: string, name: string) => void }): React.JSX.Element {
  const [filter, setFilter] = useState('');
  const query = filter.trim();
  const list = usePaged('people.technicians', { ...(query === '' ? {} : { query }), limit: 100 });
  return (
    <Picker title="Whose wallet?">
      <Filter label="Find a technician" value={filter} onChange={setFilter} />
      <VirtualList
        items={list.rows.filter((t) => t.at_this_site)}
        label="Technicians"
        getKey={(t) => t.id}
        renderRow={(t) => (
          <div className="row-grid row-person">
            <span className="row-name">{t.full_name}</span>
            <span className="hint">{t.badge_code ?? 'no badge'}</span>
            <span className="row-qty">{t.wallet_lines ?? 0} parts</span>
          </div>
        )}
        onPick={(t) => {
          props.onPick(t.id, t.full_name);
        }}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        onLoadMore={list.loadMore}
        height={300}
        empty={list.loading ? 'Loading…' : 'No technician of this site matches.'}
      />
    </Picker>
  );
}

export function WalletPartPicker(props: {
  technicianId: string;
  partId: string | null;
  onPick: (part: PickedPart, available: number) => void;
}): React.JSX.Element {
  const wallet = useWallet(props.technicianId);
  if (wallet.isError) return <p className="form-error">{readableError(wallet.error)}</p>;
  if (!wallet.data) return <p className="hint">Loading the wallet…</p>;
  const { technician, rows, rejected } = wallet.data;
  return (
    <Picker title={`Wallet of ${technician.full_name}`}>
      <RejectedNotes ops={rejected} />
      <VirtualList
        items={rows}
        label="Parts in the wallet"
        getKey={(r) => r.part_id}
        selectedKey={props.partId}
        renderRow={(r) => (
          <div className={`row-grid row-wallet${r.pending.delta !== 0 ? ' has-pending' : ''}`}>
            <span className="row-code">{r.sku}</span>
            <span className="row-name">{r.name}</span>
            <QtyCell label="held" server={r.qty_held} pending={r.pending} shown={r.qty_shown} unit={r.unit} />
          </div>
        )}
        onPick={(r) => {
          props.onPick({ id: r.part_id, sku: r.sku, name: r.name, unit: r.unit }, r.qty_shown);
        }}
        height={340}
        empty="The wallet is empty: issue parts first."
      />
    </Picker>
  );
}

export function PartPicker(props: { onPick: (part: PickedPart) => void }): React.JSX.Element {
  const [filter, setFilter] = useState('');
  const query = filter.trim();
  const list = usePaged('parts.search', query === '' ? null : { query, limit: 100 });
  return (
    <Picker title="Which part?">
      <Filter label="Find a part (SKU, barcode, name)" value={filter} onChange={setFilter} />
      {query === '' ? (
        <p className="hint">Scan the part, or type part of its SKU or name.</p>
      ) : (
        <VirtualList
          items={list.rows}
          label="Parts"
          getKey={(p) => p.id}
          renderRow={(p) => (
            <div className="row-grid row-part">
              <span className="row-code">{p.sku}</span>
              <span className="row-name">{p.name}</span>
              <span className="row-qty">{formatQty(p.qty_shown, p.unit)} at this site</span>
            </div>
          )}
          onPick={(p) => {
            props.onPick({ id: p.id, sku: p.sku, name: p.name, unit: p.unit });
          }}
          hasMore={list.hasMore}
          loadingMore={list.loadingMore}
          onLoadMore={list.loadMore}
          height={300}
          empty={list.loading ? 'Searching…' : `No part matches ${query}.`}
        />
      )}
    </Picker>
  );
}

export function BinPicker(props: {
  partId: string;
  picked: PickedBin | null;
  onPick: (bin: PickedBin, available: number) => void;
}): React.JSX.Element {
  const stock = useStockByPart(props.partId);
  if (stock.isError) return <p className="form-error">{readableError(stock.error)}</p>;
  if (!stock.data) return <p className="hint">Loading the part’s bins…</p>;
  const { part, bins, rejected } = stock.data;
  const usable = bins.filter((b) => !b.is_quarantine);
  return (
    <Picker title={`Bins holding ${part.sku}`}>
      <RejectedNotes ops={rejected} />
      <VirtualList
        items={usable}
        label="Bins"
        getKey={(b) => `${b.location_id}|${b.bin_location}`}
        selectedKey={props.picked ? `${props.picked.locationId}|${props.picked.bin}` : null}
        renderRow={(b) => (
          <div className={`row-grid row-bin${b.pending.delta !== 0 ? ' has-pending' : ''}`}>
            <span className="row-code">{b.bin_location}</span>
            <span className="row-name">{b.warehouse_code}</span>
            <QtyCell
              label="on hand"
              server={b.qty_on_hand}
              pending={b.pending}
              shown={b.qty_shown}
              unit={part.unit}
            />
          </div>
        )}
        onPick={(b) => {
          props.onPick(
            { locationId: b.location_id, warehouseCode: b.warehouse_code, bin: b.bin_location },
            b.qty_shown,
          );
        }}
        height={300}
        empty="No bin of this site holds this part."
      />
    </Picker>
  );
}
