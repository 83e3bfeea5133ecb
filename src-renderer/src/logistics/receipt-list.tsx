// What has been scanned off a truck, newest first: the item, how many and into which bin, flagged
// when it was not on the manifest or came off damaged. Only the lines in view are drawn.
import type { ReceiptLineRow } from '../../../src-preload/contract/logistics/reads.ts';
import { memo, useMemo } from 'react';
import { WindowedTable } from '../components/windowed-table.tsx';
import { formatQty } from './logistics-format.ts';
import { ItemCell } from './item-cell.tsx';

const receiptKey = (r: ReceiptLineRow): string => `${r.kind}:${r.item_id}:${r.received_at}`;

const renderReceipt = (r: ReceiptLineRow, key: string, rowIndex: number): React.JSX.Element => (
  <ReceiptRow key={key} lineKey={key} rowIndex={rowIndex} row={r} />
);

export function ReceiptList(props: { rows: readonly ReceiptLineRow[] }): React.JSX.Element {
  const rows = useMemo(
    () => [...props.rows].sort((a, b) => b.received_at.localeCompare(a.received_at)),
    [props.rows],
  );
  if (rows.length === 0) return <p className="hint">Nothing scanned off yet.</p>;
  return (
    <WindowedTable
      label="Scanned off the truck"
      className="receipt-table"
      columns={4}
      head={
        <>
          <th scope="col">Item</th>
          <th scope="col">Into</th>
          <th scope="col" className="num">
            Qty
          </th>
          <th scope="col">Check</th>
        </>
      }
      rows={rows}
      rowKey={receiptKey}
      renderRow={renderReceipt}
    />
  );
}

// Redrawn only when its line changes: a scan adds one row, the others stay as drawn.
const ReceiptRow = memo(function ReceiptRow(props: {
  lineKey: string;
  rowIndex: number;
  row: ReceiptLineRow;
}): React.JSX.Element {
  const r = props.row;
  return (
    <tr
      className={r.on_manifest ? undefined : 'row-extra'}
      data-line={props.lineKey}
      aria-rowindex={props.rowIndex}
    >
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
