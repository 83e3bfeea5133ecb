// The lines of a receipt being put together, each removable before the receipt is sent.
import { formatQty } from './counter-format.ts';

export interface ReceiptLine {
  key: number;
  part_id: string;
  sku: string;
  name: string;
  unit: string;
  location_id: string;
  warehouse: string;
  bin_location: string;
  qty: number;
  unit_cost?: number;
}

export function ReceiptLines(props: {
  lines: readonly ReceiptLine[];
  onRemove: (key: number) => void;
}): React.JSX.Element {
  if (props.lines.length === 0) {
    return <p className="hint">No lines yet: scan a part and a bin, type the quantity, press Enter.</p>;
  }
  return (
    <div className="lines-scroll">
      <table className="lines-table" aria-label="Receipt lines">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Part</th>
            <th scope="col">Bin</th>
            <th scope="col" className="num">
              Qty
            </th>
            <th scope="col" className="num">
              Cost
            </th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.lines.map((line, index) => (
            <tr key={line.key}>
              <td>{index + 1}</td>
              <td>
                <span className="line-sku">{line.sku}</span>
                <span className="line-name" title={line.name}>
                  {line.name}
                </span>
              </td>
              <td>
                <span className="line-bin">{line.bin_location}</span>
                <span className="line-warehouse">{line.warehouse}</span>
              </td>
              <td className="num">{formatQty(line.qty, line.unit)}</td>
              <td className="num">{line.unit_cost === undefined ? '—' : line.unit_cost.toFixed(2)}</td>
              <td>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-label={`Remove line ${index + 1} (${line.sku})`}
                  onClick={() => {
                    props.onRemove(line.key);
                  }}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
