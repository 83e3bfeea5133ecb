// The station core: the cache, the sync engine and the services behind the station API. Runs in
// plain Node (an Electron utility process, the web host, or tests); transports call dispatch().
import { EventEmitter } from 'node:events';
import { readStationFile, type StationFile } from '../../db/admin/station-file.ts';
import type { EventName, EventOf } from '../../src-preload/contract/api.ts';
import type { SessionUser } from '../../src-preload/contract/session.ts';
import { StationCache } from '../cache/station-cache.ts';
import type { StationScope } from '../ops/operation-type.ts';
import type { ScannerService, ScannerServiceOptions } from '../scanner/scanner-service.ts';
import { SyncEngine, type SyncEngineOptions } from '../sync/sync-engine.ts';
import { createStationScanner } from './station-scanner.ts';

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

export class StationCore extends EventEmitter<CoreEvents> {
  readonly cache: StationCache;
  readonly file: StationFile;
  readonly engine: SyncEngine;
  readonly scope: StationScope;
  readonly appVersion: string;
  readonly transport: 'electron' | 'web';
  /** The scanner reader; tests merge a replay into its stream with scanner.addSource(). */
  readonly scanner: ScannerService;

  constructor(options: StationCoreOptions) {
    super();
    this.file = readStationFile(options.dir);
    this.cache = StationCache.open(options.dir);
    this.engine = new SyncEngine(this.cache, this.file, options.sync);
    this.scope = { stationId: this.file.stationId, tenantId: this.file.tenantId, siteId: this.file.siteId };
    this.appVersion = options.appVersion ?? '0.1.0';
    this.transport = options.transport ?? 'web';
    this.engine.on('status', (status) => {
      this.emit('sync.status', status);
    });
    this.engine.on('changed', (report) => {
      const tables = Object.keys(report.pull?.tables ?? {});
      if (report.push.applied + report.push.rejected > 0) tables.push('outbox');
      if (report.initialRows > 0) tables.push('*');
      this.emit('data.changed', { tables });
    });
    this.scanner = createStationScanner(
      options.dir,
      {
        scan: (event) => this.emit('scanner.scan', event),
        status: (status) => this.emit('scanner.status', status),
      },
      options.scanner,
    );
    if (!options.manualSync) this.engine.start();
  }

  /** Tells the UI that local data changed (a queued operation) and asks the engine to push. */
  localChange(tables: string[]): void {
    this.emit('data.changed', { tables });
    this.emit('sync.status', this.engine.status());
    this.engine.requestSync();
  }

  async close(): Promise<void> {
    await this.scanner.stop();
    await this.engine.stop();
    this.cache.close();
  }
}
