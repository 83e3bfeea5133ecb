// The station core: the cache, the sync engine and the scanner behind the station API. Runs in
// plain Node (an Electron utility process, the web host, or tests); transports call dispatch() with
// the station's handler map (src-main/station/handlers.ts joins the domains'), so the core imports
// no domain.
import { EventEmitter } from 'node:events';
import { readStationFile, type StationFile } from '../../db/admin/station-file.ts';
import type { EventName, EventOf } from '../../src-preload/contract/api.ts';
import type { LookupResult } from '../../src-preload/contract/lookup.ts';
import type { SessionUser } from '../../src-preload/contract/session.ts';
import { StationCache } from '../cache/station-cache.ts';
import type { ScannerService, ScannerServiceOptions } from '../scanner/scanner-service.ts';
import { SyncEngine, type CycleReport, type SyncEngineOptions } from '../sync/sync-engine.ts';
import type { MirrorTableName } from '../../db/schema/sqlite/index.ts';
import { QUEUE_TABLES, type CacheTable } from '../../src-preload/contract/tables.ts';
import { lookupCode } from './lookup.ts';
import type { ScanEvent as ScannerScanEvent } from '../scanner/scan-event.ts';
import type { StationScope } from './scope.ts';
import { createStationScanner } from './station-scanner.ts';
import { StationSigner } from './station-signer.ts';

/** What one connected window (or browser tab) knows: who is logged in there. */
export interface Session {
  user: SessionUser | null;
}

export interface StationCoreOptions {
  dir: string;
  appVersion?: string;
  transport?: 'electron' | 'web';
  sync?: SyncEngineOptions;
  /** Do not start following the server (tests that drive sync by hand). */
  manualSync?: boolean;
  /** false: do not open the chosen HID scanner (the wedge and added sources still work). */
  scanner?: false | Omit<ScannerServiceOptions, 'stationDir'>;
}

type CoreEvents = { [E in EventName]: [EventOf<E>] };

/** The cache tables a sync cycle changed: pulled and deleted rows, and the queue when it moved. */
function changedTables(report: CycleReport): EventOf<'data.changed'>['tables'] {
  if (report.initialRows > 0) return ['*'];
  const tables = new Set<CacheTable>([
    ...(Object.keys(report.pull?.tables ?? {}) as MirrorTableName[]),
    ...(Object.keys(report.pull?.deleted ?? {}) as MirrorTableName[]),
  ]);
  if (report.push.applied + report.push.rejected + (report.pull?.settled ?? 0) > 0)
    for (const table of QUEUE_TABLES) tables.add(table);
  return [...tables];
}

export class StationCore extends EventEmitter<CoreEvents> {
  readonly cache: StationCache;
  readonly file: StationFile;
  readonly engine: SyncEngine;
  readonly scope: StationScope;
  readonly appVersion: string;
  readonly transport: 'electron' | 'web';
  /** The scanner reader; tests merge a replay into its stream with scanner.addSource(). */
  readonly scanner: ScannerService;
  /** The station's folder (station.json, station.db, its print files and keys). */
  readonly dir: string;
  /** The station's signing key (gate pass QR codes). */
  readonly signer: StationSigner;
  private readonly closers: (() => Promise<void>)[] = [];

  constructor(options: StationCoreOptions) {
    super();
    this.dir = options.dir;
    this.file = readStationFile(options.dir);
    this.cache = StationCache.open(options.dir);
    this.signer = new StationSigner(options.dir);
    this.engine = new SyncEngine(this.cache, this.file, {
      ...options.sync,
      stationKey: this.signer.publicKey,
    });
    this.scope = { stationId: this.file.stationId, tenantId: this.file.tenantId, siteId: this.file.siteId };
    this.appVersion = options.appVersion ?? '0.1.0';
    this.transport = options.transport ?? 'web';
    this.engine.on('status', (status) => {
      this.emit('sync.status', status);
    });
    this.engine.on('changed', (report) => {
      this.emit('data.changed', { tables: changedTables(report), origin: 'sync' });
    });
    this.scanner = createStationScanner(
      options.dir,
      {
        scan: (event) => this.emit('scanner.scan', this.resolveScan(event)),
        status: (status) => this.emit('scanner.status', status),
      },
      options.scanner,
    );
    if (!options.manualSync) this.engine.start();
  }

  /** A scan as the screens get it: with what its code stands for, resolved once from the cache. */
  resolveScan(event: ScannerScanEvent): EventOf<'scanner.scan'> {
    return { ...event, lookup: this.lookup(event.code) };
  }

  /** What a code stands for, from the cache (a gate pass code is verified, this station's own too). */
  lookup(code: string): LookupResult {
    return lookupCode(this.cache.reader, code, {
      ownKey: { ...this.signer.publicKey, stationName: this.file.name, siteCode: this.file.siteCode },
    });
  }

  /** Tells the UI that local data changed (a queued operation) and asks the engine to push. */
  localChange(tables: readonly CacheTable[]): void {
    this.emit('data.changed', { tables: [...tables], origin: 'here' });
    this.emit('sync.status', this.engine.status());
    this.engine.requestSync();
  }

  /** Runs `closer` when the core closes (a room's worker, a file it holds). */
  onClose(closer: () => Promise<void>): void {
    this.closers.push(closer);
  }

  async close(): Promise<void> {
    for (const closer of this.closers.splice(0).reverse()) await closer().catch(() => undefined);
    await this.scanner.stop();
    await this.engine.stop();
    this.cache.close();
  }
}
