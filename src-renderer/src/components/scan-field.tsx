// The one scan field of the station's screens. A scan (HID or keyboard wedge, anywhere on the
// screen) arrives already resolved by the core; a typed code and Enter is looked up with
// 'lookup.code'. The result is routed to the one item of a kind the screen takes (routeScan) and
// handed to the screen, which puts it in the right field; what does not fit is explained in the
// field's own live area. Scans are handled one after another, in the order they came.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import type { LookupResult, ScanItem, ScanItemKind } from '../../../src-preload/contract/lookup.ts';
import { readableError } from '../api/api-call-error.ts';
import { useStationClient } from '../api/client-context.tsx';
import { useScans } from '../scanner/use-scans.ts';
import { isTypedCharacter } from '../util/keys.ts';
import { describeTargets, routeScan } from './scan-routing.ts';

/** A lookup that has not answered after this long says so. */
const SLOW_LOOKUP_MS = 300;

/** What a screen answers to a scanned item: null when taken, or why it cannot take it now. */
type Answer = string | null;

export interface ScanFieldProps {
  id: string;
  inputRef?: RefObject<HTMLInputElement | null>;
  /** The kinds of item the screen takes. */
  accepts: readonly ScanItemKind[];
  /** The warehouse chosen on the screen: a bin label found in several is taken there. */
  warehouseId?: string | null;
  /** Puts the item in its field (title: what was scanned, in words). */
  onItem: (item: ScanItem, title: string) => Answer | Promise<Answer>;
  /**
   * A code that gave no single item the screen takes (e.g. the Stock screen searches parts by the
   * text). Without it, the field says why (message).
   */
  onUnrouted?: (result: LookupResult, message: string) => Answer;
  /** Enter on an empty field: the screen's next step (e.g. submit). */
  onEmptyEnter?: () => void;
  /** Escape anywhere on the screen clears the field and calls this. */
  onCancel?: () => void;
  label?: string;
  placeholder?: string;
  /** A smaller field that takes the focus when the user types outside any field. */
  compact?: boolean;
}

function isField(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, textarea, select, [contenteditable]') !== null;
}

export function ScanField(props: ScanFieldProps): React.JSX.Element {
  const client = useStationClient();
  // "Looking up…" only when a lookup is slow: a scan is answered in milliseconds, and a hint that
  // comes and goes on every scan would flicker (and redraw the screen twice per scan).
  const [slowLookup, setSlowLookup] = useState(false);
  const lookUp = async (code: string): Promise<LookupResult> => {
    const slow = setTimeout(() => {
      setSlowLookup(true);
    }, SLOW_LOOKUP_MS);
    try {
      return await client.call('lookup.code', { code });
    } finally {
      clearTimeout(slow);
      setSlowLookup(false);
    }
  };
  const ownRef = useRef<HTMLInputElement>(null);
  const inputRef = props.inputRef ?? ownRef;
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<string | null>(null);
  // The screen's handlers as of its latest render: a lookup resolves after an await, by when a
  // scan just before it (e.g. the badge, then the part) may have changed the screen's state.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  // A fast second scan must neither overtake the first (its lookup may return sooner) nor see the
  // screen as it was before it.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const enqueue = (raw: string, resolved: LookupResult | null): void => {
    // Where the focus was when the code came: if the user has moved on by the time it is handled
    // (clicked into the quantity and typed), the focus is left where they put it.
    const focusAtEntry = document.activeElement;
    queue.current = queue.current.then(() => handle(raw, resolved, focusAtEntry));
  };

  const handle = async (
    raw: string,
    resolved: LookupResult | null,
    focusAtEntry: Element | null,
  ): Promise<void> => {
    const code = raw.trim();
    const backToScanField = (): void => {
      if (document.activeElement === focusAtEntry) inputRef.current?.focus();
    };
    // (What was scanned last stays until this scan is answered: cleared now, it would flicker.)
    setError(null);
    if (code === '') {
      backToScanField();
      return;
    }
    try {
      const result = resolved ?? (await lookUp(code));
      const current = latest.current;
      const routed = routeScan(result, current.accepts, current.warehouseId ?? null);
      let answer: Answer | Promise<Answer>;
      let title: string | null = null;
      if (routed.ok) {
        // Committed at once (with the layout effect above), so the next scan in the queue sees it.
        answer = flushSync(() => current.onItem(routed.item, routed.title));
        title = routed.title;
      } else if (current.onUnrouted) {
        answer = flushSync(() => current.onUnrouted?.(result, routed.message) ?? null);
      } else answer = routed.message;
      const refused = await answer;
      if (refused !== null) {
        setFound(null);
        setError(refused);
        backToScanField();
        return;
      }
      // Cleared unless the user has started typing another code meanwhile.
      setText((typed) => (typed.trim() === code ? '' : typed));
      setFound(title);
      // Back to the scan field, unless the screen moved on to the next field (e.g. the quantity)
      // or the user did.
      backToScanField();
    } catch (e) {
      setFound(null);
      setError(readableError(e));
      backToScanField();
    }
  };

  useScans((scan) => {
    setText(scan.code);
    enqueue(scan.code, scan.lookup);
  });

  // Escape clears (when the screen asks for it); typing outside any field goes to a compact field.
  const { onCancel, compact } = props;
  useEffect(() => {
    if (!onCancel && !compact) return;
    const onKey = (event: globalThis.KeyboardEvent): void => {
      if (onCancel && event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        setText('');
        setError(null);
        setFound(null);
        onCancel();
        inputRef.current?.focus();
      } else if (compact && !event.defaultPrevented && isTypedCharacter(event) && !isField(event.target))
        // A key the screen used (e.g. P on a checklist task) is not the start of a code.
        inputRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [onCancel, compact, inputRef]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    event.stopPropagation();
    if (text.trim() === '' && props.onEmptyEnter) props.onEmptyEnter();
    else enqueue(text, null);
  };

  const errorId = `${props.id}-error`;
  return (
    <div className={props.compact ? 'scan-field scan-field-compact' : 'scan-field'} role="search">
      <label htmlFor={props.id} className="scan-label">
        {props.label ?? 'Scan or type a code'}
      </label>
      <input
        id={props.id}
        ref={inputRef}
        className={props.compact ? 'scan-input scan-input-compact' : 'scan-input'}
        type="text"
        autoFocus
        autoComplete="off"
        spellCheck={false}
        placeholder={props.placeholder ?? `Scan ${describeTargets(props.accepts)}`}
        value={text}
        aria-busy={slowLookup}
        aria-invalid={error !== null}
        aria-describedby={error === null ? undefined : errorId}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="scan-feedback" aria-live="polite">
        {slowLookup && <p className="hint">Looking up…</p>}
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
