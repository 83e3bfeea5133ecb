// Parts onto or off a truck: the scanned part, the bin they come from (loading) or go into
// (receiving), the quantity. A bin label scanned fills the bin; the part's bins at this site are
// offered; Enter in the quantity sends. Its refusal shows here and the focus stays in the quantity.
import { useEffect, type KeyboardEvent } from 'react';
import { useStationQuery } from '../api/use-station-query.ts';
import { usePartBins } from './logistics-queries.ts';

export interface PartOnEntry {
  id: string;
  sku: string;
  name: string;
  unit: string;
}

export interface PartEntryValue {
  part: PartOnEntry | null;
  warehouseId: string | null;
  bin: string;
  qty: string;
}

export const EMPTY_PART_ENTRY: PartEntryValue = { part: null, warehouseId: null, bin: '', qty: '' };

export function PartEntry(props: {
  id: string;
  value: PartEntryValue;
  onChange: (value: PartEntryValue) => void;
  /** "Load", "Unload", "Receive". */
  verb: string;
  /** Propose the part's fullest usable bin at this site when no bin is chosen (loading). */
  proposeBin: boolean;
  /** Left out: all of the line (unloading). */
  qtyOptional?: boolean;
  error: string | null;
  busy: boolean;
  onSend: () => void;
  onClear: () => void;
}): React.JSX.Element | null {
  const { value, onChange } = props;
  // Read once a part is chosen (an asset scan has no use for them).
  const warehouses = useStationQuery('stock.warehouses', value.part === null ? null : {});
  const bins = usePartBins(value.part?.id ?? null);
  const partBins = bins.data?.part.id === value.part?.id ? bins.data?.bins : undefined;
  const [firstWarehouse] = warehouses.data ?? [];

  useEffect(() => {
    if (!props.proposeBin || !partBins || value.bin !== '') return;
    const best = partBins
      .filter((b) => !b.is_quarantine && b.qty_shown > 0)
      .sort((a, b) => b.qty_shown - a.qty_shown)[0];
    if (best) onChange({ ...value, warehouseId: best.location_id, bin: best.bin_location });
  }, [props.proposeBin, partBins, value, onChange]);

  useEffect(() => {
    if (value.part !== null && value.warehouseId === null && firstWarehouse)
      onChange({ ...value, warehouseId: firstWarehouse.id });
  }, [value, onChange, firstWarehouse]);

  if (value.part === null) return null;
  const part = value.part;
  const onEnter = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    props.onSend();
  };
  const offered = (partBins ?? []).filter((b) => !b.is_quarantine && b.qty_shown > 0).slice(0, 6);
  return (
    <section className="card part-entry" aria-label={`${props.verb} parts`}>
      <h2 className="panel-title">
        {part.sku} <span className="panel-sub">{part.name}</span>
      </h2>
      <div className="field-row part-entry-row">
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
          <label htmlFor={`${props.id}-bin`}>Bin</label>
          <input
            id={`${props.id}-bin`}
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="e.g. A-01-03"
            value={value.bin}
            onChange={(e) => {
              onChange({ ...value, bin: e.target.value.toUpperCase() });
            }}
            onKeyDown={onEnter}
          />
        </div>
        <div className="field">
          <label htmlFor={`${props.id}-qty`}>
            Quantity{part.unit === 'piece' ? '' : ` (${part.unit})`}
            {props.qtyOptional === true ? ' · empty: all of it' : ''}
          </label>
          <input
            id={`${props.id}-qty`}
            className="qty-input"
            type="text"
            inputMode={part.unit === 'piece' ? 'numeric' : 'decimal'}
            autoComplete="off"
            value={value.qty}
            aria-invalid={props.error !== null}
            aria-describedby={props.error === null ? undefined : `${props.id}-error`}
            onChange={(e) => {
              onChange({ ...value, qty: e.target.value });
            }}
            onKeyDown={onEnter}
          />
        </div>
        <div className="part-entry-buttons">
          <button
            type="button"
            className="button button-primary"
            disabled={props.busy}
            onClick={props.onSend}
          >
            {props.verb} <kbd>Enter</kbd>
          </button>
          <button type="button" className="button button-quiet" onClick={props.onClear}>
            Clear <kbd>Esc</kbd>
          </button>
        </div>
      </div>
      <p className="field-error" id={`${props.id}-error`} role="alert">
        {props.error}
      </p>
      {props.proposeBin && offered.length > 0 && (
        <ul className="choice-list choice-grid" aria-label={`Bins holding ${part.sku}`}>
          {offered.map((b) => (
            <li key={`${b.location_id}/${b.bin_location}`}>
              <button
                type="button"
                className="choice"
                aria-pressed={b.location_id === value.warehouseId && b.bin_location === value.bin}
                onClick={() => {
                  onChange({ ...value, warehouseId: b.location_id, bin: b.bin_location });
                }}
              >
                <span className="choice-title">{b.bin_location}</span>
                <span className="choice-sub">
                  {b.warehouse_code} · {b.qty_shown} on hand
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
