// One simulated station of the fleet: a real StationCache and SyncEngine (the station core's
// sync and operation queue) with a storekeeper at the counter. It queues operations at the
// storekeeper's pace through the same submit path as the UI, goes offline now and then (the link
// drops: the engine stops, work goes on and is queued), joins races for the same bin with the
// other stations of its site, and records what the fleet report needs: when each server marker
// arrived, its offline spells, and the errors the engine met while it should have been online.
import { readStationFile, type StationFile } from '../../../db/admin/station-file.ts';
import { StationCache } from '../../../src-main/cache/station-cache.ts';
import { OpError } from '../../../src-main/core/errors.ts';
import type { StationScope } from '../../../src-main/core/scope.ts';
import { pendingDelta, stockKey } from '../../../src-main/ops/overlay.ts';
import { submitOperation } from '../../../src-main/ops/submit.ts';
import { STATION_OPERATIONS } from '../../../src-main/station/operations.ts';
import { SyncEngine, type SyncEngineOptions } from '../../../src-main/sync/sync-engine.ts';
import type { FleetRandom } from './fleet-random.ts';

export const MARKER_PREFIX = 'Fleet marker ';

export interface StationResult {
  stationId: string;
  siteIndex: number;
  /** marker number -> epoch ms when this station's cache first held it (or a later one). */
  seen: Record<number, number>;
  offline: [number, number][];
  submitted: number;
  /** Refused by the station itself (not enough in the bin as it knows it, ...): never sent. */
  refusedLocally: number;
  queuedOffline: number;
  applied: number;
  rejected: Record<string, number>;
  /** Operations the server could not take (outcome error) or still pending at the end. */
  failed: number;
  pushLatencies: number[];
  /** Exchange errors while the station should have been online, by message. */
  errors: Record<string, number>;
  /** Exchanges (push then pull) the engine ran. */
  cycles: number;
}

interface StockRow {
  id: string;
  part_id: string;
  location_id: string;
  bin_location: string;
  qty_on_hand: number;
}

export class SimStation {
  readonly file: StationFile;
  readonly cache: StationCache;
  readonly engine: SyncEngine;
  readonly scope: StationScope;
  private offlineSince: number | null = null;
  private readonly offline: [number, number][] = [];
  private readonly seen = new Map<number, number>();
  private lastMarker = 0;
  private readonly errors = new Map<string, number>();
  private submitted = 0;
  private refusedLocally = 0;
  private queuedOffline = 0;
  private cycles = 0;
  private storekeeper: string;
  private technicians: string[];

  constructor(
    readonly dir: string,
    readonly siteIndex: number,
    private readonly probePartId: string,
    engineOptions: SyncEngineOptions,
  ) {
    this.file = readStationFile(dir);
    this.scope = { stationId: this.file.stationId, tenantId: this.file.tenantId, siteId: this.file.siteId };
    this.cache = StationCache.open(dir);
    this.engine = new SyncEngine(this.cache, this.file, engineOptions);
    this.engine.on('changed', () => {
      this.checkMarker();
    });
    this.engine.on('status', (status) => {
      if (status.phase === 'pulling') this.cycles++;
      if (this.offlineSince === null && status.phase === 'offline' && status.error) {
        this.errors.set(status.error, (this.errors.get(status.error) ?? 0) + 1);
      }
    });
    const users = this.cache.reader
      .prepare(`SELECT id, role FROM users WHERE site_id = ? AND is_active = 1 ORDER BY id`)
      .all(this.file.siteId) as { id: string; role: string }[];
    const storekeeper = users.find((u) => u.role === 'storekeeper');
    if (!storekeeper) throw new Error(`Site ${this.file.siteCode} has no storekeeper in the cache.`);
    this.storekeeper = storekeeper.id;
    this.technicians = users.filter((u) => u.role === 'technician').map((u) => u.id);
  }

  get isOffline(): boolean {
    return this.offlineSince !== null;
  }

  start(): void {
    this.engine.start();
  }

  async goOffline(): Promise<void> {
    if (this.offlineSince !== null) return;
    this.offlineSince = Date.now();
    await this.engine.stop();
  }

  goOnline(): void {
    if (this.offlineSince === null) return;
    this.offline.push([this.offlineSince, Date.now()]);
    this.offlineSince = null;
    this.engine.start();
  }

  private checkMarker(): void {
    const name = this.cache.reader
      .prepare('SELECT name FROM parts WHERE id = ?')
      .pluck()
      .get(this.probePartId);
    if (typeof name !== 'string' || !name.startsWith(MARKER_PREFIX)) return;
    const marker = Number(name.slice(MARKER_PREFIX.length));
    const now = Date.now();
    for (let k = this.lastMarker + 1; k <= marker; k++) this.seen.set(k, now);
    this.lastMarker = Math.max(this.lastMarker, marker);
  }

