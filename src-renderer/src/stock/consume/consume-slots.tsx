// The left side of the consume screen: what has been picked (work order, source, technician or
// bin, part), what the source holds of the part (with pending operations), and the quantity.
import type { KeyboardEvent, ReactNode } from 'react';
import type { ConsumeDraft, ConsumeErrors, ConsumeField } from './consume-form.ts';
import { QtyCell } from '../quantity.tsx';
import { useStockByPart, useWallet } from '../stock-queries.ts';

type Override = 'wo' | 'technician' | 'part' | null;

function Slot(props: {
  label: string;
  value: ReactNode;
  empty: string;
  error: string | undefined;
  current: boolean;
  onChange?: () => void;
  extra?: ReactNode;
}): React.JSX.Element {
  return (
    <div className={`slot${props.current ? ' slot-current' : ''}${props.error ? ' slot-error' : ''}`}>
      <div className="slot-body">
        <span className="slot-label">{props.label}</span>
        <span className="slot-value">{props.value ?? <span className="hint">{props.empty}</span>}</span>
        {props.extra}
        {props.error && <span className="field-error">{props.error}</span>}
      </div>
      {props.onChange && props.value !== null && (
        <button type="button" className="button button-quiet button-small" onClick={props.onChange}>
          Change
        </button>
      )}
    </div>
  );
}

function Available(props: { draft: ConsumeDraft }): React.JSX.Element | null {
  const { draft } = props;
  const wallet = useWallet(draft.source === 'wallet' && draft.part ? (draft.technician?.id ?? null) : null);
  const stock = useStockByPart(draft.source === 'warehouse' && draft.bin ? (draft.part?.id ?? null) : null);
  if (!draft.part) return null;
  if (draft.source === 'wallet') {
    const row = wallet.data?.rows.find((r) => r.part_id === draft.part?.id);
    if (!wallet.data) return null;
    if (!row) return <p className="field-error">The wallet holds no {draft.part.sku}.</p>;
    return (
      <p className="available">
        In the wallet:{' '}
        <QtyCell
          label="held"
          server={row.qty_held}
          pending={row.pending}
          shown={row.qty_shown}
          unit={row.unit}
        />
      </p>
    );
  }
  const bin = stock.data?.bins.find(
    (b) => b.location_id === draft.bin?.locationId && b.bin_location === draft.bin.bin,
  );
  if (!stock.data || !draft.bin) return null;
  if (!bin)
    return (
      <p className="field-error">
        Bin {draft.bin.bin} holds no {draft.part.sku}.
      </p>
    );
  return (
    <p className="available">
      In the bin:{' '}
      <QtyCell
        label="on hand"
        server={bin.qty_on_hand}
        pending={bin.pending}
        shown={bin.qty_shown}
        unit={stock.data.part.unit}
      />
    </p>
  );
}

export function ConsumeSlots(props: {
  draft: ConsumeDraft;
  errors: ConsumeErrors;
  step: ConsumeField;
  fixedTechnician: boolean;
  qtyId: string;
  onQtyKey: (event: KeyboardEvent<HTMLInputElement>) => void;
  onChange: (changes: Partial<ConsumeDraft>) => void;
  onQty: (qty: string) => void;
  onOverride: (override: Override) => void;
}): React.JSX.Element {
  const { draft, errors, step } = props;
  return (
    <>
      <Slot
        label="Work order"
        value={
          draft.wo && (
            <>
              <span className="row-code">{draft.wo.code}</span> {draft.wo.title}{' '}
              <span className="hint">({draft.wo.status.replace(/_/g, ' ')})</span>
            </>
          )
        }
        empty="Scan its code or pick it from the list"
        error={errors.wo}
        current={step === 'wo'}
        onChange={() => {
          props.onOverride('wo');
        }}
      />
      {!props.fixedTechnician && (
        <fieldset className="source-toggle">
          <legend>Parts come from</legend>
          {(['wallet', 'warehouse'] as const).map((source) => (
            <label key={source} className={`toggle${draft.source === source ? ' toggle-on' : ''}`}>
              <input
                type="radio"
                name="consume-source"
                value={source}
                checked={draft.source === source}
                onChange={() => {
                  props.onChange({ source, part: null, bin: null });
                }}
              />
              {source === 'wallet' ? 'Technician’s wallet' : 'Warehouse bin'}
            </label>
          ))}
        </fieldset>
      )}
      {draft.source === 'wallet' ? (
        <Slot
          label="Technician’s wallet"
          value={draft.technician?.name ?? null}
          empty="Scan the badge or pick from the list"
          error={errors.technician}
          current={step === 'technician'}
          {...(props.fixedTechnician
            ? {}
            : {
                onChange: () => {
                  props.onOverride('technician');
                },
              })}
        />
      ) : null}
      <Slot
        label="Part"
        value={
          draft.part && (
            <>
              <span className="row-code">{draft.part.sku}</span> {draft.part.name}
            </>
          )
        }
        empty={draft.source === 'wallet' ? 'Scan it or pick it from the wallet' : 'Scan it or search for it'}
        error={errors.part}
        current={step === 'part'}
        extra={draft.source === 'wallet' ? <Available draft={draft} /> : undefined}
        {...(draft.source === 'warehouse'
          ? {
              onChange: () => {
                props.onOverride('part');
              },
            }
          : {})}
      />
      {draft.source === 'warehouse' && (
        <Slot
          label="Bin"
          value={draft.bin && `${draft.bin.warehouseCode} · ${draft.bin.bin}`}
          empty="Scan the bin label or pick it from the list"
          error={errors.bin}
          current={step === 'bin'}
        />
      )}
      {draft.source === 'warehouse' && <Available draft={draft} />}
      <div className="field">
        <label htmlFor={props.qtyId}>Quantity used</label>
        <input
          id={props.qtyId}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={draft.qty}
          aria-invalid={errors.qty !== undefined}
          aria-describedby={errors.qty ? `${props.qtyId}-error` : undefined}
          onChange={(e) => {
            props.onQty(e.target.value);
          }}
          onKeyDown={props.onQtyKey}
        />
        {errors.qty && (
          <p className="field-error" id={`${props.qtyId}-error`}>
            {errors.qty}
          </p>
        )}
      </div>
    </>
  );
}
