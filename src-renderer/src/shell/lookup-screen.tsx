// Lookup: a big scan/type field that keeps the focus; Enter looks the code up in the station's
// copy and shows what it stands for. Typing anywhere on the screen goes to the field. A scan (HID
// scanner or keyboard wedge, see scanner/use-scans.ts) fills the field and shows what the core
// already resolved it to.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { readableError } from '../api/api-call-error.ts';
import { useLookup } from '../api/station-queries.ts';
import { MatchCard } from '../components/match-card.tsx';
import { useScans } from '../scanner/use-scans.ts';
import { isOnControl, isTypedCharacter } from '../util/keys.ts';

const SOURCE_WORDS = {
  'hid-pos': 'HID POS scanner',
  'hid-keyboard': 'keyboard-mode scanner (HID)',
  wedge: 'keyboard reader',
  replay: 'replayed recording',
} as const;

export function LookupScreen(): React.JSX.Element {
  const [text, setText] = useState('');
  const [submitted, setSubmitted] = useState<string | null>(null);
  const lookup = useLookup(submitted);
  const inputRef = useRef<HTMLInputElement>(null);
  const refocus = useRef(false);
  const [scanned, setScanned] = useState<string | null>(null);
  const queryClient = useQueryClient();

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

  const lookUp = (code: string): void => {
    refocus.current = true;
    if (code === submitted) void lookup.refetch();
    else setSubmitted(code);
  };

  useScans((scan) => {
    // The scanned code stays in the field (selected, so typing replaces it) while it is looked up.
    setText(scan.code);
    setScanned([scan.symbology, SOURCE_WORDS[scan.source]].filter(Boolean).join(' · '));
    if (scan.lookup) {
      // Resolved once, by the core: the answer goes straight into this lookup's query.
      queryClient.setQueryData(['lookup.code', { code: scan.code }], scan.lookup);
      refocus.current = true;
      setSubmitted(scan.code);
    } else lookUp(scan.code);
    requestAnimationFrame(() => {
      inputRef.current?.focus();
      inputRef.current?.select();
    });
  });

  const onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const code = text.trim();
    if (code === '') {
      inputRef.current?.focus();
      return;
    }
    setText('');
    setScanned(null);
    lookUp(code);
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
              setScanned(null);
            }}
          />
          <button type="submit" className="button button-primary">
            Look up
          </button>
        </div>
        {scanned !== null && <p className="hint scan-source">Scanned: {scanned}</p>}
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
