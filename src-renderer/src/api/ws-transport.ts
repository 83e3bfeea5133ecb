// The WebSocket transport of the web host (src-main/web/web-host.ts). The launch URL carries a
// one-time token in its hash; it admits one connection, and every connection is welcomed with a
// fresh token for the next one (kept in sessionStorage, so a reload or a dropped link can get
// back in). Calls made while the link is down wait for it, up to a limit.
import type { ApiResponse, EventName, Method, WireMessage } from '../../../src-preload/contract/api.ts';
import { DISCONNECTED_MESSAGE, type ConnectionState, type Transport } from './transport.ts';

const RESUME_KEY = 'amms.resumeToken';
const QUEUED_TIMEOUT_MS = 15_000;
const RESPONSE_TIMEOUT_MS = 60_000;
const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 10_000;

const REFUSED_MESSAGE =
  'The station did not accept this page: its one-time link was already used or has expired. Open the station again from the link it printed.';
const NO_TOKEN_MESSAGE =
  'This page was opened without the station’s one-time link. Open the station from the link it printed.';

export interface WsTransportOptions {
  /** ws://host:port/api */
  endpoint: string;
  /** The launch token (from the URL) or the stored resume token; null when there is neither. */
  token: string | null;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** Tells a refused connection (server up, token not accepted) from an unreachable server. */
  serverReachable: () => Promise<boolean>;
}

interface Waiting {
  id: number;
  payload: string;
  resolve: (response: ApiResponse<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

const disconnected = (): ApiResponse<unknown> => ({
  ok: false,
  error: { code: 'disconnected', message: DISCONNECTED_MESSAGE },
});

/** Takes the one-time token out of location.hash (and out of the address bar and history). */
export function takeLaunchToken(location: Location, history: History): string | null {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (token === null) return null;
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  return token;
}

export function createWsTransport(win: Window): Transport {
  const { location, history, sessionStorage } = win;
  const launchToken = takeLaunchToken(location, history);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return new WsTransport({
    endpoint: `${scheme}://${location.host}/api`,
    token: launchToken ?? sessionStorage.getItem(RESUME_KEY),
    storage: sessionStorage,
    serverReachable: async () => {
      try {
        const response = await fetch(`${location.origin}/`, { method: 'HEAD', cache: 'no-store' });
        return response.ok;
      } catch {
        return false;
      }
    },
  });
}

export class WsTransport implements Transport {
  private token: string | null;
  private socket: WebSocket | null = null;
  private ready = false;
  private nextId = 1;
  private attempt = 0;
  private state: ConnectionState = { kind: 'connecting' };
  private readonly queued: Waiting[] = [];
  private readonly inflight = new Map<number, Waiting>();
  private readonly listeners = new Map<EventName, Set<(data: unknown) => void>>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();

  constructor(private readonly options: WsTransportOptions) {
    this.token = options.token;
    this.connect();
  }

  call(method: Method, params: unknown): Promise<ApiResponse<unknown>> {
    if (this.state.kind === 'refused') return Promise.resolve(disconnected());
    return new Promise((resolve) => {
      const id = this.nextId++;
      const waiting: Waiting = {
        id,
        payload: JSON.stringify({ id, method, params }),
        resolve,
        timer: setTimeout(() => {
          this.drop(id);
          resolve(disconnected());
        }, QUEUED_TIMEOUT_MS),
      };
      if (this.ready) this.send(waiting);
      else this.queued.push(waiting);
    });
  }

  on(event: EventName, listener: (data: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  connection(): ConnectionState {
    return this.state;
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => {
      this.stateListeners.delete(listener);
    };
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }

  private connect(): void {
    const token = this.token;
    if (token === null) {
      this.refuse(NO_TOKEN_MESSAGE);
      return;
    }
    const socket = new WebSocket(`${this.options.endpoint}?token=${encodeURIComponent(token)}`);
    this.socket = socket;
    let welcomed = false;
    socket.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      let message: WireMessage;
      try {
        message = JSON.parse(event.data) as WireMessage;
      } catch {
        return;
      }
      if (message.type === 'welcome') {
        welcomed = true;
        this.token = message.resumeToken;
        this.options.storage.setItem(RESUME_KEY, message.resumeToken);
        this.attempt = 0;
        this.ready = true;
        this.setState({ kind: 'open' });
        for (const waiting of this.queued.splice(0)) this.send(waiting);
      } else if (message.type === 'response') {
        const waiting = this.inflight.get(message.id);
        if (!waiting) return;
        this.inflight.delete(message.id);
        clearTimeout(waiting.timer);
        waiting.resolve(message.response);
      } else {
        for (const listener of [...(this.listeners.get(message.event) ?? [])]) listener(message.data);
      }
    };
    socket.onclose = () => {
      this.socket = null;
      this.ready = false;
      // Answers to calls already sent are lost with the socket.
      for (const waiting of this.inflight.values()) {
        clearTimeout(waiting.timer);
        waiting.resolve(disconnected());
      }
      this.inflight.clear();
      if (welcomed) {
        this.scheduleReconnect();
        return;
      }
      // Never admitted: either the station is down (keep the token and retry) or it refused the
      // token (it will never accept it: stop and say so).
      void this.options.serverReachable().then((reachable) => {
        if (reachable) {
          this.options.storage.removeItem(RESUME_KEY);
          this.refuse(REFUSED_MESSAGE);
        } else {
          this.scheduleReconnect();
        }
      });
    };
  }

  private scheduleReconnect(): void {
    const delay = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** this.attempt);
    this.attempt++;
    this.setState({ kind: 'reconnecting', attempt: this.attempt, retryAt: Date.now() + delay });
    setTimeout(() => {
      this.connect();
    }, delay);
  }

  private refuse(message: string): void {
    for (const waiting of this.queued.splice(0)) {
      clearTimeout(waiting.timer);
      waiting.resolve(disconnected());
    }
    this.setState({ kind: 'refused', message });
  }

  private send(waiting: Waiting): void {
    const socket = this.socket;
    if (!socket) {
      this.queued.push(waiting);
      return;
    }
    clearTimeout(waiting.timer);
    waiting.timer = setTimeout(() => {
      this.drop(waiting.id);
      waiting.resolve(disconnected());
    }, RESPONSE_TIMEOUT_MS);
    this.inflight.set(waiting.id, waiting);
    socket.send(waiting.payload);
  }

  private drop(id: number): void {
    this.inflight.delete(id);
    const index = this.queued.findIndex((w) => w.id === id);
    if (index >= 0) this.queued.splice(index, 1);
  }
}
