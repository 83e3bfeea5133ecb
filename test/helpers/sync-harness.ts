// A world for sync tests against the real PostgreSQL and real SQLite: a test database seeded with
// the deterministic demo data, stations enrolled into temp folders with their own login roles,
// each with a StationCache and a SyncEngine, and the two checks every hard case ends with:
//
// - expectStationMatchesServer(station): every mirror table of the station's cache equals the
//   server's rows for the station's scope, read with the station's own role (row-level security
//   gives the tenant, SITE_SCOPED narrows the per-site tables) by an independent SELECT whose
//   values are normalised the same way on both sides (numbers, 0/1 booleans, parsed JSON,
//   timestamps to the microsecond).
// - expectOperationsAppliedOnce(world, stations, baseline): one op_ledger row per queued op_id,
//   outbox outcomes equal to the ledger's, no optimistic effect left behind, stock, wallet and
//   meter values equal to the baseline plus the applied operations (so nothing was applied twice
//   or lost), and the stock movement history holding exactly the rows of the applied operations.
//
// Seeding takes a few seconds, so the seeded database is built once per test run (under an
// advisory lock, shared by all test files) and every world clones it as a template.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { expect, inject } from 'vitest';
import { enrollStation } from '../../db/admin/enroll-station.ts';
import {
  readStationFile,
  stationConnectionString,
  writeStationFile,
  type StationFile,
} from '../../db/admin/station-file.ts';
import { grantPoolerConnect } from '../../db/pooler/pooler-roles.ts';
import { startWakeRelay, type WakeRelay } from '../../db/pooler/wake-relay.ts';
import { databaseUrl } from '../../db/embedded/embedded-server.ts';
import { parseScale, seedDemoData } from '../../db/seed/seed-demo-data.ts';
import type { MirrorTableName } from '../../db/schema/sqlite/index.ts';
import { MIRROR_SPECS, type MirrorSpec } from '../../src-main/cache/mirror-spec.ts';
import { StationCache } from '../../src-main/cache/station-cache.ts';
import { SITE_SCOPED } from '../../src-main/cache/sync-scope.ts';
import type { StationScope } from '../../src-main/core/scope.ts';
import { pendingDelta, stockKey } from '../../src-main/ops/overlay.ts';
import { submitOperation, type QueuedOperation } from '../../src-main/ops/submit.ts';
import { STATION_OPERATIONS } from '../../src-main/station/operations.ts';
import { connectStation } from '../../src-main/sync/server-link.ts';
import { SyncEngine, type CycleReport } from '../../src-main/sync/sync-engine.ts';

/**
 * The hard-case tests probe the windows around each single operation (a reply lost after the
 * server committed op 2, a crash while recording outcome 3), so their stations push one operation
 * per call; batching is covered by its own tests.
 */
export const PER_OPERATION = { pushBatchSize: 1 } as const;

const SEED = 1;

export interface SyncWorld {
  /** Superuser URL of this world's database. */
  url: string;
  /** A superuser client on this world's database. */
  admin: pg.Client;
  /** Enrols a station of a demo tenant's site into a new temp folder and opens it. */
  enroll(options?: { tenantSlug?: string; siteCode?: string; name?: string }): Promise<Station>;
  /** A new superuser client (the caller ends it). */
  adminClient(): Promise<pg.Client>;
  close(): Promise<void>;
}

export interface Station {
  dir: string;
  file: StationFile;
  scope: StationScope;
  cache: StationCache;
  engine: SyncEngine;
  /** Push, then pull until caught up, on a fresh connection. */
  syncOnce(): Promise<CycleReport>;
  /** Queues an operation the way the UI does; `now` is the station's clock. */
  submit(
    type: string,
    payload: unknown,
    options?: { userId?: string; now?: Date; opId?: string },
  ): QueuedOperation;
  /**
   * Simulates the station process dying and starting again: closes the cache (anything not
   * committed in SQLite is lost, as after a crash) and opens a new StationCache and SyncEngine on
   * the same folder. `file` replaces the connection details (for example to go through a proxy).
   */
  restart(file?: StationFile): void;
  /**
   * Runs the station as a separate process that SIGKILLs itself at a given point of a sync step
   * (see sync-crash-child.ts), with this process's cache closed meanwhile, then opens a new
   * StationCache and SyncEngine on the folder. Resolves with the child's exit signal.
   */
  crashDuring(mode: CrashMode, n: number, batchSize?: number): Promise<string | null>;
  /** A raw pg client logged in to PostgreSQL as the station's own role (the caller ends it). */
  connect(): Promise<pg.Client>;
  /**
   * The station's sync link, as the engine opens it: through its pooler, with its claim, when it
   * has one (the caller ends it).
   */
  link(): Promise<pg.Client>;
  /** Users, warehouses and stock of the station's site, read from its cache. */
  storekeeper(): string;
  technicians(): string[];
  warehouses(): { id: string; code: string }[];
  /** Stock rows of the site with at least minQty on hand (whole-piece parts), largest first. */
  stock(minQty?: number): StockRow[];
  /** What a screen shows for a bin: the mirror plus the pending optimistic effects. */
  shownStock(row: { part_id: string; location_id: string; bin_location: string }): number;
  close(): void;
}

