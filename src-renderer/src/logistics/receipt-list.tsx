// What has been scanned off a truck, newest first: the item, how many and into which bin, flagged
// when it was not on the manifest or came off damaged.
import type { ReceiptLineRow } from '../../../src-preload/contract/logistics/reads.ts';
import { memo, useMemo } from 'react';
import { formatQty } from './logistics-format.ts';
import { ItemCell } from './item-cell.tsx';

export function ReceiptList(props: { rows: readonly ReceiptLineRow[] }): React.JSX.Element {
  const rows = useMemo(
    () => [...props.rows].sort((a, b) => b.received_at.localeCompare(a.received_at)),
    [props.rows],
  );
  if (rows.length === 0) return <p className="hint">Nothing scanned off yet.</p>;
  return (
    <div className="lines-scroll truck-lines">
      <table className="lines-table receipt-table" aria-label="Scanned off the truck">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Into</th>
            <th scope="col" className="num">
              Qty
            </th>
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <ReceiptRow key={`${r.kind}:${r.item_id}:${r.received_at}`} row={r} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

// Redrawn only when its line changes: a scan adds one row, the others stay as drawn.
const ReceiptRow = memo(function ReceiptRow(props: { row: ReceiptLineRow }): React.JSX.Element {
  const r = props.row;
  return (
    <tr className={r.on_manifest ? undefined : 'row-extra'}>
      <ItemCell code={r.code} name={r.name} />
      <td>{r.bin ?? '—'}</td>
      <td className="num">{formatQty(r.qty ?? 1)}</td>
      <td>
        {r.on_manifest ? (
          r.extra_qty !== null && r.extra_qty > 0 ? (
            <span className="cargo-extra">{formatQty(r.extra_qty)} more than the manifest</span>
          ) : (
            <span className="cargo-received">on the manifest</span>
          )
        ) : (
          <span className="cargo-extra">not on the manifest</span>
        )}
        {r.condition === 'damaged' && (
          <span className="cargo-damaged"> · damaged{r.note === null ? '' : `: ${r.note}`}</span>
        )}
        {r.pending && <span className="truck-pending"> · pending</span>}
      </td>
    </tr>
  );
});
