// The station app: the shell around the login screen or the user's current screen.
import { useLiveUpdates } from './api/live-updates.ts';
import type { UserRoleName } from '../../src-preload/contract/roles.ts';
import { screenToShow } from './navigation/screens.ts';
import { useScanStream } from './scanner/use-scans.ts';
import { LoginScreen } from './shell/login-screen.tsx';
import { Shell } from './shell/shell.tsx';
import { useSessionStore } from './state/session-store.ts';
import { useSyncStore } from './state/sync-store.ts';

function CurrentScreen(props: { screen: string; role: UserRoleName }): React.JSX.Element {
  const Screen = screenToShow(props.role, props.screen).component;
  return <Screen />;
}

function Body(): React.JSX.Element {
  const status = useSessionStore((s) => s.status);
  const user = useSessionStore((s) => s.user);
  const screen = useSessionStore((s) => s.screen);
  const connection = useSyncStore((s) => s.connection);

  if (connection.kind === 'refused') {
    return (
      <div className="screen centered">
        <div className="card notice-card" role="alert">
          <h1>This page is not connected to the station</h1>
          <p>{connection.message}</p>
        </div>
      </div>
    );
  }
  if (status === 'checking') {
    return (
      <div className="screen centered">
        <p className="hint" role="status">
          Connecting to the station…
        </p>
      </div>
    );
  }
  if (!user) return <LoginScreen />;
  return <CurrentScreen key={screen} screen={screen} role={user.role} />;
}

export function App(): React.JSX.Element {
  useLiveUpdates();
  useScanStream();
  return (
    <Shell>
      <Body />
    </Shell>
  );
}
