// Hands the one StationClient of this window to the components that need it.
import { createContext, useContext, type ReactNode } from 'react';
import type { StationClient } from './station-client.ts';

const ClientContext = createContext<StationClient | null>(null);

export function StationClientProvider(props: {
  client: StationClient;
  children: ReactNode;
}): React.JSX.Element {
  return <ClientContext value={props.client}>{props.children}</ClientContext>;
}

export function useStationClient(): StationClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useStationClient needs a StationClientProvider.');
  return client;
}
