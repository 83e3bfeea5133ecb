// The fleet simulator's coordinator: one PostgreSQL (embedded, normal durability), the demo data,
// N enrolled stations spread over the demo sites, worker processes that run them through a
// compressed day, server markers to time propagation, /proc and pg_stat_activity samples, and at
// the end the drain, the convergence check and the figures.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { readStationFile } from '../../../db/admin/station-file.ts';
import { enrollStation } from '../../../db/admin/enroll-station.ts';
import { databaseUrl, startEmbeddedServer } from '../../../db/embedded/embedded-server.ts';
import { migrate } from '../../../db/migrate.ts';
import { parseScale, seedDemoData } from '../../../db/seed/seed-demo-data.ts';
import { StationCache } from '../../../src-main/cache/station-cache.ts';
import { SyncEngine } from '../../../src-main/sync/sync-engine.ts';
import { postmasterPid, treeCpuMs, treeMemoryMb } from './fleet-proc.ts';
import { FleetRandom } from './fleet-random.ts';
import { summarise, type FleetReport, type Sample } from './fleet-report.ts';
import { directRoute, pooledRoute, type FleetRoute, type RouteName } from './fleet-route.ts';
import type { FromWorker, RaceEvent, ToWorker, WorkerConfig, WorkerResult } from './fleet-worker.ts';
import { MARKER_PREFIX } from './fleet-station.ts';

export interface FleetOptions {
  stations: number;
  minutes: number;
  route: RouteName;
  /** Stations per worker process. */
  perProcess: number;
  /** Mean seconds between a storekeeper's operations. */
  opIntervalS: number;
  /** The engine's fallback pull interval. */
  pollIntervalS: number;
  offlineSpells: number;
  /** Races for one bin per site and minute of the run. */
  racesPerSiteMinute: number;
  markerEveryS: number;
  seed: number;
  /** Use only the first K demo sites (default: all nine). */
  sites?: number;
  maxConnections: number;
  /** Server connections of the pooler (route 'pooled'). */
  poolSize: number;
  log: (line: string) => void;
}

export const DEFAULT_OPTIONS: Omit<FleetOptions, 'stations' | 'log'> = {
  minutes: 5,
  route: 'direct',
  perProcess: 25,
  opIntervalS: 20,
  pollIntervalS: 15,
  offlineSpells: 2,
  racesPerSiteMinute: 1,
  markerEveryS: 3,
  seed: 1,
  maxConnections: 200,
  poolSize: 20,
};

const WORKER = join(dirname(fileURLToPath(import.meta.url)), 'fleet-worker.ts');

class Worker {
  private readonly waiting = new Map<string, (message: FromWorker) => void>();
  readonly child: ChildProcess;

  constructor(readonly index: number) {
    this.child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (message: FromWorker) => {
      const type = message.type === 'failed' ? [...this.waiting.keys()][0] : message.type;
      const resolve = type ? this.waiting.get(type) : undefined;
      if (type) this.waiting.delete(type);
      resolve?.(message);
    });
    // A worker that dies (a crash, a module that does not load) fails whatever waits on it,
    // instead of leaving the run waiting for a reply that never comes.
    this.child.on('exit', (code, signal) => {
      const message = `exited (${signal ?? `code ${String(code)}`})`;
      for (const resolve of this.waiting.values()) resolve({ type: 'failed', message });
      this.waiting.clear();
    });
  }

  async ask<T extends FromWorker['type']>(
    message: ToWorker,
    reply: T,
  ): Promise<Extract<FromWorker, { type: T }>> {
    const answer = await new Promise<FromWorker>((resolve) => {
      this.waiting.set(reply, resolve);
      this.child.send(message);
    });
    if (answer.type === 'failed') throw new Error(`Fleet worker ${this.index} failed: ${answer.message}`);
    return answer as Extract<FromWorker, { type: T }>;
  }
}

