// Stock by technician wallet: technicians of the organisation (a virtualised list, filtered by
// name, e-mail or badge) and the picked technician's wallet with pending operations.
import { useId, useState } from 'react';
import { readableError } from '../../api/api-call-error.ts';
import { VirtualList } from '../../components/virtual-list.tsx';
import { QtyCell, RejectedNotes } from '../quantity.tsx';
import { usePaged, type RowOf } from '../../api/use-station-query.ts';
import { useWallet } from '../stock-queries.ts';

type TechnicianRow = RowOf<'people.technicians'>;

function TechnicianRowView(props: { tech: TechnicianRow }): React.JSX.Element {
  const t = props.tech;
  return (
    <div className="row-grid row-person">
      <span className="row-name">{t.full_name}</span>
      <span className="hint">{t.badge_code ?? 'no badge'}</span>
      <span className="row-qty">
        {t.wallet_lines === null ? `wallet at ${t.site_code ?? 'another site'}` : `${t.wallet_lines} parts`}
      </span>
    </div>
  );
}

export function WalletView(props: {
  technicianId: string;
  onHistory?: (title: string) => void;
}): React.JSX.Element {
  const wallet = useWallet(props.technicianId);
  if (wallet.isError) return <p className="form-error">{readableError(wallet.error)}</p>;
  if (!wallet.data) return <p className="hint">Loading the wallet…</p>;
  const { technician, rows, rejected } = wallet.data;
  const onHistory = props.onHistory;
  return (
    <section className="card detail-card" aria-label={`Wallet of ${technician.full_name}`}>
      <header className="detail-head">
        <h2>{technician.full_name}</h2>
        <p className="hint">
          {technician.badge_code ?? 'no badge'} · {technician.email}
          {!technician.at_this_site && ` · wallet kept at ${technician.site_code ?? 'another site'}`}
        </p>
      </header>
      <RejectedNotes ops={rejected} />
      {rows.length === 0 ? (
        <p className="hint">The wallet is empty.</p>
      ) : (
        <ul className="bin-list" aria-label="Wallet">
          {rows.map((row) => (
            <li key={row.part_id} className={`bin-row${row.pending.delta !== 0 ? ' has-pending' : ''}`}>
              <span className="bin-where">
                <span className="row-code">{row.sku}</span>
                <span className="hint">{row.name}</span>
              </span>
              <QtyCell
                label="held"
                server={row.qty_held}
                pending={row.pending}
                shown={row.qty_shown}
                unit={row.unit}
              />
            </li>
          ))}
        </ul>
      )}
      {onHistory && (
        <div className="form-actions">
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              onHistory(technician.full_name);
            }}
          >
            History of {technician.full_name}
          </button>
        </div>
      )}
    </section>
  );
}

export function WalletTab(props: {
  technicianId: string | null;
  onPick: (technicianId: string) => void;
  onHistory: (title: string) => void;
}): React.JSX.Element {
  const id = useId();
  const [filter, setFilter] = useState('');
  const query = filter.trim();
  const people = usePaged('people.technicians', { ...(query === '' ? {} : { query }), limit: 100 });
  return (
    <div className="split">
      <div className="split-list">
        <div className="field">
          <label htmlFor={id}>Find a technician</label>
          <input
            id={id}
            type="text"
            autoComplete="off"
            value={filter}
            placeholder="Name, e-mail or badge"
            onChange={(e) => {
              setFilter(e.target.value);
            }}
          />
        </div>
        {people.error ? (
          <p className="form-error">{readableError(people.error)}</p>
        ) : (
          <VirtualList
            items={people.rows}
            label="Technicians"
            getKey={(t) => t.id}
            renderRow={(t) => <TechnicianRowView tech={t} />}
            selectedKey={props.technicianId}
            onPick={(t) => {
              props.onPick(t.id);
            }}
            hasMore={people.hasMore}
            loadingMore={people.loadingMore}
            onLoadMore={people.loadMore}
            height={300}
            empty={people.loading ? 'Loading…' : 'No technician matches.'}
          />
        )}
      </div>
      <div className="split-detail">
        {props.technicianId ? (
          <WalletView technicianId={props.technicianId} onHistory={props.onHistory} />
        ) : (
          <p className="hint">Scan a badge or pick a technician to see their wallet.</p>
        )}
      </div>
    </div>
  );
}
