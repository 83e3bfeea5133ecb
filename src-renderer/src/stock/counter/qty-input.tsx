// Quantity field, unit-aware: whole numbers for parts counted in pieces (numeric keypad on touch
// screens), decimals for litres, metres and kilograms.
import type { KeyboardEvent } from 'react';
import { unitWord } from './counter-format.ts';

export interface QtyInputProps {
  id: string;
  label?: string;
  unit: string | undefined;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void;
}

export function QtyInput(props: QtyInputProps): React.JSX.Element {
  const words = unitWord(props.unit);
  const errorId = `${props.id}-error`;
  return (
    <div className="field">
      <label htmlFor={props.id}>
        {props.label ?? 'Quantity'}
        {words === '' ? '' : ` (${words})`}
      </label>
      <input
        id={props.id}
        className="qty-input"
        type="text"
        inputMode={props.unit === 'piece' ? 'numeric' : 'decimal'}
        autoComplete="off"
        value={props.value}
        aria-invalid={props.error !== undefined}
        aria-describedby={props.error === undefined ? undefined : errorId}
        onChange={(e) => {
          props.onChange(e.target.value);
        }}
        onKeyDown={props.onKeyDown}
      />
      {props.error !== undefined && (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      )}
    </div>
  );
}