export async function runFleet(options: FleetOptions): Promise<FleetReport> {
  const log = options.log;
  const root = mkdtempSync(join(tmpdir(), 'amms-fleet-'));
  chmodSync(root, 0o755);
  const server = await startEmbeddedServer({
    dataDir: join(root, 'pg'),
    maxConnections: options.maxConnections,
  });
  let route: FleetRoute | null = null;
  const workers: Worker[] = [];
  try {
    const bootstrap = new pg.Client({ connectionString: server.url });
    await bootstrap.connect();
    await bootstrap.query('CREATE DATABASE amms');
    await bootstrap.end();
    const url = databaseUrl(server.url, 'amms');
    await migrate(url);
    const seed = await seedDemoData({ url, scale: parseScale('small'), seed: 1 });
    log(`seeded ${seed.summary}`);

    route =
      options.route === 'direct'
        ? directRoute()
        : await pooledRoute({
            adminUrl: server.url,
            database: 'amms',
            root,
            stations: options.stations,
            poolSize: options.poolSize,
          });
    // One initial sync per site; the site's other stations start from a copy of its cache (as
    // when a site's PCs are installed from one image), enrolled after it, so their own stations
    // row reaches them by the first incremental pull, and catch up from the image's cursor.
    const stations: WorkerConfig['stations'] = [];
    const enrol = async (i: number, siteIndex: number): Promise<WorkerConfig['stations'][number]> => {
      const site = seed.sites[siteIndex];
      if (!site) throw new Error('The demo data has no sites.');
      const dir = join(root, `station-${i + 1}`);
      const { file } = await enrollStation({
        adminUrl: url,
        tenantSlug: site.tenantSlug,
        siteCode: site.code,
        dir,
      });
      return { dir, siteIndex, tenantId: file.tenantId };
    };
    const images = new Map<number, string>();
    const siteCount = Math.min(seed.sites.length, options.sites ?? seed.sites.length);
    for (let i = 0; i < options.stations; i++) {
      const siteIndex = i % siteCount;
      const station = await enrol(i, siteIndex);
      stations.push(station);
      await route.prepare(station.dir);
      const image = images.get(siteIndex);
      if (image) {
        copyFileSync(image, join(station.dir, 'station.db'));
        const db = new Database(join(station.dir, 'station.db'));
        db.exec('DELETE FROM stations');
        db.close();
        continue;
      }
      const cache = StationCache.open(station.dir);
      await new SyncEngine(cache, readStationFile(station.dir)).syncOnce();
      cache.close();
      const path = join(station.dir, 'station.db');
      if (existsSync(`${path}-wal`)) throw new Error('The site image still has a WAL file.');
      images.set(siteIndex, join(root, `site-${siteIndex}.db`));
      copyFileSync(path, join(root, `site-${siteIndex}.db`));
    }
    log(`enrolled ${options.stations} stations over ${siteCount} sites (route: ${options.route})`);

    const admin = new pg.Client({ connectionString: url });
    admin.on('error', () => undefined);
    await admin.connect();
    const probes: Record<string, string> = {};
    for (const tenantId of new Set(stations.map((s) => s.tenantId))) {
      const { rows } = await admin.query<{ id: string }>(
        'SELECT id FROM parts WHERE tenant_id = $1 ORDER BY id LIMIT 1',
        [tenantId],
      );
      if (rows[0]) probes[tenantId] = rows[0].id;
    }
    const dayMs = options.minutes * 60_000;
    const rng = new FleetRandom(options.seed);
    const races: RaceEvent[] = [];
    for (let siteIndex = 0; siteIndex < siteCount; siteIndex++) {
      const count = Math.round(options.minutes * options.racesPerSiteMinute);
      for (let r = 0; r < count; r++)
        races.push({ atMs: rng.between(0.05, 0.9) * dayMs, siteIndex, pick: rng.int(1_000_000) });
    }

    for (let w = 0; w * options.perProcess < stations.length; w++) workers.push(new Worker(w));
    await Promise.all(
      workers.map((worker, w) =>
        worker.ask(
          {
            type: 'start',
            config: {
              worker: w,
              stations: stations.slice(w * options.perProcess, (w + 1) * options.perProcess),
              startAt: 0,
              dayMs,
              opIntervalMs: options.opIntervalS * 1000,
              pollIntervalMs: options.pollIntervalS * 1000,
              offlineSpells: options.offlineSpells,
              seed: options.seed,
              races,
              probes,
            },
          },
          'ready',
        ),
      ),
    );
    const startAt = Date.now() + 2000;
    for (const worker of workers) worker.child.send({ type: 'go', startAt } satisfies ToWorker);
    log(`${workers.length} worker processes; the day runs ${options.minutes} min`);

    const pgPid = postmasterPid(join(server.dataDir, 'pgdata'));
    await new Promise((r) => setTimeout(r, startAt - Date.now()));
    const cpuStart = { pg: treeCpuMs(pgPid), route: route.cpuMs() };
    const samples: Sample[] = [];
    const waitCounts = new Map<string, number>();
    const markers = new Map<number, number>();
    const dayEnd = startAt + dayMs;
    let marker = 0;
    let nextMarker = Date.now() + options.markerEveryS * 1000;
    let nextSample = Date.now();
    while (Date.now() < dayEnd) {
      if (Date.now() >= nextSample) {
        nextSample += 5000;
        const { rows } = await admin.query<{ backends: number; active: number }>(
          `SELECT count(*)::int AS backends, count(*) FILTER (WHERE state <> 'idle')::int AS active
             FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
        );
        const waits = await admin.query<{ w: string; n: number }>(
          `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') || ' (' || state || ')' AS w,
                  count(*)::int AS n
             FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND state <> 'idle' AND pid <> pg_backend_pid()
            GROUP BY 1`,
        );
        for (const { w, n } of waits.rows) waitCounts.set(w, (waitCounts.get(w) ?? 0) + n);
        samples.push({
          at: Date.now() - startAt,
          backends: rows[0]?.backends ?? 0,
          active: rows[0]?.active ?? 0,
          pgMemoryMb: treeMemoryMb(pgPid),
        });
      }
      if (Date.now() >= nextMarker) {
        nextMarker += options.markerEveryS * 1000;
        marker++;
        await admin.query('UPDATE parts SET name = $1 WHERE id = ANY($2::uuid[])', [
          `${MARKER_PREFIX}${marker}`,
          Object.values(probes),
        ]);
        markers.set(marker, Date.now());
      }
      await new Promise((r) =>
        setTimeout(r, Math.max(5, Math.min(nextMarker, nextSample, dayEnd) - Date.now())),
      );
    }
    const cpuEnd = { pg: treeCpuMs(pgPid), route: route.cpuMs() };
    const ledger = (
      await admin.query<{ outcome: string; n: number }>(
        `SELECT outcome::text, count(*)::int AS n FROM op_ledger
          WHERE received_at BETWEEN to_timestamp($1 / 1000.0) AND to_timestamp($2 / 1000.0) GROUP BY 1`,
        [startAt, dayEnd],
      )
    ).rows;
    log('day over: draining the queues');
    await Promise.all(workers.map((w) => w.ask({ type: 'drain' }, 'drained')));
    log('verifying every station against the server');
    const results: WorkerResult[] = [];
    for (const worker of workers) results.push((await worker.ask({ type: 'verify' }, 'result')).result);
    const ledgerByStation = (
      await admin.query<{ station_id: string; applied: number }>(
        `SELECT station_id::text, count(*) FILTER (WHERE outcome = 'applied')::int AS applied
           FROM op_ledger GROUP BY 1`,
      )
    ).rows;
    await admin.end();
    return summarise({
      options,
      dayMs,
      samples,
      markers,
      results,
      ledger,
      ledgerByStation,
      waits: waitCounts,
      cpu: {
        pgMs: cpuEnd.pg - cpuStart.pg,
        routeMs: cpuEnd.route - cpuStart.route,
      },
    });
  } finally {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill();
    await route?.close();
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
