// Role-aware navigation: Lookup and Activity, the groups of screens the user's role has (Alt+1,
// Alt+2, Alt+3) and the current group's screens, each with its function key (navigation/screens.ts).
import { useEffect, useMemo } from 'react';
import type { SessionUser } from '../../../src-preload/contract/session.ts';
import type { FunctionKey, GroupKey } from '../navigation/screen-spec.ts';
import { currentGroup, groupOf, groupsFor, screenForKey, shellScreensFor } from '../navigation/screens.ts';
import { useSessionStore } from '../state/session-store.ts';

const FUNCTION_KEYS: ReadonlySet<string> = new Set(['F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10']);

/** The key a keydown stands for in the navigation ('F5', 'Alt+2'), or null. */
function navKey(event: KeyboardEvent): FunctionKey | GroupKey | null {
  if (event.ctrlKey || event.metaKey) return null;
  if (event.altKey && !event.shiftKey && /^Digit[1-3]$/.test(event.code))
    return `Alt+${event.code.slice(5)}` as GroupKey;
  if (!event.altKey && FUNCTION_KEYS.has(event.key)) return event.key as FunctionKey;
  return null;
}

export function NavBar(props: { user: SessionUser }): React.JSX.Element {
  const screen = useSessionStore((s) => s.screen);
  const lastGroup = useSessionStore((s) => s.group);
  const show = useSessionStore((s) => s.show);
  const role = props.user.role;
  const shell = useMemo(() => shellScreensFor(role), [role]);
  const groups = useMemo(() => groupsFor(role), [role]);
  const group = currentGroup(role, screen, lastGroup);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const key = navKey(event);
      if (key === null) return;
      const target = screenForKey(role, group, key);
      if (!target) return;
      event.preventDefault();
      show(target.id, groupOf(target.id)?.id);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [role, group, show]);

  return (
    <nav className="nav-bar" aria-label="Screens">
      <ul>
        {shell.map((entry) => (
          <li key={entry.id}>
            <button
              type="button"
              className="nav-item"
              aria-current={screen === entry.id ? 'page' : undefined}
              aria-keyshortcuts={entry.key ?? undefined}
              onClick={() => {
                show(entry.id);
              }}
            >
              {entry.label}
              <kbd className="nav-key">{entry.key}</kbd>
            </button>
          </li>
        ))}
      </ul>
      {groups.length > 1 && (
        <ul className="nav-groups" aria-label="Screen groups">
          {groups.map((g) => (
            <li key={g.id}>
              <button
                type="button"
                className="nav-group"
                aria-pressed={g.id === group?.id}
                aria-keyshortcuts={g.key}
                onClick={() => {
                  const [first] = g.screens;
                  if (first) show(first.id, g.id);
                }}
              >
                {g.label}
                <kbd className="nav-key">{g.key}</kbd>
              </button>
            </li>
          ))}
        </ul>
      )}
      {group && (
        <ul aria-label={`${group.label} screens`}>
          {group.screens.map((entry) => (
            <li key={entry.id}>
              <button
                type="button"
                className="nav-item"
                aria-current={screen === entry.id ? 'page' : undefined}
                aria-keyshortcuts={entry.key}
                onClick={() => {
                  show(entry.id, group.id);
                }}
              >
                {entry.label}
                <kbd className="nav-key">{entry.key}</kbd>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
