// Stock by bin: a warehouse of the site and, optionally, one bin of it; the rows in a virtualised
// list with the pending effects of queued operations.
import { useId } from 'react';
import { readableError } from '../../api/api-call-error.ts';
import { VirtualList } from '../../components/virtual-list.tsx';
import { QtyCell } from '../quantity.tsx';
import { usePaged, type RowOf } from '../../api/use-station-query.ts';
import { useWarehouses } from '../stock-queries.ts';

type BinRow = RowOf<'stock.byBin'>;

function BinRowView(props: { row: BinRow }): React.JSX.Element {
  const r = props.row;
  return (
    <div className={`row-grid row-bin${r.pending.delta !== 0 ? ' has-pending' : ''}`}>
      <span className="row-code">{r.bin_location}</span>
      <span className="row-name">
        <span className="row-code">{r.sku}</span> {r.name}
      </span>
      <QtyCell label="on hand" server={r.qty_on_hand} pending={r.pending} shown={r.qty_shown} unit={r.unit} />
    </div>
  );
}

export function BinTab(props: {
  warehouseId: string | null;
  bin: string;
  onChange: (warehouseId: string | null, bin: string) => void;
  onHistory: () => void;
}): React.JSX.Element {
  const ids = useId();
  const warehouses = useWarehouses();
  const { warehouseId, bin } = props;
  const rows = usePaged(
    'stock.byBin',
    warehouseId === null
      ? null
      : { location_id: warehouseId, ...(bin === '' ? {} : { bin_location: bin }), limit: 200 },
  );
  return (
    <div className="tab-stack">
      <div className="field-row field-row-2">
        <div className="field">
          <label htmlFor={`${ids}-wh`}>Warehouse</label>
          <select
            id={`${ids}-wh`}
            value={warehouseId ?? ''}
            onChange={(e) => {
              props.onChange(e.target.value === '' ? null : e.target.value, '');
            }}
          >
            <option value="">Choose a warehouse…</option>
            {(warehouses.data ?? []).map((w) => (
              <option key={w.id} value={w.id}>
                {w.code} · {w.name} ({w.bin_count} bins
                {w.pending_ops > 0 ? `, ${w.pending_ops} pending` : ''})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-bin`}>Bin (all bins when empty)</label>
          <input
            id={`${ids}-bin`}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={bin}
            onChange={(e) => {
              props.onChange(warehouseId, e.target.value.trim().toUpperCase());
            }}
          />
        </div>
      </div>
      {warehouseId === null ? (
        <p className="hint">Scan a bin label, or choose a warehouse.</p>
      ) : rows.error ? (
        <p className="form-error">{readableError(rows.error)}</p>
      ) : rows.loading ? (
        <p className="hint">Loading the bin…</p>
      ) : (
        <>
          <div className="list-head">
            <p className="results-count">
              {rows.first?.warehouse.code} {bin === '' ? '· every bin' : `· bin ${bin}`} ({rows.rows.length}
              {rows.hasMore ? '+' : ''} rows)
            </p>
            {bin !== '' && (
              <button type="button" className="button button-quiet" onClick={props.onHistory}>
                History of bin {bin}
              </button>
            )}
          </div>
          <VirtualList
            items={rows.rows}
            label="Stock rows"
            getKey={(r) => `${r.part_id}|${r.bin_location}`}
            renderRow={(r) => <BinRowView row={r} />}
            hasMore={rows.hasMore}
            loadingMore={rows.loadingMore}
            onLoadMore={rows.loadMore}
            height={340}
            empty={bin === '' ? 'This warehouse holds no stock.' : `Bin ${bin} holds nothing.`}
          />
        </>
      )}
    </div>
  );
}
