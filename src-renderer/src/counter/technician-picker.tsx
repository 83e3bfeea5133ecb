// Technician picker: a name (words of it), a badge or an e-mail and Enter (people.technicians);
// one hit is taken, several are offered as buttons. A badge scan in the screen's scan field sets
// the technician directly.
import { useMutation } from '@tanstack/react-query';
import { useState, type KeyboardEvent } from 'react';
import type { ResultOf } from '../../../src-preload/contract/api.ts';
import { readableError } from '../api/api-call-error.ts';
import { useStationClient } from '../api/client-context.tsx';

type TechnicianRow = ResultOf<'people.technicians'>['rows'][number];

export interface TechnicianPickerProps {
  id: string;
  technicianId: string | null;
  name: string | null;
  onPick: (technician: { id: string; name: string } | null) => void;
  onPicked?: () => void;
}

export function TechnicianPicker(props: TechnicianPickerProps): React.JSX.Element {
  const client = useStationClient();
  const search = useMutation({
    mutationFn: (query: string) => client.call('people.technicians', { query, limit: 8 }),
  });
  const [text, setText] = useState('');
  const [choices, setChoices] = useState<TechnicianRow[]>([]);
  const [error, setError] = useState<string | null>(null);

  const pick = (row: TechnicianRow): void => {
    props.onPick({ id: row.id, name: row.full_name });
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
      const [only] = rows;
      if (rows.length === 1 && only) pick(only);
      else if (rows.length === 0)
        setError(`No active technician has a name, badge or e-mail like “${query}”.`);
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

  const errorId = `${props.id}-error`;
  return (
    <div className="field">
      <label htmlFor={props.id}>Technician (name or badge)</label>
      <input
        id={props.id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        placeholder={props.name ? `${props.name} — type to change` : 'e.g. Tia or her badge'}
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
          <ul className="choice-list" aria-label="Matching technicians">
            {choices.map((row) => (
              <li key={row.id}>
                <button
                  type="button"
                  className="choice"
                  onClick={() => {
                    pick(row);
                  }}
                >
                  <span className="choice-title">{row.full_name}</span>
                  <span className="choice-sub">
                    {[row.badge_code, row.site_code, row.at_this_site ? null : 'wallet kept at another site']
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
