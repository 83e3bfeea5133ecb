// How the renderer reaches the station core: Electron IPC (window.amms) or the web host's
// WebSocket. Both carry the same contract; the app picks one at start-up and never asks again.
import type { ApiResponse, EventName, Method } from '../../../src-preload/contract/api.ts';

/** The link between this window and the station core (not the core's link to the server). */
export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'open' }
  /** The link dropped; the next attempt starts at retryAt (epoch ms). */
  | { kind: 'reconnecting'; attempt: number; retryAt: number }
  /** The station will not accept this window again (used or missing one-time link). */
  | { kind: 'refused'; message: string };

export interface Transport {
  call(method: Method, params: unknown): Promise<ApiResponse<unknown>>;
  /** Subscribes to a core event; returns the unsubscribe function. */
  on(event: EventName, listener: (data: unknown) => void): () => void;
  connection(): ConnectionState;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

export const DISCONNECTED_MESSAGE =
  'The station is not reachable right now. Try again when the bar at the top shows it is connected.';
