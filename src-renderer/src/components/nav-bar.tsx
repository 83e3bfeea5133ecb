// Role-aware navigation: only the screens the user's role can use, each also on a function key.
import { useEffect, useMemo } from 'react';
import type { SessionUser } from '../../../src-preload/contract/session.ts';
import { screensFor } from '../navigation/screens.ts';
import { useSessionStore } from '../state/session-store.ts';

export function NavBar(props: { user: SessionUser }): React.JSX.Element {
  const screen = useSessionStore((s) => s.screen);
  const show = useSessionStore((s) => s.show);
  const role = props.user.role;
  const entries = useMemo(() => screensFor(role), [role]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const entry = entries.find((e) => e.shortcut === event.key);
      if (!entry || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      show(entry.id);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [entries, show]);

  return (
    <nav className="nav-bar" aria-label="Screens">
      <ul>
        {entries.map((entry) => (
          <li key={entry.id}>
            <button
              type="button"
              className="nav-item"
              aria-current={screen === entry.id ? 'page' : undefined}
              aria-keyshortcuts={entry.shortcut}
              onClick={() => {
                show(entry.id);
              }}
            >
              {entry.label}
              <kbd className="nav-key">{entry.shortcut}</kbd>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
