// The station app: the shell around the login screen or the user's current screen.
import { useLiveUpdates } from './api/live-updates.ts';
import { Shell } from './components/shell.tsx';
import { canUse, type ScreenId } from './navigation/screens.ts';
import { ActivityScreen } from './screens/activity-screen.tsx';
import { DailyLogScreen } from './screens/daily-log-screen.tsx';
import { LoginScreen } from './screens/login-screen.tsx';
import { LookupScreen } from './screens/lookup-screen.tsx';
import { useSessionStore } from './state/session-store.ts';
import { useSyncStore } from './state/sync-store.ts';

function CurrentScreen(props: { screen: ScreenId }): React.JSX.Element {
  switch (props.screen) {
    case 'lookup':
      return <LookupScreen />;
    case 'activity':
      return <ActivityScreen />;
    case 'daily-log':
      return <DailyLogScreen />;
  }
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
  return <CurrentScreen key={screen} screen={canUse(user.role, screen) ? screen : 'lookup'} />;
}

export function App(): React.JSX.Element {
  useLiveUpdates();
  return (
    <Shell>
      <Body />
    </Shell>
  );
}
