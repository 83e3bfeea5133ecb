// The frame of every screen: station name and site, navigation and user (once logged in), the
// always-visible sync bar, and the screen itself.
import type { ReactNode } from 'react';
import { useStationInfo } from '../api/station-queries.ts';
import { ScannerIndicator } from '../scanner/scanner-indicator.tsx';
import { useSessionStore } from '../state/session-store.ts';
import { NavBar } from './nav-bar.tsx';
import { SyncBar } from './sync-bar.tsx';
import { UserMenu } from './user-menu.tsx';

function StationName(): React.JSX.Element {
  const info = useStationInfo();
  return (
    <div className="brand">
      <span className="brand-mark" aria-hidden="true">
        AMMS
      </span>
      <div className="brand-text">
        <span className="station-name">{info.data?.stationName ?? 'AMMS Station'}</span>
        {info.data && (
          <span className="station-site">
            {info.data.tenantSlug} · site {info.data.siteCode}
          </span>
        )}
      </div>
    </div>
  );
}

export function Shell(props: { children: ReactNode }): React.JSX.Element {
  const user = useSessionStore((s) => s.user);
  return (
    <div className="app">
      <header className="app-header">
        <StationName />
        {user && <NavBar user={user} />}
        {user && <ScannerIndicator user={user} />}
        {user && <UserMenu user={user} />}
      </header>
      <SyncBar />
      <main className="app-main" id="main">
        {props.children}
      </main>
    </div>
  );
}
