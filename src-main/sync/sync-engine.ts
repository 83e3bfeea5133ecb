// The sync engine: push before pull, the initial sync when the cache is empty, then incremental
// pulls woken by LISTEN/NOTIFY (empty payloads) with a periodic pull as the fallback, and
// reconnection with capped exponential backoff when the link drops. One exchange at a time.
import { EventEmitter } from 'node:events';
import type { StationFile } from '../../db/admin/station-file.ts';
import { stationClaim } from '../../db/auth/pool-key.ts';
import { StationInUseError } from '../cache/mirror-swap.ts';
import type { StationCache } from '../cache/station-cache.ts';
import { initialSync, type InitialSyncProgress } from './initial-sync.ts';
import { IncompatibleServerError } from './protocol.ts';
import { pullChanges, type PullReport } from './pull.ts';
import { pushPending, type PushReport } from './push.ts';
import { checkServer, connectStation, isPooled, syncChannel, type ServerLink } from './server-link.ts';
import { registerStationKey, type StationKeyInfo } from './station-key.ts';
import { subscribeWakes, type WakeSubscription } from './wake-relay-client.ts';

export type SyncPhase =
  'starting' | 'connecting' | 'initial' | 'pushing' | 'pulling' | 'idle' | 'offline' | 'incompatible';

export interface SyncStatus {
  online: boolean;
  phase: SyncPhase;
  lastSyncAt: string | null;
  pending: number;
  rejected: number;
  initial: InitialSyncProgress | null;
  error: string | null;
}

export interface CycleReport {
  push: PushReport;
  pull: PullReport | null;
  initialRows: number;
}

export interface SyncEngineOptions {
  pollIntervalMs?: number;
  /** Operations per push call (default 50). */
  pushBatchSize?: number;
  maxBackoffMs?: number;
  connectTimeoutMs?: number;
  /** The station's public signing key, registered with the server when the mirror lacks it. */
  stationKey?: StationKeyInfo;
}

export interface SyncEngineEvents {
  status: [SyncStatus];
  changed: [CycleReport];
}

export class SyncEngine extends EventEmitter<SyncEngineEvents> {
  private link: ServerLink | null = null;
  private running = false;
  private stopped = false;
  private wake: (() => void) | null = null;
  private dirty = false;
  private phase: SyncPhase = 'starting';
  private error: string | null = null;
  private initial: InitialSyncProgress | null = null;
  private loop: Promise<void> | null = null;
  /** The station key is in the mirror (or the server refused it): no need to ask again. */
  private keySettled = false;

  constructor(
    private readonly cache: StationCache,
    private readonly file: StationFile,
    private readonly options: SyncEngineOptions = {},
  ) {
    super();
  }

  status(): SyncStatus {
    const state = this.cache.syncState();
    const counts = this.cache.writer
      .prepare(
        `SELECT
           sum(CASE WHEN status = 'pending' OR (status = 'applied' AND settled = 0) THEN 1 ELSE 0 END) AS pending,
           sum(CASE WHEN status = 'rejected' AND acknowledged = 0 THEN 1 ELSE 0 END) AS rejected
         FROM outbox`,
      )
      .get() as { pending: number | null; rejected: number | null };
    return {
      online: this.link !== null && this.phase !== 'offline',
      phase: this.phase,
      lastSyncAt: state.lastPullAt,
      pending: counts.pending ?? 0,
      rejected: counts.rejected ?? 0,
      initial: this.initial,
      error: this.error,
    };
  }

  private setPhase(phase: SyncPhase, error: string | null = this.error): void {
    this.phase = phase;
    this.error = error;
    this.emit('status', this.status());
  }

  /** Asks for a sync as soon as possible (after a local operation, or a notification). */
  requestSync(): void {
    this.dirty = true;
    this.wake?.();
  }

  /** One exchange on an open link: push, initial sync if needed, pull. */
  private async cycle(link: ServerLink): Promise<CycleReport> {
    await checkServer(link.client);
    if (this.options.stationKey && !this.keySettled) {
      const outcome = await registerStationKey(link.client, this.cache, this.options.stationKey);
      if (typeof outcome === 'object')
        console.warn(`station: signing key not registered: ${outcome.refused}`);
      // Just registered: the pull brings it into the mirror, where the next cycle finds it.
      this.keySettled = outcome !== 'registered';
    }
    this.setPhase('pushing', null);
    const push = await pushPending(link.client, this.cache, {
      ...(this.options.pushBatchSize === undefined ? {} : { batch: this.options.pushBatchSize }),
    });
    let initialRows = 0;
    if (this.cache.syncState().cursorXid === null) {
      this.setPhase('initial');
      const result = await initialSync(link.client, this.cache, this.file, {
        onProgress: (progress) => {
          this.initial = progress;
          this.emit('status', this.status());
        },
      });
      initialRows = result.rows;
      this.initial = null;
    }
    this.setPhase('pulling');
    const pull = await pullChanges(link.client, this.cache, this.file);
    this.setPhase('idle', null);
    const report = { push, pull, initialRows };
    if (push.applied + push.rejected + pull.rows + pull.deletes + pull.settled + initialRows > 0)
      this.emit('changed', report);
    return report;
  }

