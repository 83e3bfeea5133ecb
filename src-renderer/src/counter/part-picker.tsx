// Part picker: type a SKU, barcode or name and press Enter (parts.search); one hit (or an exact
// SKU or barcode) is taken, several are offered as buttons. The chosen part shows its usable
// stock at this site with what is pending on it.
import { useMutation } from '@tanstack/react-query';
import { useState, type KeyboardEvent } from 'react';
import type { ResultOf } from '../../../src-preload/contract/api.ts';
import { readableError } from '../api/api-call-error.ts';
import { useStationClient } from '../api/client-context.tsx';
import { stockText } from './counter-format.ts';
import { usePartStock } from './counter-queries.ts';

type PartRow = ResultOf<'parts.search'>['rows'][number];

export interface PartPickerProps {
  id: string;
  partId: string | null;
  onPick: (partId: string | null) => void;
  /** Moves on after a pick (e.g. to the quantity). */
  onPicked?: () => void;
}

export function PartPicker(props: PartPickerProps): React.JSX.Element {
  const client = useStationClient();
  const search = useMutation({
    mutationFn: (query: string) => client.call('parts.search', { query, limit: 8 }),
  });
  const stock = usePartStock(props.partId);
  const [text, setText] = useState('');
  const [choices, setChoices] = useState<PartRow[]>([]);
  const [error, setError] = useState<string | null>(null);

  const pick = (row: PartRow): void => {
    props.onPick(row.id);
    setText('');
    setChoices([]);
    setError(null);
    props.onPicked?.();
  };

  const find = async (): Promise<void> => {
    const query = text.trim();
    setError(null);
    if (query === '') return;
    try {
      const { rows } = await search.mutateAsync(query);
      const exact = rows.filter((r) => r.matched_by !== 'name');
      const [only] = exact.length === 1 ? exact : rows.length === 1 ? rows : [];
      if (only) pick(only);
      else if (rows.length === 0) setError(`No part has a SKU, barcode or name like “${query}”.`);
      else setChoices(rows);
    } catch (e) {
      setError(readableError(e));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter' || text.trim() === '') return;
    event.preventDefault();
    event.stopPropagation();
    void find();
  };

  const part = stock.data?.part;
  const errorId = `${props.id}-error`;
  return (
    <div className="field">
      <label htmlFor={props.id}>Part (SKU, barcode or name)</label>
      <input
        id={props.id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        placeholder={part ? `${part.sku} — type to change` : 'e.g. BOLT-M8'}
        value={text}
        aria-invalid={error !== null}
        aria-describedby={error === null ? undefined : errorId}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={onKeyDown}
      />
      <div aria-live="polite">
        {search.isPending && <p className="hint">Searching…</p>}
        {error !== null && (
          <p className="field-error" id={errorId}>
            {error}
          </p>
        )}
        {choices.length > 0 && (
          <ul className="choice-list" aria-label="Matching parts">
            {choices.map((row) => (
              <li key={row.id}>
                <button
                  type="button"
                  className="choice"
                  onClick={() => {
                    pick(row);
                  }}
                >
                  <span className="choice-title">{row.sku}</span>
                  <span className="choice-sub">
                    {row.name} · {stockText(row.qty_on_hand, row.pending, row.unit)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {part && (
          <p className="picked picked-part">
            <span className="picked-title">{part.sku}</span>
            <span className="picked-subtitle">{part.name}</span>
            <span className="picked-stock">{stockText(part.qty_on_hand, part.pending, part.unit)}</span>
          </p>
        )}
      </div>
    </div>
  );
}
