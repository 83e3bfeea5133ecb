// The station app: the shell around the login screen or the user's current screen.
import { useLiveUpdates } from './api/live-updates.ts';
import { Shell } from './components/shell.tsx';
import { canUse, type ScreenId } from './navigation/screens.ts';
import { ActivityScreen } from './screens/activity-screen.tsx';
import { ConsumeScreen } from './screens/consume-screen.tsx';
import { CountScreen } from './screens/count-screen.tsx';
import { DailyLogScreen } from './screens/daily-log-screen.tsx';
import { IssueScreen } from './screens/issue-screen.tsx';
import { LoginScreen } from './screens/login-screen.tsx';
import { LookupScreen } from './screens/lookup-screen.tsx';
import { ScannerSettingsScreen } from './screens/scanner-settings-screen.tsx';
import { useScanStream } from './scanner/use-scans.ts';
import { StockScreen } from './screens/stock-screen.tsx';
import { ReceiveScreen } from './screens/receive-screen.tsx';
import { ReturnScreen } from './screens/return-screen.tsx';
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
    case 'stock':
      return <StockScreen />;
    case 'consume':
      return <ConsumeScreen />;
    case 'receive':
      return <ReceiveScreen />;
    case 'issue':
      return <IssueScreen />;
    case 'return':
      return <ReturnScreen />;
    case 'count':
      return <CountScreen />;
    case 'scanner':
      return <ScannerSettingsScreen />;
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
  useScanStream();
  return (
    <Shell>
      <Body />
    </Shell>
  );
}