export interface StockRow {
  id: string;
  part_id: string;
  location_id: string;
  bin_location: string;
  qty_on_hand: number;
}

export type CrashMode = 'push' | 'pull' | 'initial' | 'indexes' | 'sealed' | 'retired';

const CRASH_CHILD = join(dirname(fileURLToPath(import.meta.url)), 'sync-crash-child.ts');

let stationCount = 0;

/** Creates the seeded template once per run, then clones it for this world. */
async function seededDatabase(adminUrl: string, stockRows: number): Promise<string> {
  const template = `amms_seeded_${stockRows}_${SEED}`;
  const name = `sync_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount === 0) {
        const building = `${template}_building`;
        await admin.query(`DROP DATABASE IF EXISTS ${building}`);
        await admin.query(`CREATE DATABASE ${building} TEMPLATE ${inject('pgTemplateDatabase')}`);
        await seedDemoData({
          url: databaseUrl(adminUrl, building),
          scale: parseScale(String(stockRows)),
          seed: SEED,
        });
        await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
      }
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
    }
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    // Database-level privileges are not copied from a template: apply migration 0004's again.
    await admin.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${name} FROM PUBLIC`);
  } finally {
    await admin.end();
  }
  return name;
}

/** A seeded world (default: the 'small' scale, 4,000 stock rows over both tenants). */
export async function createSyncWorld(options: { stockRows?: number } = {}): Promise<SyncWorld> {
  const adminUrl = inject('pgAdminUrl');
  const name = await seededDatabase(adminUrl, options.stockRows ?? parseScale('small').stockRows);
  const url = databaseUrl(adminUrl, name);
  const root = mkdtempSync(join(tmpdir(), 'amms-sync-'));
  const admin = await connectAdmin(url);
  const stations: Station[] = [];
  const roles: string[] = [];
  // The sync-pooled project: stations log in to PgBouncer and wake up through a wake relay.
  const pooler = inject('pgPooler');
  let relay: WakeRelay | null = null;
  if (pooler) {
    await grantPoolerConnect(admin, name);
    const relayUrl = new URL(url);
    relayUrl.username = pooler.serverUser;
    relayUrl.password = pooler.serverPassword;
    relay = await startWakeRelay({ databaseUrl: relayUrl.toString() });
  }

  return {
    url,
    admin,
    adminClient: () => connectAdmin(url),
    async enroll({ tenantSlug = 'acme', siteCode = 'ACME-NBO', name: stationName } = {}) {
      stationCount++;
      const dir = join(root, `station-${stationCount}`);
      const { file } = await enrollStation({
        adminUrl: url,
        tenantSlug,
        siteCode,
        dir,
        name: stationName ?? `Test station ${stationCount}`,
      });
      roles.push(file.database.user);
      if (pooler && relay) {
        writeStationFile(dir, {
          ...file,
          pool: { host: pooler.host, port: pooler.port, database: name, relay: relay.url },
        });
      }
      const station = openStation(dir, readStationFile(dir));
      stations.push(station);
      return station;
    },
    async close() {
      for (const station of stations) station.close();
      await relay?.close();
      await admin.end().catch(() => undefined);
      await connectAdmin(adminUrl).then(async (client) => {
        try {
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          for (const role of roles)
            await client.query(`DROP ROLE IF EXISTS ${client.escapeIdentifier(role)}`);
        } finally {
          await client.end();
        }
      });
      rmSync(root, { recursive: true, force: true });
    },
  };
}

