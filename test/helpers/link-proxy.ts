// A TCP proxy between a station and PostgreSQL, to break the link at exact points of the
// protocol: drop the server's reply to a given query (after the server has committed it) and cut
// the connection, or refuse every connection (the station is offline).
import { connect, createServer, type Socket } from 'node:net';

export interface LinkProxy {
  readonly port: number;
  /**
   * Arms a cut: the `occurrence`-th query sent through the proxy whose text contains `marker`
   * reaches the server, but its reply is thrown away and both sockets are destroyed. The server
   * finishes (and commits) the statement before its first reply byte leaves, so the station never
   * hears of a commit that happened. Resolves when the cut happened.
   */
  cutReplyTo(marker: string, occurrence?: number): Promise<void>;
  /** Offline: new connections are refused and open ones are cut. */
  setOffline(offline: boolean): void;
  /** Number of client connections accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
}

interface Cut {
  marker: string;
  remaining: number;
  resolve: () => void;
}

export async function startLinkProxy(target: { host: string; port: number }): Promise<LinkProxy> {
  const open = new Set<Socket>();
  let cut: Cut | null = null;
  let offline = false;
  let connections = 0;

  const server = createServer((client) => {
    if (offline) {
      client.destroy();
      return;
    }
    connections++;
    const upstream = connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    let dropNextReply: Cut | null = null;
    const destroyBoth = (): void => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', destroyBoth);
    upstream.on('error', destroyBoth);
    client.on('close', destroyBoth);
    upstream.on('close', destroyBoth);
    client.on('data', (chunk: Buffer) => {
      if (cut && chunk.toString('latin1').includes(cut.marker)) {
        cut.remaining--;
        if (cut.remaining === 0) {
          dropNextReply = cut;
          cut = null;
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (dropNextReply) {
        const done = dropNextReply;
        dropNextReply = null;
        destroyBoth();
        done.resolve();
        return;
      }
      client.write(chunk);
    });
  });
  await new Promise<void>((resolveListen) => {
    server.listen(0, '127.0.0.1', resolveListen);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    get connections() {
      return connections;
    },
    cutReplyTo(marker, occurrence = 1) {
      return new Promise<void>((resolveCut) => {
        cut = { marker, remaining: occurrence, resolve: resolveCut };
      });
    },
    setOffline(value) {
      offline = value;
      if (value) for (const socket of open) socket.destroy();
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise<void>((resolveClose) => {
        server.close(() => {
          resolveClose();
        });
      });
    },
  };
}
