// Runs PgBouncer (the Debian package's /usr/sbin/pgbouncer) in transaction mode in front of one
// PostgreSQL server, configured for AMMS stations (docs/adr/0018): every database through one
// shared pool per database whose server connections log in as the pooler role; clients log in as
// their own station roles, checked with auth_query against their SCRAM verifiers.
//
// auth_type is 'plain' (the password, checked against the role's SCRAM verifier): PgBouncer 1.18
// (Debian 12) copies the SCRAM keys of a client that logged in with SCRAM onto the pool's user,
// which with a forced pool user breaks the pool's own server logins. A password in clear must
// travel only over TLS: in production set client_tls_sslmode = require (docs/adr/0018).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../embedded/embedded-server.ts';
import type { PoolerRoles } from './pooler-roles.ts';

export interface PgBouncerOptions {
  dir: string;
  pgHost: string;
  pgPort: number;
  roles: PoolerRoles;
  port?: number;
  /** Server connections per database (default 20). */
  poolSize?: number;
  maxClientConnections?: number;
  onLog?: (line: string) => void;
}

export interface PgBouncer {
  host: string;
  port: number;
  pid: number;
  close(): Promise<void>;
}

export const PGBOUNCER_BINARY = '/usr/sbin/pgbouncer';

const quote = (value: string): string => `"${value.replace(/"/g, '""')}"`;

export function pgBouncerConfig(options: PgBouncerOptions & { port: number }): {
  ini: string;
  users: string;
} {
  const { roles } = options;
  const ini = `[databases]
* = host=${options.pgHost} port=${options.pgPort} user=${roles.serverUser} password=${roles.serverPassword}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${options.port}
unix_socket_dir =
pool_mode = transaction
auth_type = plain
auth_file = ${join(options.dir, 'userlist.txt')}
auth_user = ${roles.authUser}
auth_query = SELECT usename, passwd FROM public.amms_pool_auth($1)
default_pool_size = ${options.poolSize ?? 20}
min_pool_size = 0
reserve_pool_size = 0
max_client_conn = ${options.maxClientConnections ?? 2000}
server_reset_query =
server_idle_timeout = 60
ignore_startup_parameters = extra_float_digits,options
application_name_add_host = 0
logfile =
pidfile =
log_connections = 0
log_disconnections = 0
`;
  const users = `${quote(roles.authUser)} ${quote(roles.authPassword)}\n`;
  return { ini, users };
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`PgBouncer exited with status ${child.exitCode}.`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => {
        resolve(false);
      });
    });
    if (open) return;
    if (Date.now() - started > timeoutMs) throw new Error(`PgBouncer did not listen on ${port}.`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startPgBouncer(options: PgBouncerOptions): Promise<PgBouncer> {
  if (!existsSync(PGBOUNCER_BINARY)) {
    throw new Error(
      `${PGBOUNCER_BINARY} is missing: install the Debian package (apt-get install pgbouncer).`,
    );
  }
  const port = options.port ?? (await freePort());
  mkdirSync(options.dir, { recursive: true });
  const { ini, users } = pgBouncerConfig({ ...options, port });
  const iniPath = join(options.dir, 'pgbouncer.ini');
  writeFileSync(iniPath, ini, { mode: 0o600 });
  writeFileSync(join(options.dir, 'userlist.txt'), users, { mode: 0o600 });
  const args = [iniPath];
  // PgBouncer refuses to run as root: as root it runs as the postgres user (as the server does).
  if (process.getuid?.() === 0) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    for (const path of [options.dir, iniPath, join(options.dir, 'userlist.txt')]) chownSync(path, uid, gid);
    chmodSync(options.dir, 0o700);
    args.unshift('-u', 'postgres');
  }
  const child = spawn(PGBOUNCER_BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = options.onLog ?? (() => undefined);
  child.stdout.on('data', (data: Buffer) => {
    log(String(data));
  });
  child.stderr.on('data', (data: Buffer) => {
    log(String(data));
  });
  await waitForPort(port, child);
  return {
    host: '127.0.0.1',
    port,
    pid: child.pid ?? 0,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