async function connectAdmin(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, options: '-c DateStyle=ISO -c TimeZone=UTC' });
  await client.connect();
  return client;
}

function openStation(dir: string, initialFile: StationFile): Station {
  let file = initialFile;
  let cache = StationCache.open(dir);
  let engine = new SyncEngine(cache, file, PER_OPERATION);
  let closed = false;
  const scope = (): StationScope => ({
    stationId: file.stationId,
    tenantId: file.tenantId,
    siteId: file.siteId,
  });
  const station: Station = {
    dir,
    get file() {
      return file;
    },
    get scope() {
      return scope();
    },
    get cache() {
      return cache;
    },
    get engine() {
      return engine;
    },
    syncOnce: () => engine.syncOnce(),
    submit(type, payload, options = {}) {
      return submitOperation(
        STATION_OPERATIONS,
        cache,
        scope(),
        {
          type,
          payload,
          userId: options.userId ?? station.storekeeper(),
          ...(options.opId === undefined ? {} : { opId: options.opId }),
        },
        options.now,
      );
    },
    restart(nextFile) {
      if (!closed) cache.close();
      if (nextFile) file = nextFile;
      cache = StationCache.open(dir);
      engine = new SyncEngine(cache, file, PER_OPERATION);
      closed = false;
    },
    async crashDuring(mode, n, batchSize) {
      cache.close();
      closed = true;
      const args = ['--import', 'tsx', CRASH_CHILD, mode, dir, String(n), String(batchSize ?? '')];
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const signal = await new Promise<string | null>((resolveExit) => {
        child.on('exit', (_code, sig) => {
          resolveExit(sig);
        });
      });
      station.restart();
      if (signal !== 'SIGKILL') throw new Error(`The crash child was not killed (${mode} ${n}): ${output}`);
      return signal;
    },
    async connect() {
      const client = new pg.Client({
        connectionString: stationConnectionString(file),
        options: '-c DateStyle=ISO -c TimeZone=UTC',
      });
      await client.connect();
      return client;
    },
    async link() {
      return (await connectStation(file)).client;
    },
    storekeeper() {
      const id = cache.reader
        .prepare(
          `SELECT id FROM users WHERE role = 'storekeeper' AND site_id = ? AND is_active = 1 ORDER BY id LIMIT 1`,
        )
        .pluck()
        .get(file.siteId) as string | undefined;
      if (!id) throw new Error('No storekeeper at the station site (is the cache synced?)');
      return id;
    },
    technicians() {
      return cache.reader
        .prepare(
          `SELECT id FROM users WHERE role = 'technician' AND site_id = ? AND is_active = 1 ORDER BY id`,
        )
        .pluck()
        .all(file.siteId) as string[];
    },
    warehouses() {
      return cache.reader
        .prepare(`SELECT id, code FROM locations WHERE type = 'warehouse' AND site_id = ? ORDER BY code`)
        .all(file.siteId) as { id: string; code: string }[];
    },
    stock(minQty = 1) {
      return cache.reader
        .prepare(
          `SELECT s.id, s.part_id, s.location_id, s.bin_location, s.qty_on_hand
             FROM inventory_stock s JOIN parts p ON p.id = s.part_id
            WHERE p.unit = 'piece' AND s.qty_on_hand >= ?
            ORDER BY s.qty_on_hand DESC, s.id`,
        )
        .all(minQty) as StockRow[];
    },
    shownStock(row) {
      const mirror =
        (cache.reader
          .prepare(
            'SELECT qty_on_hand FROM inventory_stock WHERE part_id = ? AND location_id = ? AND bin_location = ?',
          )
          .pluck()
          .get(row.part_id, row.location_id, row.bin_location) as number | undefined) ?? 0;
      return (
        mirror + pendingDelta(cache.reader, 'stock', stockKey(row.part_id, row.location_id, row.bin_location))
      );
    },
    close() {
      if (closed) return;
      closed = true;
      cache.close();
    },
  };
  return station;
}

// Comparing a station with the server ------------------------------------------------------------

type Normalised = string | number | null | NormalisedJson;
type NormalisedJson = { json: string };