  /** Push then pull until caught up, once, on a fresh connection (CLI `--once`, tests). */
  async syncOnce(): Promise<CycleReport> {
    const link = await connectStation(this.file, this.connectOptions());
    try {
      // Each cycle's pull settles the operations its push confirmed; operations queued while a
      // cycle ran are sent by the next one.
      let report = await this.cycle(link);
      while (this.countUnsent() > 0) report = mergeReports(report, await this.cycle(link));
      return report;
    } finally {
      await link.close();
    }
  }

  private countUnsent(): number {
    return this.cache.writer
      .prepare(`SELECT count(*) FROM outbox WHERE status = 'pending'`)
      .pluck()
      .get() as number;
  }

  private connectOptions(): { connectTimeoutMs?: number } {
    return this.options.connectTimeoutMs === undefined
      ? {}
      : { connectTimeoutMs: this.options.connectTimeoutMs };
  }

  /** Follows the server until stop(): live updates with a periodic fallback. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.link?.close();
    await this.loop;
    this.running = false;
  }

  private async run(): Promise<void> {
    let backoff = 500;
    const maxBackoff = this.options.maxBackoffMs ?? 30_000;
    while (!this.isStopped()) {
      try {
        this.setPhase('connecting');
        const link = await connectStation(this.file, this.connectOptions());
        this.link = link;
        const connection = { lost: false };
        const onLost = (): void => {
          connection.lost = true;
          this.wake?.();
        };
        link.client.on('end', onLost);
        link.client.on('error', onLost);
        const wakes = await this.followWakes(link);
        backoff = 500;
        try {
          while (!this.isStopped() && !connection.lost) {
            this.dirty = false;
            await this.cycle(link);
            if (this.isDirty()) continue;
            await this.sleep(this.options.pollIntervalMs ?? 15_000);
          }
        } finally {
          wakes.close();
        }
        await link.close();
        this.link = null;
        if (connection.lost && !this.isStopped()) throw new Error('The connection to the server was lost.');
      } catch (error) {
        await this.link?.close();
        this.link = null;
        if (this.isStopped()) break;
        const message = error instanceof Error ? error.message : String(error);
        this.cache.updateSyncState({ last_error: message });
        if (error instanceof IncompatibleServerError) {
          this.setPhase('incompatible', message);
          await this.sleep(maxBackoff);
          continue;
        }
        if (error instanceof StationInUseError) {
          // The new mirror is ready and waits for another program to close station.db.
          this.setPhase('initial', message);
          await this.sleep(1000);
          continue;
        }
        this.setPhase('offline', message);
        await this.sleep(backoff);
        backoff = Math.min(maxBackoff, backoff * 2);
      }
    }
    this.setPhase('offline', this.error);
  }

  /**
   * Wake-ups: LISTEN on the station's own connection, or, through a pooler (where a session is
   * not the station's), the wake relay named in station.json.
   */
  private async followWakes(link: ServerLink): Promise<WakeSubscription> {
    const relay = this.file.pool?.relay;
    if (relay) {
      const claim = stationClaim(this.file.database.user, this.file.database.password);
      return subscribeWakes(relay, claim, () => {
        this.requestSync();
      });
    }
    link.client.on('notification', () => {
      this.requestSync();
    });
    if (!isPooled(link.client)) await link.client.query(`LISTEN ${syncChannel(this.file.tenantId)}`);
    return { close: () => undefined };
  }

  // Read through methods: these flags change while run() awaits.
  private isStopped(): boolean {
    return this.stopped;
  }

  private isDirty(): boolean {
    return this.dirty;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolveSleep) => {
      const timer = setTimeout(done, ms);
      const wake = (): void => {
        done();
      };
      this.wake = wake;
      function done(): void {
        clearTimeout(timer);
        resolveSleep();
      }
      if (this.dirty || this.stopped) done();
    });
  }
}

function mergeReports(a: CycleReport, b: CycleReport): CycleReport {
  return {
    push: {
      applied: a.push.applied + b.push.applied,
      rejected: a.push.rejected + b.push.rejected,
      rejections: [...a.push.rejections, ...b.push.rejections],
    },
    pull: b.pull ?? a.pull,
    initialRows: a.initialRows + b.initialRows,
  };
}
