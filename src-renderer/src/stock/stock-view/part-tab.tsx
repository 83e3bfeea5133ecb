// Stock by part: the parts that match the search (a virtualised list), and the picked part's bins
// with server quantities and what queued operations add or take.
import { readableError } from '../../api/api-call-error.ts';
import { VirtualList } from '../../components/virtual-list.tsx';
import { formatQty, QtyCell, RejectedNotes } from '../quantity.tsx';
import { usePaged, type RowOf } from '../../api/use-station-query.ts';
import { useStockByPart } from '../stock-queries.ts';

type PartRow = RowOf<'parts.search'>;

function PartRowView(props: { part: PartRow }): React.JSX.Element {
  const p = props.part;
  return (
    <div className="row-grid row-part">
      <span className="row-code">{p.sku}</span>
      <span className="row-name">{p.name}</span>
      <span className="row-qty">
        {formatQty(p.qty_shown, p.unit)}
        {p.pending.delta !== 0 && <span className="badge badge-pending">pending</span>}
        {p.is_low && <span className="badge badge-low">low</span>}
      </span>
    </div>
  );
}

function PartBins(props: { partId: string; onHistory: (title: string) => void }): React.JSX.Element {
  const stock = useStockByPart(props.partId);
  if (stock.isError) return <p className="form-error">{readableError(stock.error)}</p>;
  if (!stock.data) return <p className="hint">Loading the part’s bins…</p>;
  const { part, bins, rejected } = stock.data;
  return (
    <section className="card detail-card" aria-label={`Stock of ${part.sku}`}>
      <header className="detail-head">
        <h2>
          <span className="row-code">{part.sku}</span> {part.name}
        </h2>
        <p className="hint">
          {part.category ?? 'No category'} · unit {part.unit} · min level {formatQty(part.min_level)}
          {part.barcode && ` · barcode ${part.barcode}`}
        </p>
        <p className="detail-total">
          <QtyCell
            label="On hand"
            server={part.qty_on_hand}
            pending={part.pending}
            shown={part.qty_shown}
            unit={part.unit}
          />
          {part.qty_quarantine > 0 && (
            <span className="hint"> · {formatQty(part.qty_quarantine, part.unit)} in quarantine</span>
          )}
          {part.is_low && <span className="badge badge-low">below min level</span>}
        </p>
      </header>
      <RejectedNotes ops={rejected} />
      {bins.length === 0 ? (
        <p className="hint">No bin of this site holds this part.</p>
      ) : (
        <ul className="bin-list" aria-label="Bins">
          {bins.map((bin) => (
            <li
              key={`${bin.location_id}|${bin.bin_location}`}
              className={`bin-row${bin.pending.delta !== 0 ? ' has-pending' : ''}${bin.is_quarantine ? ' is-quarantine' : ''}`}
            >
              <span className="bin-where">
                <span className="row-code">{bin.bin_location}</span>
                <span className="hint">
                  {bin.warehouse_code} · {bin.warehouse_name}
                </span>
              </span>
              <QtyCell
                label="on hand"
                server={bin.qty_on_hand}
                pending={bin.pending}
                shown={bin.qty_shown}
                unit={part.unit}
              />
            </li>
          ))}
        </ul>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            props.onHistory(part.sku);
          }}
        >
          History of {part.sku}
        </button>
      </div>
    </section>
  );
}

export function PartTab(props: {
  query: string;
  partId: string | null;
  onPick: (partId: string) => void;
  onHistory: (title: string) => void;
}): React.JSX.Element {
  const search = usePaged('parts.search', props.query === '' ? null : { query: props.query, limit: 100 });
  return (
    <div className="split">
      <div className="split-list">
        {props.query === '' ? (
          <p className="hint">Scan a part, or type a SKU, barcode or name and press Enter.</p>
        ) : search.error ? (
          <p className="form-error">{readableError(search.error)}</p>
        ) : search.loading ? (
          <p className="hint">Searching…</p>
        ) : (
          <>
            <p className="results-count">
              Parts matching <code className="code">{props.query}</code>
              {search.hasMore ? ` (${search.rows.length}+)` : ` (${search.rows.length})`}
            </p>
            <VirtualList
              items={search.rows}
              label="Parts"
              getKey={(p) => p.id}
              renderRow={(p) => <PartRowView part={p} />}
              selectedKey={props.partId}
              onPick={(p) => {
                props.onPick(p.id);
              }}
              hasMore={search.hasMore}
              loadingMore={search.loadingMore}
              onLoadMore={search.loadMore}
              empty={`No part matches ${props.query}.`}
            />
          </>
        )}
      </div>
      <div className="split-detail">
        {props.partId ? (
          <PartBins partId={props.partId} onHistory={props.onHistory} />
        ) : (
          <p className="hint">Pick a part to see its bins.</p>
        )}
      </div>
    </div>
  );
}
