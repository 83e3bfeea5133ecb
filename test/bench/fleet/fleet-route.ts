// How the fleet's stations reach PostgreSQL.
// - 'direct': each station logs in to PostgreSQL with its own role and keeps a connection for
//   LISTEN (the design before issue 15).
// - 'pooled': each station logs in to PgBouncer (transaction mode) with its own role; its
//   transactions carry its claim (migration 0016) and wake-ups come from the wake relay
//   (docs/adr/0018).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readStationFile, writeStationFile } from '../../../db/admin/station-file.ts';
import { startPgBouncer } from '../../../db/pooler/pgbouncer.ts';
import { ensurePoolerRoles } from '../../../db/pooler/pooler-roles.ts';
import { startWakeRelay } from '../../../db/pooler/wake-relay.ts';

export type RouteName = 'direct' | 'pooled';

export interface FleetRoute {
  /** Adjusts an enrolled station's folder to this route (station.json). */
  prepare(dir: string): Promise<void>;
  /** CPU milliseconds used so far by the route's own processes (the pooler, the relay). */
  cpuMs(): number;
  close(): Promise<void>;
}

export function directRoute(): FleetRoute {
  return {
    prepare: () => Promise.resolve(),
    cpuMs: () => 0,
    close: () => Promise.resolve(),
  };
}

function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 1000) / 100;
}

export async function pooledRoute(options: {
  adminUrl: string;
  database: string;
  root: string;
  stations: number;
  poolSize: number;
}): Promise<FleetRoute> {
  const roles = await ensurePoolerRoles(options.adminUrl, [options.database]);
  const server = new URL(options.adminUrl);
  const bouncer = await startPgBouncer({
    dir: join(options.root, 'pgbouncer'),
    pgHost: server.hostname,
    pgPort: Number(server.port),
    roles,
    poolSize: options.poolSize,
    maxClientConnections: options.stations + 100,
  });
  const relayDb = new URL(options.adminUrl);
  relayDb.username = roles.serverUser;
  relayDb.password = roles.serverPassword;
  relayDb.pathname = `/${options.database}`;
  const relay = await startWakeRelay({ databaseUrl: relayDb.toString() });
  const relayCpuStart = process.cpuUsage();
  return {
    prepare: (dir) => {
      const file = readStationFile(dir);
      writeStationFile(dir, {
        ...file,
        pool: { host: bouncer.host, port: bouncer.port, database: options.database, relay: relay.url },
      });
      return Promise.resolve();
    },
    // The relay runs in the coordinator's process: its CPU is counted with the coordinator's.
    cpuMs: () => {
      const own = process.cpuUsage(relayCpuStart);
      return processCpuMs(bouncer.pid) + (own.user + own.system) / 1000;
    },
    close: async () => {
      await relay.close();
      await bouncer.close();
    },
  };
}
