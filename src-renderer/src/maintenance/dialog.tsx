// A modal dialog of the maintenance screens: a titled panel over the screen, the first field
// focused, Escape closes it (wherever the focus is: a button disabled while its operation is sent
// drops the focus to the page), the focus goes back where it was.
import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
}

export function Dialog(props: DialogProps): React.JSX.Element {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const close = useRef(props.onClose);
  close.current = props.onClose;
  useEffect(() => {
    const before = document.activeElement;
    const first = panel.current?.querySelector<HTMLElement>('input, textarea, select, button');
    first?.focus();
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      event.stopPropagation();
      close.current();
    };
    // Capture: the dialog is modal, so the screen under it never sees this Escape.
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      if (before instanceof HTMLElement) before.focus();
    };
  }, []);
  return (
    <div className="dl-backdrop">
      <div ref={panel} className="dl-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}