  /** The site's bins (quarantine left out), in id order: the same list at every station of the site. */
  private stockRows(): StockRow[] {
    return this.cache.reader
      .prepare(
        `SELECT s.id, s.part_id, s.location_id, s.bin_location, s.qty_on_hand
           FROM inventory_stock s JOIN parts p ON p.id = s.part_id
          WHERE s.bin_location <> 'QUARANTINE' AND p.unit = 'piece' ORDER BY s.id`,
      )
      .all() as StockRow[];
  }

  private available(row: StockRow): number {
    const key = stockKey(row.part_id, row.location_id, row.bin_location);
    return row.qty_on_hand + pendingDelta(this.cache.writer, 'stock', key);
  }

  private submit(type: string, payload: unknown): void {
    try {
      submitOperation(STATION_OPERATIONS, this.cache, this.scope, {
        type,
        userId: this.storekeeper,
        payload,
      });
      this.submitted++;
      if (this.offlineSince !== null) this.queuedOffline++;
      else this.engine.requestSync();
    } catch (error) {
      if (!(error instanceof OpError)) throw error;
      this.refusedLocally++;
    }
  }

  /** One counter operation: mostly issues and returns, some receipts, now and then a count. */
  counterOperation(rng: FleetRandom): void {
    const roll = rng.next();
    const rows = this.stockRows();
    const technician = rng.pick(this.technicians);
    if (roll < 0.5 && technician) {
      const row = rng.pick(rows.filter((r) => this.available(r) >= 1));
      if (row) {
        this.submit('wallet.issue', {
          part_id: row.part_id,
          location_id: row.location_id,
          bin_location: row.bin_location,
          technician_id: technician,
          qty: 1 + rng.int(Math.min(2, this.available(row))),
        });
        return;
      }
    }
    if (roll < 0.8) {
      const wallet = rng.pick(
        this.cache.reader
          .prepare(
            `SELECT w.user_id, w.part_id, s.location_id, s.bin_location FROM inventory_wallets w
               JOIN inventory_stock s ON s.part_id = w.part_id AND s.bin_location <> 'QUARANTINE'
               JOIN parts p ON p.id = w.part_id AND p.unit = 'piece'
              WHERE w.qty_held >= 1 ORDER BY w.id, s.id`,
          )
          .all() as { user_id: string; part_id: string; location_id: string; bin_location: string }[],
      );
      if (wallet) {
        this.submit('wallet.return', {
          part_id: wallet.part_id,
          technician_id: wallet.user_id,
          location_id: wallet.location_id,
          bin_location: wallet.bin_location,
          qty: 1,
        });
        return;
      }
    }
    const row = rng.pick(rows);
    if (!row) return;
    if (roll < 0.95) {
      this.submit('stock.receive', {
        lines: [
          {
            part_id: row.part_id,
            location_id: row.location_id,
            bin_location: row.bin_location,
            qty: 5 + rng.int(16),
          },
        ],
        supplier_ref: 'FLEET',
      });
    } else {
      this.submit('stock.count', {
        part_id: row.part_id,
        location_id: row.location_id,
        bin_location: row.bin_location,
        counted_qty: Math.max(0, Math.round(this.available(row))),
        reason: 'Cycle count',
      });
    }
  }

  /**
   * A race: every station of the site takes all it believes a bin holds, at the same moment. The
   * server lets the first through and rejects the others (or part of them) with the reason.
   */
  race(pick: number, rng: FleetRandom): void {
    const rows = this.stockRows();
    const row = rows[pick % Math.max(1, rows.length)];
    const technician = rng.pick(this.technicians);
    if (!row || !technician) return;
    const qty = Math.floor(this.available(row));
    if (qty < 1) return;
    this.submit('wallet.issue', {
      part_id: row.part_id,
      location_id: row.location_id,
      bin_location: row.bin_location,
      technician_id: technician,
      qty,
    });
  }

  /** What happened to every queued operation, read from the outbox at the end of the day. */
  result(): StationResult {
    const ops = this.cache.reader
      .prepare(`SELECT status, reason_code, created_at, acked_at FROM outbox`)
      .all() as { status: string; reason_code: string | null; created_at: string; acked_at: string | null }[];
    const rejected: Record<string, number> = {};
    let applied = 0;
    let failed = 0;
    const pushLatencies: number[] = [];
    for (const op of ops) {
      if (op.status === 'applied') applied++;
      else if (op.status === 'rejected' && !op.reason_code?.startsWith('server_error_')) {
        const code = op.reason_code ?? 'rejected';
        rejected[code] = (rejected[code] ?? 0) + 1;
      } else failed++;
      if (!op.acked_at) continue;
      const created = Date.parse(op.created_at);
      const acked = Date.parse(op.acked_at);
      if (!this.offline.some(([from, to]) => from <= acked && to >= created))
        pushLatencies.push(acked - created);
    }
    return {
      stationId: this.file.stationId,
      siteIndex: this.siteIndex,
      seen: Object.fromEntries(this.seen),
      offline: this.offline,
      submitted: this.submitted,
      refusedLocally: this.refusedLocally,
      queuedOffline: this.queuedOffline,
      applied,
      rejected,
      failed,
      pushLatencies,
      errors: Object.fromEntries(this.errors),
      cycles: this.cycles,
    };
  }
}
