// Start-up: pick the transport (Electron bridge or WebSocket), then render the app.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { StationClientProvider } from './api/client-context.tsx';
import { pickTransport } from './api/pick-transport.ts';
import { StationClient } from './api/station-client.ts';
import { App } from './app.tsx';
import './styles/base.css';
import './styles/shell.css';
import './styles/sync-bar.css';
import './styles/screens.css';

const client = new StationClient(pickTransport(window));
const queryClient = new QueryClient({
  defaultOptions: {
    // The core answers from its local copy: a failed call is an answer, not a flaky network.
    queries: { retry: false, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <StationClientProvider client={client}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StationClientProvider>
  </StrictMode>,
);
