// A fleet worker process: runs several simulated stations (each its own StationCache, SyncEngine
// and server connection) through the day the coordinator describes, then drains their queues,
// pulls once more and checks that each converged. Talks to the coordinator over IPC.
import { beginAsStation, connectStation } from '../../../src-main/sync/server-link.ts';
import { divergentTables } from './fleet-converge.ts';
import { FleetRandom } from './fleet-random.ts';
import { SimStation, type StationResult } from './fleet-station.ts';

export interface RaceEvent {
  atMs: number;
  siteIndex: number;
  pick: number;
}

export interface WorkerConfig {
  worker: number;
  stations: { dir: string; siteIndex: number; tenantId: string }[];
  startAt: number;
  dayMs: number;
  opIntervalMs: number;
  pollIntervalMs: number;
  offlineSpells: number;
  seed: number;
  races: RaceEvent[];
  probes: Record<string, string>;
}

export type ToWorker =
  | { type: 'start'; config: WorkerConfig }
  | { type: 'go'; startAt: number }
  | { type: 'drain' }
  | { type: 'verify' };

export interface WorkerResult {
  stations: (StationResult & { divergent: string[] })[];
  cpuMs: number;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'drained' }
  | { type: 'result'; result: WorkerResult }
  | { type: 'failed'; message: string };

const send = (message: FromWorker): void => {
  process.send?.(message);
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

let stations: SimStation[] = [];
let config: WorkerConfig | null = null;
let dayOver = false;
let cpuAtStart = process.cpuUsage();
let cpuDay = 0;
const timers: NodeJS.Timeout[] = [];

function at(epochMs: number, fn: () => void): void {
  timers.push(setTimeout(fn, Math.max(0, epochMs - Date.now())));
}

async function counterLoop(station: SimStation, rng: FleetRandom, cfg: WorkerConfig): Promise<void> {
  await sleep(cfg.startAt - Date.now() + rng.between(0, cfg.opIntervalMs));
  while (!dayOver) {
    station.counterOperation(rng);
    await sleep(rng.exponential(cfg.opIntervalMs));
  }
}

function planDay(cfg: WorkerConfig): void {
  stations.forEach((station, i) => {
    const rng = new FleetRandom(cfg.seed * 1000 + cfg.worker * 100 + i);
    at(cfg.startAt + rng.between(0, 3000), () => {
      station.start();
    });
    // Offline spells: in the middle of the day, 5-12 % of it each, one after the other.
    let from = 0.1;
    for (let s = 0; s < cfg.offlineSpells; s++) {
      const start = rng.between(from, Math.min(0.85, from + 0.3));
      const length = rng.between(0.05, 0.12);
      if (start + length > 0.9) break;
      at(cfg.startAt + start * cfg.dayMs, () => {
        void station.goOffline();
      });
      at(cfg.startAt + (start + length) * cfg.dayMs, () => {
        station.goOnline();
      });
      from = start + length + 0.05;
    }
    void counterLoop(station, rng, cfg);
    for (const race of cfg.races.filter((r) => r.siteIndex === station.siteIndex)) {
      at(cfg.startAt + race.atMs, () => {
        station.race(race.pick, rng);
      });
    }
  });
  at(cfg.startAt, () => {
    cpuAtStart = process.cpuUsage();
  });
  at(cfg.startAt + cfg.dayMs, () => {
    dayOver = true;
    const cpu = process.cpuUsage(cpuAtStart);
    cpuDay = (cpu.user + cpu.system) / 1000;
    for (const station of stations) station.goOnline();
  });
}

/** Runs fn for every station, a few at a time. */
async function eachStation(fn: (station: SimStation) => Promise<void>, parallel = 4): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < stations.length) {
        const station = stations[next++];
        if (station) await fn(station);
      }
    }),
  );
}

/** Push, then pull until caught up; a passing failure (a busy server) is retried. */
async function syncUntilDone(station: SimStation): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await station.engine.syncOnce();
      return;
    } catch (error) {
      if (attempt >= 20) throw error;
      await sleep(Math.min(5000, 500 * attempt));
    }
  }
}

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'start') {
    config = message.config;
    const cfg = config;
    stations = cfg.stations.map(
      (s) =>
        new SimStation(s.dir, s.siteIndex, cfg.probes[s.tenantId] ?? '', {
          pollIntervalMs: cfg.pollIntervalMs,
          maxBackoffMs: 5000,
        }),
    );
    send({ type: 'ready' });
  } else if (message.type === 'go') {
    if (!config) throw new Error('go before start');
    config.startAt = message.startAt;
    planDay(config);
  } else if (message.type === 'drain') {
    for (const timer of timers) clearTimeout(timer);
    await Promise.all(stations.map((station) => station.engine.stop()));
    await eachStation(syncUntilDone);
    send({ type: 'drained' });
  } else {
    const results: WorkerResult['stations'] = [];
    await eachStation(async (station) => {
      await syncUntilDone(station);
      const link = await connectStation(station.file);
      try {
        await beginAsStation(link.client, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const divergent = await divergentTables(
          (sql) => link.client.query(sql),
          station.cache,
          station.file.siteId,
        );
        await link.client.query('COMMIT');
        results.push({ ...station.result(), divergent });
      } finally {
        await link.close();
      }
    });
    for (const station of stations) station.cache.close();
    send({ type: 'result', result: { stations: results, cpuMs: cpuDay } });
    process.disconnect();
  }
}

process.on('message', (message: ToWorker) => {
  handle(message).catch((error: unknown) => {
    send({
      type: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    process.exitCode = 1;
    process.disconnect();
  });
});
