// The big scan field at the top of a counter screen. Enter (or a keyboard-wedge scan anywhere on
// the screen) looks the code up with 'lookup.code' and hands the match to the screen, which puts
// it in the right field; what does not fit is explained in the field's own live error area.
import { useMutation } from '@tanstack/react-query';
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { readableError } from '../api/api-call-error.ts';
import { useStationClient } from '../api/client-context.tsx';
import { useScans } from '../scanner/use-scans.ts';
import { describeTargets, routeScan, type RoutedScan, type ScanTarget } from './scan-routing.ts';

export interface ScanFieldProps {
  id: string;
  inputRef: RefObject<HTMLInputElement | null>;
  accepts: readonly ScanTarget[];
  /** The warehouse chosen on the screen: a bin label found in several is taken there. */
  warehouseId: string | null;
  /** Puts the match in its field; returns a message when the screen cannot take it now. */
  onRouted: (routed: RoutedScan) => string | null;
  /** Enter on an empty field: the screen's next step (e.g. submit). */
  onEmptyEnter?: () => void;
}

export function ScanField(props: ScanFieldProps): React.JSX.Element {
  const client = useStationClient();
  const lookup = useMutation({ mutationFn: (code: string) => client.call('lookup.code', { code }) });
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<string | null>(null);
  // The screen's handler as of its latest render: a lookup resolves after an await, by when a
  // scan just before it (e.g. the badge, then the part) may have changed the screen's state.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  // Scans are handled one after another, in the order they came: a fast second scan must neither
  // overtake the first (its lookup may return sooner) nor see the screen as it was before it.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const enqueue = (raw: string): void => {
    // Where the focus was when the code came: if the user has moved on by the time it is handled
    // (clicked into the quantity and typed), the focus is left where they put it.
    const focusAtEntry = document.activeElement;
    queue.current = queue.current.then(() => resolve(raw, focusAtEntry));
  };

  const resolve = async (raw: string, focusAtEntry: Element | null): Promise<void> => {
    const code = raw.trim();
    const backToScanField = (): void => {
      if (document.activeElement === focusAtEntry) props.inputRef.current?.focus();
    };
    setError(null);
    setFound(null);
    if (code === '') {
      backToScanField();
      return;
    }
    try {
      const found = await lookup.mutateAsync(code);
      // The warehouse chosen now (a warehouse label scanned just before this bin label counts).
      const routed = routeScan(found, latest.current.accepts, latest.current.warehouseId);
      if (!routed.ok) {
        setError(routed.message);
        return;
      }
      // Committed at once (with the layout effect above), so the next scan in the queue sees it.
      const refused = flushSync(() => latest.current.onRouted(routed.routed));
      if (refused !== null) {
        setError(refused);
        backToScanField();
        return;
      }
      // Cleared unless the user has started typing another code meanwhile.
      setText((current) => (current.trim() === code ? '' : current));
      setFound(routed.routed.title);
      // Back to the scan field, unless the screen moved on to the next field (e.g. the quantity)
      // or the user did.
      backToScanField();
    } catch (e) {
      setError(readableError(e));
      backToScanField();
    }
  };

  useScans((scan) => {
    setText(scan.code);
    enqueue(scan.code);
  });

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    event.stopPropagation();
    if (text.trim() === '' && props.onEmptyEnter) props.onEmptyEnter();
    else enqueue(text);
  };

  const errorId = `${props.id}-error`;
  return (
    <div className="scan-field">
      <label htmlFor={props.id} className="scan-label">
        Scan or type a code
      </label>
      <input
        id={props.id}
        ref={props.inputRef}
        className="scan-input"
        type="text"
        autoFocus
        autoComplete="off"
        spellCheck={false}
        placeholder={`Scan ${describeTargets(props.accepts)}`}
        value={text}
        aria-invalid={error !== null}
        aria-describedby={error === null ? undefined : errorId}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="scan-feedback" aria-live="polite">
        {lookup.isPending && <p className="hint">Looking up…</p>}
        {error !== null && (
          <p className="field-error" id={errorId}>
            {error}
          </p>
        )}
        {found !== null && error === null && <p className="scan-found">Scanned: {found}</p>}
      </div>
    </div>
  );
}
