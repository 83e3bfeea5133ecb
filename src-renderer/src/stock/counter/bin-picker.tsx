// Bin picker: the warehouse (stock.warehouses of this site) and the bin label, typed or scanned.
// With a part chosen, its bins are offered as buttons and the chosen bin's stock is shown with what
// is pending on it ("on hand 10 · 3 pending issue").
import { useEffect, type ReactNode } from 'react';
import type { PartBin } from '../../../../src-preload/contract/stock/reads.ts';
import { stockText } from './counter-format.ts';
import { useStockByPart, useWarehouses } from '../stock-queries.ts';

export interface BinChoice {
  warehouseId: string | null;
  bin: string;
}

export interface BinPickerProps {
  id: string;
  value: BinChoice;
  onChange: (value: BinChoice) => void;
  partId: string | null;
  /** Offer the QUARANTINE bins among the part's bins (counts); never for receipts and issues. */
  withQuarantine?: boolean;
  /** The bin label is fixed (a defective return goes to QUARANTINE); the warehouse can change. */
  disabled?: boolean;
  binLabel?: string;
  /** Shown under the bin fields, above the part's other bins (e.g. the quantity). */
  children?: ReactNode;
}

/** The part's bin that the choice names, if it holds a stock row or pending effects. */
export function findBin(bins: readonly PartBin[] | undefined, value: BinChoice): PartBin | undefined {
  const label = value.bin.trim().toUpperCase();
  return bins?.find((b) => b.location_id === value.warehouseId && b.bin_location === label);
}

export function BinPicker(props: BinPickerProps): React.JSX.Element {
  const warehouses = useWarehouses();
  const stock = useStockByPart(props.partId);
  const { value, onChange } = props;
  const [firstWarehouse] = warehouses.data ?? [];

  useEffect(() => {
    if (value.warehouseId === null && firstWarehouse) onChange({ ...value, warehouseId: firstWarehouse.id });
  }, [value, onChange, firstWarehouse]);

  const part = stock.data?.part;
  const chosen = findBin(stock.data?.bins, value);
  // The bins worth offering: holding something (or about to), the chosen one, at most six.
  const bins = (stock.data?.bins ?? [])
    .filter((b) => props.withQuarantine === true || !b.is_quarantine)
    .filter((b) => b === chosen || b.qty_shown !== 0 || b.pending.ops.length > 0)
    .slice(0, 6);
  return (
    <div className="bin-picker">
      <div className="field-row field-row-2">
        <div className="field">
          <label htmlFor={`${props.id}-warehouse`}>Warehouse</label>
          <select
            id={`${props.id}-warehouse`}
            value={value.warehouseId ?? ''}
            onChange={(e) => {
              onChange({ ...value, warehouseId: e.target.value === '' ? null : e.target.value });
            }}
          >
            {value.warehouseId === null && <option value="">Choose…</option>}
            {(warehouses.data ?? []).map((w) => (
              <option key={w.id} value={w.id}>
                {w.code} · {w.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${props.id}-bin`}>{props.binLabel ?? 'Bin'}</label>
          <input
            id={`${props.id}-bin`}
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="e.g. A-01-03"
            value={value.bin}
            disabled={props.disabled}
            onChange={(e) => {
              onChange({ ...value, bin: e.target.value.toUpperCase() });
            }}
          />
        </div>
      </div>
      <div aria-live="polite">
        {part && chosen && (
          <p className="bin-stock">
            {part.sku} in bin {chosen.bin_location}:{' '}
            {stockText(chosen.qty_on_hand, chosen.pending, part.unit)}
          </p>
        )}
        {part && !chosen && value.bin.trim() !== '' && !props.disabled && (
          <p className="hint">
            No {part.sku} in bin {value.bin.trim().toUpperCase()} yet.
          </p>
        )}
      </div>
      {props.children}
      {part && bins.length > 0 && !props.disabled && (
        <ul className="choice-list choice-grid" aria-label={`Bins holding ${part.sku}`}>
          {bins.map((b) => (
            <li key={`${b.location_id}/${b.bin_location}`}>
              <button
                type="button"
                className="choice"
                aria-pressed={chosen === b}
                onClick={() => {
                  onChange({ warehouseId: b.location_id, bin: b.bin_location });
                }}
              >
                <span className="choice-title">{b.bin_location}</span>
                <span className="choice-sub">
                  {b.warehouse_code} · {stockText(b.qty_on_hand, b.pending, part.unit)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