/** Sorted-key JSON, so two JSON texts compare by meaning. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** 2026-11-25T10:57:41.12Z -> 2026-11-25T10:57:41.120000Z (cache side). */
function normaliseTimestamp(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z$/.exec(text);
  if (!match) return `unparseable timestamp ${text}`;
  return `${match[1] ?? ''}.${(match[2] ?? '').padEnd(6, '0')}Z`;
}

type Kind = 'bool' | 'number' | 'json' | 'timestamp' | 'date' | 'text';

function kindOf(pgType: string): Kind {
  if (pgType === 'boolean') return 'bool';
  if (pgType === 'integer' || pgType === 'bigint' || pgType === 'xid8' || pgType.startsWith('numeric')) {
    return 'number';
  }
  if (pgType === 'jsonb' || pgType === 'json') return 'json';
  if (pgType.startsWith('timestamp')) return 'timestamp';
  if (pgType === 'date') return 'date';
  return 'text';
}

/** The server side: every value as text, formatted by PostgreSQL itself. */
function serverExpression(name: string, kind: Kind): string {
  const col = `"${name}"`;
  switch (kind) {
    case 'timestamp':
      return `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
    case 'date':
      return `to_char(${col}, 'YYYY-MM-DD')`;
    default:
      return `${col}::text`;
  }
}

function fromServer(kind: Kind, value: string | null): Normalised {
  if (value === null) return null;
  switch (kind) {
    case 'bool':
      return value === 'true' ? 1 : 0;
    case 'number':
      return Number(value);
    case 'json':
      return { json: canonicalJson(JSON.parse(value)) };
    default:
      return value;
  }
}

function fromCache(kind: Kind, value: unknown): Normalised {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'bool':
    case 'number':
      return typeof value === 'number' ? value : `not a number (${typeof value})`;
    case 'json':
      return typeof value === 'string' ? { json: canonicalJson(JSON.parse(value)) } : `not JSON text`;
    case 'timestamp':
      return typeof value === 'string' ? normaliseTimestamp(value) : `not text`;
    default:
      return typeof value === 'string' ? value : `not text (${typeof value})`;
  }
}

export interface TableDiff {
  server: number;
  cache: number;
  missing: string[];
  extra: string[];
  changed: { id: string; column: string; server: Normalised; cache: Normalised }[];
}

function normaliseRows(
  spec: MirrorSpec,
  rows: Record<string, unknown>[],
  side: 'server' | 'cache',
): Map<string, Normalised[]> {
  const kinds = spec.columns.map((c) => kindOf(c.pgType));
  const out = new Map<string, Normalised[]>();
  for (const row of rows) {
    const values = spec.columns.map((c, i) => {
      const kind = kinds[i] ?? 'text';
      const raw = row[c.name];
      return side === 'server' ? fromServer(kind, raw as string | null) : fromCache(kind, raw);
    });
    out.set(String(row.id), values);
  }
  return out;
}

/** Differences between every mirror table of the station's cache and the server's rows for its scope. */
export async function stationDiff(station: Station): Promise<Partial<Record<MirrorTableName, TableDiff>>> {
  const client = await station.connect();
  const diffs: Partial<Record<MirrorTableName, TableDiff>> = {};
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    for (const spec of MIRROR_SPECS) {
      const columns = spec.columns
        .map((c) => `${serverExpression(c.name, kindOf(c.pgType))} AS "${c.name}"`)
        .join(', ');
      const rule = SITE_SCOPED[spec.table];
      const where = rule ? ` WHERE ${rule.where(station.file.siteId)}` : '';
      const server = normaliseRows(
        spec,
        (await client.query<Record<string, unknown>>(`SELECT ${columns} FROM "${spec.table}"${where}`)).rows,
        'server',
      );
      const cache = normaliseRows(
        spec,
        station.cache.reader.prepare(`SELECT * FROM "${spec.table}"`).all() as Record<string, unknown>[],
        'cache',
      );
      const diff: TableDiff = { server: server.size, cache: cache.size, missing: [], extra: [], changed: [] };
      for (const [id, values] of server) {
        const mine = cache.get(id);
        if (!mine) {
          diff.missing.push(id);
          continue;
        }
        spec.columns.forEach((c, i) => {
          const a = values[i] ?? null;
          const b = mine[i] ?? null;
          if (JSON.stringify(a) !== JSON.stringify(b))
            diff.changed.push({ id, column: c.name, server: a, cache: b });
        });
      }
      for (const id of cache.keys()) if (!server.has(id)) diff.extra.push(id);
      if (diff.missing.length + diff.extra.length + diff.changed.length > 0) {
        diff.missing = diff.missing.slice(0, 5);
        diff.extra = diff.extra.slice(0, 5);
        diff.changed = diff.changed.slice(0, 5);
        diffs[spec.table] = diff;
      }
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  return diffs;
}

/** Every mirror table of the station equals the server's rows for its scope (and none is empty by accident). */
export async function expectStationMatchesServer(station: Station): Promise<void> {
  expect(await stationDiff(station)).toEqual({});
  const counts = station.cache.mirrorCounts();
  for (const table of ['tenants', 'users', 'locations', 'parts', 'inventory_stock'] as const) {
    expect(counts[table], `${table} rows in the cache`).toBeGreaterThan(0);
  }
}

// Exactly once -------------------------------------------------------------------------------------

/** Server quantities and the ledger at a moment, to check later operations against. */
export interface Baseline {
  stock: Map<string, number>;
  wallets: Map<string, number>;
  meters: Map<string, number>;
  ledger: Set<string>;
}

function keyOfStock(partId: string, locationId: string, bin: string): string {
  return `${partId}|${locationId}|${bin.trim().toUpperCase()}`;
}

async function readQuantities(admin: pg.Client, tenantId: string): Promise<Omit<Baseline, 'ledger'>> {
  const stock = await admin.query<{ part_id: string; location_id: string; bin_location: string; q: string }>(
    'SELECT part_id, location_id, bin_location, qty_on_hand::text AS q FROM inventory_stock WHERE tenant_id = $1',
    [tenantId],
  );
  const wallets = await admin.query<{ user_id: string; part_id: string; q: string }>(
    'SELECT user_id, part_id, qty_held::text AS q FROM inventory_wallets WHERE tenant_id = $1',
    [tenantId],
  );
  const meters = await admin.query<{ asset_id: string; q: string }>(
    'SELECT asset_id, current_run_hours::text AS q FROM asset_meters WHERE tenant_id = $1',
    [tenantId],
  );
  return {
    stock: new Map(
      stock.rows.map((r) => [keyOfStock(r.part_id, r.location_id, r.bin_location), Number(r.q)]),
    ),
    wallets: new Map(wallets.rows.map((r) => [`${r.user_id}|${r.part_id}`, Number(r.q)])),
    meters: new Map(meters.rows.map((r) => [r.asset_id, Number(r.q)])),
  };
}

/** Captures the tenant's quantities and ledger now (before the operations under test). */
export async function captureBaseline(world: SyncWorld, tenantId: string): Promise<Baseline> {
  const quantities = await readQuantities(world.admin, tenantId);
  const ledger = await world.admin.query<{ op_id: string }>(
    'SELECT op_id::text FROM op_ledger WHERE tenant_id = $1',
    [tenantId],
  );
  return { ...quantities, ledger: new Set(ledger.rows.map((r) => r.op_id)) };
}

interface LedgerRow {
  op_id: string;
  station_id: string;
  station_seq: string;
  op_type: string;
  outcome: 'applied' | 'rejected';
  reason_code: string | null;
  reason: string | null;
  payload: Record<string, unknown>;
  result: Record<string, unknown> | null;
}

interface OutboxRow {
  seq: number;
  op_id: string;
  type: string;
  status: string;
  reason_code: string | null;
  reason: string | null;
  settled: number;
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/**
 * Proves every operation the stations queued was applied exactly once: each op_id has exactly one
 * ledger row (with the station's seq), each outbox row holds the ledger's outcome and reason, no
 * optimistic effect is left over, applied ops are settled, the stations pushed nothing else
 * (except `alsoPushed` op_ids sent by hand), and the tenant's stock, wallets and meters equal
 * the baseline plus the effects of the applied operations since the baseline (from any station).
 * Returns the number of operations applied and rejected since the baseline.
 */
export async function expectOperationsAppliedOnce(
  world: SyncWorld,
  stations: Station[],
  baseline: Baseline,
  options: { alsoPushed?: string[] } = {},
): Promise<{ applied: number; rejected: number }> {
  const tenantId = stations[0]?.file.tenantId;
  if (!tenantId) throw new Error('expectOperationsAppliedOnce needs at least one station');
  const ledger = (
    await world.admin.query<LedgerRow>(
      `SELECT op_id::text, station_id::text, station_seq::text, op_type, outcome, reason_code, reason, payload,
              result
         FROM op_ledger WHERE tenant_id = $1 ORDER BY station_id, station_seq`,
      [tenantId],
    )
  ).rows;
  const byOp = new Map<string, LedgerRow[]>();
  for (const row of ledger) byOp.set(row.op_id, [...(byOp.get(row.op_id) ?? []), row]);

  for (const station of stations) {
    const outbox = station.cache.reader
      .prepare('SELECT seq, op_id, type, status, reason_code, reason, settled FROM outbox ORDER BY seq')
      .all() as OutboxRow[];
    const mine = new Set(outbox.map((o) => o.op_id));
    for (const op of outbox) {
      const rows = byOp.get(op.op_id) ?? [];
      expect(rows, `ledger rows of op ${op.op_id} (#${op.seq} ${op.type})`).toHaveLength(1);
      const row = rows[0];
      if (!row) continue;
      expect({
        station: row.station_id,
        seq: Number(row.station_seq),
        type: row.op_type,
        status: row.outcome,
        code: row.reason_code,
        reason: row.reason,
      }).toEqual({
        station: station.file.stationId,
        seq: op.seq,
        type: op.type,
        status: op.status,
        code: op.reason_code,
        reason: op.reason,
      });
      if (op.status === 'applied') expect(op.settled, `op #${op.seq} settled`).toBe(1);
    }
    const foreign = ledger
      .filter((r) => r.station_id === station.file.stationId && !mine.has(r.op_id))
      .map((r) => r.op_id)
      .filter((id) => !(options.alsoPushed ?? []).includes(id));
    expect(foreign, 'ledger rows of this station that are not in its outbox').toEqual([]);
    expect(
      station.cache.reader.prepare('SELECT op_id, entity, key, delta FROM pending_effects').all(),
      'optimistic effects left after the sync',
    ).toEqual([]);
  }

  // Quantities: baseline + applied operations since the baseline.
  const expected = {
    stock: new Map<string, number>(),
    wallets: new Map<string, number>(),
    meters: new Map<string, number>(),
  };
  const add = (kind: keyof typeof expected, key: string, delta: number): void => {
    const start = expected[kind].get(key) ?? baseline[kind].get(key) ?? 0;
    expected[kind].set(key, round3(start + delta));
  };
  let applied = 0;
  let rejected = 0;
  /** Stock movement rows each operation since the baseline must have left (0 when rejected). */
  const movementRows = new Map<string, number>();
  for (const row of ledger) {
    if (baseline.ledger.has(row.op_id)) continue;
    if (row.outcome === 'rejected') {
      rejected++;
      movementRows.set(row.op_id, 0);
      continue;
    }
    applied++;
    const p = row.payload;
    movementRows.set(row.op_id, movementsOf(row));
    applyCounterOperation(row, add);
    if (row.op_type === 'stock.receive') {
      for (const line of p.lines as {
        part_id: string;
        location_id: string;
        bin_location: string;
        qty: number;
      }[]) {
        add('stock', keyOfStock(line.part_id, line.location_id, line.bin_location), line.qty);
      }
    } else if (row.op_type === 'wallet.issue') {
      const qty = p.qty as number;
      add('stock', keyOfStock(p.part_id as string, p.location_id as string, p.bin_location as string), -qty);
      add('wallets', `${p.technician_id as string}|${p.part_id as string}`, qty);
    } else if (row.op_type === 'daily_log.record') {
      // The hours move the meter unless a machine reading already counts that day (meter_moved 0,
      // migration 0014).
      add('meters', p.asset_id as string, (row.result?.meter_moved as number | undefined) ?? 0);
    }
  }
  const now = await readQuantities(world.admin, tenantId);
  for (const kind of ['stock', 'wallets', 'meters'] as const) {
    const actual = Object.fromEntries([...expected[kind].keys()].map((k) => [k, now[kind].get(k) ?? null]));
    expect(actual, `${kind} after the applied operations`).toEqual(Object.fromEntries(expected[kind]));
  }
  const { rows: movements } = await world.admin.query<{ op_id: string; n: number }>(
    `SELECT op_id::text, count(*)::int AS n FROM stock_movements
      WHERE tenant_id = $1 AND op_id = ANY ($2::uuid[]) GROUP BY op_id`,
    [tenantId, [...movementRows.keys()]],
  );
  const written = new Map(movements.map((m) => [m.op_id, m.n]));
  expect(
    Object.fromEntries([...movementRows.keys()].map((id) => [id, written.get(id) ?? 0])),
    'stock movement rows per operation',
  ).toEqual(Object.fromEntries(movementRows));
  return { applied, rejected };
}

