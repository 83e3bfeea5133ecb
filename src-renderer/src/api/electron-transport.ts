// The Electron transport: the preload's window.amms bridge (an allowlist over IPC). The link to
// the core is in-process for the window, so it is always open.
import type { ApiResponse, EventName, Method } from '../../../src-preload/contract/api.ts';
import type { ConnectionState, Transport } from './transport.ts';

/** The shape the preload exposes (src-preload/electron/preload.ts). */
export interface AmmsBridge {
  invoke(method: string, params: unknown): Promise<ApiResponse<unknown>>;
  on(event: EventName, listener: (data: unknown) => void): () => void;
}

export function createElectronTransport(bridge: AmmsBridge): Transport {
  const open: ConnectionState = { kind: 'open' };
  return {
    call: (method: Method, params: unknown) => bridge.invoke(method, params),
    on: (event, listener) => bridge.on(event, listener),
    connection: () => open,
    onConnection: () => () => undefined,
  };
}
