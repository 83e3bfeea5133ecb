// Low stock: parts whose usable stock (with pending operations) is below their min level, in SKU
// order, loaded page by page as the list scrolls.
import { readableError } from '../../api/api-call-error.ts';
import { VirtualList } from '../../components/virtual-list.tsx';
import { formatQty } from '../quantity.tsx';
import { usePaged, type RowOf } from '../../api/use-station-query.ts';

type LowRow = RowOf<'stock.lowStock'>;

function LowRowView(props: { row: LowRow }): React.JSX.Element {
  const r = props.row;
  return (
    <div className="row-grid row-low">
      <span className="row-code">{r.sku}</span>
      <span className="row-name">{r.name}</span>
      <span className="row-qty">
        {formatQty(r.qty_shown, r.unit)} of min {formatQty(r.min_level, r.unit)}
        {r.pending.delta !== 0 && <span className="badge badge-pending">pending</span>}
      </span>
      <span className="row-short">short {formatQty(r.shortfall, r.unit)}</span>
    </div>
  );
}

export function LowTab(props: { onPick: (partId: string) => void }): React.JSX.Element {
  const low = usePaged('stock.lowStock', { limit: 200 });
  if (low.error) return <p className="form-error">{readableError(low.error)}</p>;
  return (
    <div className="tab-stack">
      <p className="results-count">
        Parts below their min level: {low.rows.length}
        {low.hasMore ? '+ (more as you scroll)' : ''}
      </p>
      <VirtualList
        items={low.rows}
        label="Parts below min level"
        getKey={(r) => r.id}
        renderRow={(r) => <LowRowView row={r} />}
        onPick={(r) => {
          props.onPick(r.id);
        }}
        hasMore={low.hasMore}
        loadingMore={low.loadingMore}
        onLoadMore={low.loadMore}
        height={400}
        empty={low.loading ? 'Loading…' : 'No part is below its min level.'}
      />
    </div>
  );
}
