// The wake relay (docs/adr/0018): stations behind a transaction pooler cannot LISTEN (a session is
// not theirs), so one relay holds one PostgreSQL connection, LISTENs once per tenant that has a
// subscriber, and passes each notification on as "wake" to that tenant's stations over WebSockets.
// A station subscribes with the same claim as its pooled transactions ({"claim": "role:key"});
// the relay asks the database which tenant that claim proves (current_station_tenant_id() in a
// transaction of the pooler role) and refuses anything else. Notifications carry no data, so the
// relay learns nothing but which tenant changed when. If its database connection drops, it closes
// every socket (the stations reconnect, and a reconnection counts as a wake-up) and reconnects.
import { createServer } from 'node:http';
import pg from 'pg';
import { WebSocketServer, type WebSocket } from 'ws';

export interface WakeRelayOptions {
  /** A connection URL of the database as a member of amms_pooler (e.g. amms_pgbouncer). */
  databaseUrl: string;
  host?: string;
  port?: number;
  onLog?: (line: string) => void;
}

export interface WakeRelay {
  url: string;
  port: number;
  subscribers(): number;
  close(): Promise<void>;
}

const channelOf = (tenantId: string): string => `amms_sync_${tenantId.replace(/-/g, '')}`;

export async function startWakeRelay(options: WakeRelayOptions): Promise<WakeRelay> {
  const log = options.onLog ?? (() => undefined);
  const channels = new Map<string, Set<WebSocket>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closing = false;

  const dropAll = (): void => {
    for (const sockets of channels.values()) for (const ws of sockets) ws.close(1012, 'relay reconnecting');
    channels.clear();
  };

  const database = (): Promise<pg.Client> => {
    if (client) return Promise.resolve(client);
    connecting ??= (async () => {
      const next = new pg.Client({
        connectionString: options.databaseUrl,
        application_name: 'amms-wake-relay',
      });
      next.on('error', () => undefined);
      next.on('end', () => {
        if (client === next) client = null;
        if (!closing) {
          log('wake relay: database connection lost');
          dropAll();
        }
      });
      next.on('notification', (message) => {
        for (const ws of channels.get(message.channel) ?? []) ws.send('wake');
      });
      try {
        await next.connect();
      } finally {
        connecting = null;
      }
      client = next;
      return next;
    })();
    return connecting;
  };

  // One database conversation at a time: a claim's transaction must not interleave with another.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  /** The tenant a claim proves, or null (checked by the database itself). */
  const tenantOf = (claim: string): Promise<string | null> => serial(() => checkClaim(claim));
  const checkClaim = async (claim: string): Promise<string | null> => {
    const db = await database();
    await db.query('BEGIN READ ONLY');
    try {
      await db.query(`SELECT set_config('amms.station', $1, true)`, [claim]);
      const { rows } = await db.query<{ t: string | null }>('SELECT current_station_tenant_id()::text AS t');
      return rows[0]?.t ?? null;
    } finally {
      await db.query('COMMIT').catch(() => undefined);
    }
  };

  const subscribe = async (ws: WebSocket, claim: string): Promise<void> => {
    const tenant = await tenantOf(claim);
    if (!tenant) {
      ws.close(4401, 'not an enrolled station');
      return;
    }
    const channel = channelOf(tenant);
    let sockets = channels.get(channel);
    if (!sockets) {
      sockets = new Set();
      channels.set(channel, sockets);
      await serial(async () => (await database()).query(`LISTEN ${channel}`));
    }
    sockets.add(ws);
    ws.on('close', () => {
      sockets.delete(ws);
    });
    ws.send('ok');
  };

  const http = createServer((_req, res) => {
    res.writeHead(426).end('WebSocket only');
  });
  const wss = new WebSocketServer({ server: http, maxPayload: 4096 });
  wss.on('connection', (ws) => {
    const timer = setTimeout(() => {
      ws.close(4400, 'no claim');
    }, 10_000);
    ws.once('message', (data) => {
      clearTimeout(timer);
      let claim: unknown;
      try {
        claim = (JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : '') as { claim?: unknown }).claim;
      } catch {
        claim = null;
      }
      if (typeof claim !== 'string' || claim.length > 512) {
        ws.close(4400, 'no claim');
        return;
      }
      subscribe(ws, claim).catch((error: unknown) => {
        log(`wake relay: ${error instanceof Error ? error.message : String(error)}`);
        ws.close(1011, 'relay error');
      });
    });
    ws.on('error', () => undefined);
  });
  // Dead sockets (a station's link gone without a close) are found by pings.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      const alive = ws as WebSocket & { alive?: boolean };
      if (alive.alive === false) {
        ws.terminate();
        continue;
      }
      alive.alive = false;
      ws.ping();
      ws.once('pong', () => {
        alive.alive = true;
      });
    }
  }, 30_000);
  await database();
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, host, resolve));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `ws://${host}:${port}`,
    port,
    subscribers: () => [...channels.values()].reduce((n, s) => n + s.size, 0),
    close: async () => {
      closing = true;
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => {
        wss.close(() => {
          resolve();
        });
      });
      await new Promise<void>((resolve) =>
        http.close(() => {
          resolve();
        }),
      );
      await client?.end().catch(() => undefined);
    },
  };
}
