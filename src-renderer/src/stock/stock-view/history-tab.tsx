// The stock movement history of one part, one bin or one technician's wallet, newest first, from
// the station's copy of the site's movements (a virtualised list, loaded page by page).
import { readableError } from '../../api/api-call-error.ts';
import { VirtualList } from '../../components/virtual-list.tsx';
import { movementLabel } from '../movement-labels.ts';
import { formatQty } from '../quantity.tsx';
import { usePaged, type RowOf } from '../../api/use-station-query.ts';

export type HistorySubject =
  | { kind: 'part'; id: string }
  | { kind: 'bin'; warehouseId: string; bin: string }
  | { kind: 'technician'; id: string };

type Movement = RowOf<'stock.movements'>;

const WHEN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

function MovementView(props: { m: Movement }): React.JSX.Element {
  const m = props.m;
  const where = m.bin_location
    ? `${m.warehouse_code ?? ''} ${m.bin_location}`
    : `wallet ${m.technician_name ?? ''}`;
  return (
    <div className="row-grid row-movement">
      <time className="hint" dateTime={m.occurred_at}>
        {WHEN.format(new Date(m.occurred_at))}
      </time>
      <span className="row-name">
        <strong>{movementLabel(m.movement_type)}</strong> <span className="row-code">{m.sku}</span> · {where}
        {m.wo_code && ` · ${m.wo_code}`}
        {m.technician_name && m.bin_location && ` · ${m.technician_name}`}
      </span>
      <span className={`row-qty ${m.qty_delta < 0 ? 'qty-out' : 'qty-in'}`}>
        {m.qty_delta > 0 ? '+' : ''}
        {formatQty(m.qty_delta, m.unit)} → {formatQty(m.wallet_qty_after ?? m.qty_after, m.unit)}
      </span>
      <span className="hint">{m.performed_by_name ?? ''}</span>
    </div>
  );
}

function params(subject: HistorySubject): {
  part_id?: string;
  location_id?: string;
  bin_location?: string;
  technician_id?: string;
} {
  switch (subject.kind) {
    case 'part':
      return { part_id: subject.id };
    case 'bin':
      return { location_id: subject.warehouseId, bin_location: subject.bin };
    case 'technician':
      return { technician_id: subject.id };
  }
}

export function HistoryTab(props: { subject: HistorySubject | null; title: string }): React.JSX.Element {
  const movements = usePaged(
    'stock.movements',
    props.subject ? { ...params(props.subject), limit: 100 } : null,
  );
  if (!props.subject) {
    return (
      <p className="hint">Pick a part, a bin or a technician first (or scan one) to read its history.</p>
    );
  }
  if (movements.error) return <p className="form-error">{readableError(movements.error)}</p>;
  return (
    <div className="tab-stack">
      <p className="results-count">
        Movements of {props.title} ({movements.rows.length}
        {movements.hasMore ? '+' : ''})
      </p>
      <VirtualList
        items={movements.rows}
        label={`Movements of ${props.title}`}
        getKey={(m) => m.id}
        renderRow={(m) => <MovementView m={m} />}
        hasMore={movements.hasMore}
        loadingMore={movements.loadingMore}
        onLoadMore={movements.loadMore}
        height={400}
        empty={movements.loading ? 'Loading…' : 'No movement yet.'}
      />
    </div>
  );
}