/** How many stock_movements rows an applied operation writes. */
function movementsOf(row: LedgerRow): number {
  if (row.op_type === 'stock.receive') return (row.payload.lines as unknown[]).length;
  return ['wallet.issue', 'wallet.return', 'wo.consume', 'stock.count'].includes(row.op_type) ? 1 : 0;
}

/**
 * The quantities changed by an applied counter operation (wallet.return, wo.consume,
 * stock.count). A count sets the bin to the counted quantity when the server applies it, so its
 * change is read from the server's result (qty_delta), as is the bin of a defective return.
 */
function applyCounterOperation(
  row: LedgerRow,
  add: (kind: 'stock' | 'wallets', key: string, delta: number) => void,
): void {
  const p = row.payload as Record<string, string | number | boolean | undefined>;
  const r = row.result ?? {};
  const part = String(p.part_id);
  if (row.op_type === 'wallet.return') {
    const qty = Number(p.qty);
    add('stock', keyOfStock(part, String(p.location_id), String(r.bin_location)), qty);
    add('wallets', `${String(p.technician_id)}|${part}`, -qty);
  } else if (row.op_type === 'wo.consume') {
    const qty = Number(p.qty);
    if (p.source === 'wallet') add('wallets', `${String(p.technician_id)}|${part}`, -qty);
    else add('stock', keyOfStock(part, String(p.location_id), String(p.bin_location)), -qty);
  } else if (row.op_type === 'stock.count') {
    const delta = Number(r.qty_delta);
    // A count of 0 in a bin without a stock row creates no row.
    if (delta !== 0 || r.stock_id !== null) {
      add('stock', keyOfStock(part, String(p.location_id), String(p.bin_location)), delta);
    }
  }
}

