// The scan field at the top of the stock and consume screens: a scanner (wedge, anywhere on the
// screen) or a typed code plus Enter hands the code to the screen; Escape cancels. Typing while
// no field has the focus goes here, so the focus is never lost for a scan.
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useScans } from '../scanner/use-scans.ts';
import { isTypedCharacter } from '../util/keys.ts';

function isField(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, textarea, select, [contenteditable]') !== null;
}

export function ScanField(props: {
  id: string;
  label: string;
  placeholder: string;
  busy: boolean;
  onCode: (code: string) => void;
  onCancel: () => void;
  inputRef?: RefObject<HTMLInputElement | null>;
}): React.JSX.Element {
  const [text, setText] = useState('');
  const ownRef = useRef<HTMLInputElement>(null);
  const ref = props.inputRef ?? ownRef;

  useScans((scan) => {
    setText('');
    ref.current?.focus();
    props.onCode(scan.code);
  });

  const cancel = useRef(props.onCancel);
  useEffect(() => {
    cancel.current = props.onCancel;
  }, [props.onCancel]);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent): void => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        setText('');
        cancel.current();
        ref.current?.focus();
      } else if (isTypedCharacter(event) && !isField(event.target)) ref.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [ref]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      const code = text.trim();
      if (code === '') return;
      setText('');
      props.onCode(code);
    }
  };

  return (
    <div className="scan-form" role="search">
      <label htmlFor={props.id} className="scan-label">
        {props.label}
      </label>
      <div className="scan-row">
        <input
          id={props.id}
          ref={ref}
          className="scan-input scan-input-compact"
          type="text"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          placeholder={props.placeholder}
          value={text}
          aria-busy={props.busy}
          onChange={(e) => {
            setText(e.target.value);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
    </div>
  );
}
