// Lookup: a big scan/type field that keeps the focus; Enter looks the code up in the station's
// copy and shows what it stands for. Typing anywhere on the screen goes to the field.
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { readableError } from '../api/api-call-error.ts';
import { useLookup } from '../api/station-queries.ts';
import { MatchCard } from '../components/match-card.tsx';
import { isOnControl, isTypedCharacter } from '../util/keys.ts';

export function LookupScreen(): React.JSX.Element {
  const [text, setText] = useState('');
  const [submitted, setSubmitted] = useState<string | null>(null);
  const lookup = useLookup(submitted);
  const inputRef = useRef<HTMLInputElement>(null);
  const refocus = useRef(false);

  useEffect(() => {
    if (lookup.isFetching || !refocus.current) return;
    refocus.current = false;
    inputRef.current?.focus();
  }, [lookup.isFetching]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (isTypedCharacter(event) && !isOnControl(event.target)) inputRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  const onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const code = text.trim();
    if (code === '') {
      inputRef.current?.focus();
      return;
    }
    setText('');
    refocus.current = true;
    if (code === submitted) void lookup.refetch();
    else setSubmitted(code);
  };

  const data = lookup.data;
  return (
    <div className="screen lookup-screen">
      <h1 className="screen-title">Lookup</h1>
      <form className="scan-form" onSubmit={onSubmit} role="search">
        <label htmlFor="scan-code" className="scan-label">
          Scan or type a code
        </label>
        <div className="scan-row">
          <input
            id="scan-code"
            ref={inputRef}
            className="scan-input"
            type="text"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            placeholder="QR, client code, SKU, barcode, badge, work order, gate pass"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
            }}
          />
          <button type="submit" className="button button-primary">
            Look up
          </button>
        </div>
      </form>

      <section
        className="lookup-results"
        aria-label="Lookup results"
        aria-live="polite"
        aria-busy={lookup.isFetching}
      >
        {lookup.isError && (
          <p className="form-error" role="alert">
            {readableError(lookup.error)}
          </p>
        )}
        {data && data.matches.length === 0 && (
          <p className="lookup-message" role="status">
            {data.message}
          </p>
        )}
        {data && data.matches.length > 0 && (
          <>
            <p className="results-count">
              {data.matches.length === 1 ? '1 match' : `${data.matches.length} matches`} for{' '}
              <code className="code">{data.code}</code>
            </p>
            <ul className="match-list">
              {data.matches.map((match) => (
                <li key={`${match.kind}-${match.id}`}>
                  <MatchCard match={match} />
                </li>
              ))}
            </ul>
          </>
        )}
        {!data && !lookup.isError && (
          <p className="hint">
            {lookup.isFetching ? 'Looking up…' : 'Scan a label, or type a code and press Enter.'}
          </p>
        )}
      </section>
    </div>
  );
}
