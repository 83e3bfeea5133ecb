// Wake-ups through the wake relay (db/pooler/wake-relay.ts, docs/adr/0018): a pooled station has
// no PostgreSQL session of its own to LISTEN on, so it keeps a WebSocket to the relay, which
// LISTENs once per tenant for all stations. The station proves who it is with the same claim as
// its pooled transactions; the relay asks the database which tenant that is. A wake-up carries no
// data, as with LISTEN. The socket reconnects by itself; every (re)connection counts as a wake-up,
// so whatever happened while it was down is pulled, and the periodic pull covers the rest.
import WebSocket from 'ws';

export interface WakeSubscription {
  close(): void;
}

export function subscribeWakes(
  url: string,
  claim: string,
  onWake: () => void,
  options: { maxBackoffMs?: number } = {},
): WakeSubscription {
  let socket: WebSocket | null = null;
  let closed = false;
  let backoff = 500;
  let retry: NodeJS.Timeout | null = null;

  const connect = (): void => {
    const ws = new WebSocket(url, { handshakeTimeout: 5000 });
    socket = ws;
    ws.on('open', () => {
      ws.send(JSON.stringify({ claim }));
    });
    ws.on('message', (data) => {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : '';
      if (text === 'ok') backoff = 500;
      if (text === 'ok' || text === 'wake') onWake();
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      if (closed) return;
      retry = setTimeout(connect, backoff);
      backoff = Math.min(options.maxBackoffMs ?? 10_000, backoff * 2);
    });
  };
  connect();
  return {
    close: () => {
      closed = true;
      if (retry) clearTimeout(retry);
      socket?.terminate();
    },
  };
}
