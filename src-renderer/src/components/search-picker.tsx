// A search-as-you-press-Enter picker: the text goes to a search call; the one row `choose` takes
// is picked at once, several are offered as buttons, none is said plainly. The part and
// technician pickers are this with their own search, wording and row display.
import { useMutation } from '@tanstack/react-query';
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { readableError } from '../api/api-call-error.ts';

export interface SearchPickerProps<Row extends { id: string }> {
  id: string;
  label: string;
  placeholder: string;
  /** The accessible name of the list of matches, e.g. "Matching parts". */
  listLabel: string;
  search: (query: string) => Promise<Row[]>;
  /** The row to take without asking (an exact code, a single hit), or undefined to offer the list. */
  choose: (rows: Row[]) => Row | undefined;
  noMatch: (query: string) => string;
  describe: (row: Row) => { title: string; subtitle: string };
  onPick: (row: Row) => void;
  /** Moves on after a pick (e.g. to the quantity). */
  onPicked?: () => void;
  /** What is picked now, shown under the field. */
  children?: ReactNode;
}

export function SearchPicker<Row extends { id: string }>(props: SearchPickerProps<Row>): React.JSX.Element {
  const search = useMutation({ mutationFn: props.search });
  const [text, setText] = useState('');
  const [choices, setChoices] = useState<Row[]>([]);
  const [error, setError] = useState<string | null>(null);

  const pick = (row: Row): void => {
    props.onPick(row);
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
      const rows = await search.mutateAsync(query);
      const only = props.choose(rows);
      if (only) pick(only);
      else if (rows.length === 0) setError(props.noMatch(query));
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
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        placeholder={props.placeholder}
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
          <ul className="choice-list" aria-label={props.listLabel}>
            {choices.map((row) => {
              const { title, subtitle } = props.describe(row);
              return (
                <li key={row.id}>
                  <button
                    type="button"
                    className="choice"
                    onClick={() => {
                      pick(row);
                    }}
                  >
                    <span className="choice-title">{title}</span>
                    <span className="choice-sub">{subtitle}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {props.children}
      </div>
    </div>
  );
}