// Small helpers for tests ---------------------------------------------------------------------------

/** The outbox of a station, oldest first. */
export function outbox(station: Station): (OutboxRow & { summary: string })[] {
  return station.cache.reader
    .prepare(
      'SELECT seq, op_id, type, status, reason_code, reason, settled, summary FROM outbox ORDER BY seq',
    )
    .all() as (OutboxRow & { summary: string })[];
}

/**
 * The end state every hard case must reach: each station equal to the server for its scope, and
 * every operation applied exactly once (see expectOperationsAppliedOnce). Returns the counts.
 */
export async function expectConverged(
  world: SyncWorld,
  stations: Station[],
  baseline: Baseline,
): Promise<{ applied: number; rejected: number }> {
  for (const station of stations) await expectStationMatchesServer(station);
  return expectOperationsAppliedOnce(world, stations, baseline);
}

/** Waits until `count` sessions of the given role wait for a lock (to line up concurrent work). */
export async function waitForLockWaiters(admin: pg.Client, role: string, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1 AND wait_event_type = 'Lock'`,
      [role],
    );
    if ((rows[0]?.n ?? 0) >= count) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${count} lock waiter(s) of ${role}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Where a station's link goes: its pooler when it has one, PostgreSQL otherwise. */
export function linkAddress(file: StationFile): { host: string; port: number } {
  return file.pool ? { host: file.pool.host, port: file.pool.port } : file.database;
}

/** The station file with its link sent through a TCP proxy on 127.0.0.1:port. */
export function throughProxy(file: StationFile, port: number): StationFile {
  return file.pool
    ? { ...file, pool: { ...file.pool, host: '127.0.0.1', port } }
    : { ...file, database: { ...file.database, host: '127.0.0.1', port } };
}

/** The PostgreSQL role a station's transactions run as: its own, or the pool's behind a pooler. */
export function sessionRole(file: StationFile): string {
  const pooler = inject('pgPooler');
  return file.pool && pooler ? pooler.serverUser : file.database.user;
}
