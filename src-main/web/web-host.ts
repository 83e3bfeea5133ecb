// The web host: the same station core and renderer served on 127.0.0.1 over HTTP and a WebSocket,
// so the station runs in an ordinary browser (and end-to-end tests drive the real app in
// Chromium). A one-time token in the URL admits the first connection; each connection receives a
// fresh token for reconnecting. Origins other than the host's own are refused.
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { wireRequestSchema, type EventName, type WireMessage } from '../../src-preload/contract/api.ts';
import { dispatch } from '../core/dispatch.ts';
import { STATION_HANDLERS } from '../station/handlers.ts';
import type { Session, StationCore } from '../core/station-core.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export interface WebHostOptions {
  core: StationCore;
  /** Folder of the built renderer (out/renderer). */
  staticDir: string;
  port?: number;
}

export interface WebHost {
  url: string;
  /** The URL with a one-time token: open this in the browser. */
  launchUrl(): string;
  close(): Promise<void>;
}

export function defaultRendererDir(): string {
  return resolve(import.meta.dirname, '../../out/renderer');
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const staticDir = resolve(options.staticDir);
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`${staticDir} has no built renderer. Run 'npm run build:web' first.`);
  }
  // One-time tokens, each bound to the session it admits: a launch token starts a fresh one, a
  // resume token (sent in 'welcome') continues its window's session after a reconnect or reload.
  const tokens = new Map<string, Session>();
  const issueToken = (session: Session = { user: null }): string => {
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, session);
    return token;
  };

  const server: Server = createServer((req, res) => {
    serveStatic(staticDir, req, res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  let origin = '';

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const token = url.searchParams.get('token') ?? '';
    const session = tokens.get(token);
    if (url.pathname !== '/api' || req.headers.origin !== origin || !session) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    tokens.delete(token);
    wss.handleUpgrade(req, socket, head, (ws) => {
      attach(ws, session);
    });
  });

  const sockets = new Set<WebSocket>();
  const broadcast = (event: EventName, data: unknown): void => {
    const message = JSON.stringify({ type: 'event', event, data } satisfies WireMessage);
    for (const ws of sockets) ws.send(message);
  };
  const onStatus = (data: unknown): void => {
    broadcast('sync.status', data);
  };
  const onChanged = (data: unknown): void => {
    broadcast('data.changed', data);
  };
  const onScan = (data: unknown): void => {
    broadcast('scanner.scan', data);
  };
  const onScannerStatus = (data: unknown): void => {
    broadcast('scanner.status', data);
  };
  options.core.on('sync.status', onStatus);
  options.core.on('data.changed', onChanged);
  options.core.on('scanner.scan', onScan);
  options.core.on('scanner.status', onScannerStatus);

  function attach(ws: WebSocket, session: Session): void {
    sockets.add(ws);
    ws.send(JSON.stringify({ type: 'welcome', resumeToken: issueToken(session) } satisfies WireMessage));
    ws.on('message', (raw) => {
      const bytes = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
      const text = bytes.toString('utf8');
      void handle(ws, session, text);
    });
    ws.on('close', () => {
      sockets.delete(ws);
    });
  }

  async function handle(ws: WebSocket, session: Session, raw: string): Promise<void> {
    let request;
    try {
      request = wireRequestSchema.parse(JSON.parse(raw));
    } catch {
      ws.close(1003, 'malformed request');
      return;
    }
    const response = await dispatch(STATION_HANDLERS, options.core, session, request.method, request.params);
    if (ws.readyState === ws.OPEN) {
      ws.send(JSON.stringify({ type: 'response', id: request.id, response } satisfies WireMessage));
    }
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      resolveListen();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    launchUrl: () => `${origin}/#token=${issueToken()}`,
    close: async () => {
      options.core.off('sync.status', onStatus);
      options.core.off('data.changed', onChanged);
      options.core.off('scanner.scan', onScan);
      options.core.off('scanner.status', onScannerStatus);
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolveClose) => {
        server.close(() => {
          resolveClose();
        });
      });
    },
  };
}

function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, SECURITY_HEADERS).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  const relative = pathname === '/' ? 'index.html' : normalize(pathname).replace(/^([/\\])+/, '');
  const file = resolve(root, relative);
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
