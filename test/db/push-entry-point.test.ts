// The one write entry point, amms_push(protocol, op), against the real PostgreSQL, called as an
// enrolled station's own login role exactly as the station's push does. Covers the three first
// operation types and their rows, exactly-once (repeats, concurrent pushes, op ids of other
// stations), who may push (stations only, enrolled and not revoked; the acting user's tenant,
// activity and role), site and tenant scope, the business rules (stock never negative, quantities,
// daily logs), the audit trail of applied and rejected operations, the remaining write
// restrictions, the ledger's tenant isolation, and parity of the server's op_types with the
// station's registry and the contract.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollStation, revokeStation } from '../../db/admin/enroll-station.ts';
import { readStationFile, stationConnectionString } from '../../db/admin/station-file.ts';
import { OPERATIONS } from '../../src-preload/contract/operations.ts';
import {
  insertAsset,
  insertPart,
  insertSiteTree,
  insertStock,
  insertUser,
  insertWallet,
  insertWorkOrder,
  pgErrorOf,
  type SiteTree,
  type UserRole,
} from '../helpers/base-fixture.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { buildTwoTenants, dropTestRole, type TwoTenants } from '../helpers/two-tenants.ts';

type Json = Record<string, unknown>;

interface PushResult {
  op_id?: string;
  outcome: 'applied' | 'rejected' | 'incompatible';
  code?: string | null;
  reason?: string | null;
  result?: Json | null;
  duplicate?: boolean;
}

interface Envelope {
  op_id: string;
  type: string;
  user_id?: string;
  seq: number;
  payload: unknown;
}

/** The roles each operation type allows: the specification the registry and the server follow. */
const ALLOWED_ROLES: Record<string, readonly UserRole[]> = {
  'stock.receive': ['storekeeper', 'manager', 'admin'],
  'wallet.issue': ['storekeeper', 'manager', 'admin'],
  'wallet.return': ['storekeeper', 'manager', 'admin'],
  'wo.consume': ['technician', 'storekeeper', 'supervisor', 'manager', 'admin'],
  'stock.count': ['storekeeper', 'manager', 'admin'],
  'daily_log.record': ['supervisor', 'manager', 'admin'],
};
const ALL_ROLES: readonly UserRole[] = [
  'admin',
  'manager',
  'supervisor',
  'storekeeper',
  'logistics_clerk',
  'technician',
  'operator',
];
/** Tables an operation may change; a rejected operation must leave every one of them as it was. */
const BUSINESS_TABLES = [
  'inventory_stock',
  'inventory_wallets',
  'daily_logs',
  'asset_meters',
  'wo_consumables',
  'stock_movements',
  'audit_logs',
  'sync_tombstones',
] as const;

let db: TestDatabase;
let fx: TwoTenants;
let su: pg.Client;
/** Two sessions of station A's role, one of station B's. */
let stationA: pg.Client;
let stationA2: pg.Client;
let stationB: pg.Client;
/** Roles created by this file (dropped at the end; roles are cluster-wide) and their sessions. */
const extraRoles: string[] = [];
const extraClients: pg.Client[] = [];

/** Tenant A's users by role (one each), plus an inactive storekeeper. */
const usersA = {} as Record<UserRole, string>;
const fullNames = new Map<string, string>();
let inactiveStorekeeper: string;
/** A second site of tenant A, with its own warehouse. */
let otherSiteA: SiteTree;
let today: string;

let seq = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await buildTwoTenants(db.url);
  su = new pg.Client({ connectionString: db.url });
  await su.connect();
  const a = fx.a.tenantId;
  usersA.supervisor = fx.a.supervisorId;
  usersA.technician = fx.a.technicianId;
  for (const role of ['admin', 'manager', 'storekeeper', 'logistics_clerk', 'operator'] as const)
    usersA[role] = await insertUser(su, a, role, { site_id: fx.a.siteId });
  inactiveStorekeeper = await insertUser(su, a, 'storekeeper', { is_active: false });
  const { rows } = await su.query<{ id: string; full_name: string }>(
    'SELECT id::text, full_name FROM users WHERE tenant_id = $1',
    [a],
  );
  for (const row of rows) fullNames.set(row.id, row.full_name);
  otherSiteA = await insertSiteTree(su, a);
  today = (await su.query<{ d: string }>('SELECT current_date::text AS d')).rows[0]?.d ?? '';
  stationA = await connect(fx.a.station.url);
  stationA2 = await connect(fx.a.station.url);
  stationB = await connect(fx.b.station.url);
});

afterAll(async () => {
  for (const client of [stationA, stationA2, stationB, ...extraClients])
    await client.end().catch(() => undefined);
  await su.end();
  for (const role of extraRoles) await dropTestRole(db.url, role);
  await fx.cleanup();
  await db.drop();
});

// Helpers ------------------------------------------------------------------------------------------

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

function op(
  type: string,
  userId: string | undefined,
  payload: unknown,
  opId: string = randomUUID(),
): Envelope {
  seq += 1;
  return { op_id: opId, type, ...(userId === undefined ? {} : { user_id: userId }), seq, payload };
}

async function push(
  client: pg.ClientBase,
  envelope: unknown,
  protocol: number | null = 1,
): Promise<PushResult> {
  const { rows } = await client.query<{ r: PushResult }>('SELECT amms_push($1, $2::jsonb) AS r', [
    protocol,
    JSON.stringify(envelope),
  ]);
  const result = rows[0]?.r;
  if (!result) throw new Error('amms_push returned no row');
  return result;
}

/** A fingerprint of every business table (all tenants), as the superuser sees them. */
async function businessState(): Promise<Record<string, string>> {
  const state: Record<string, string> = {};
  for (const table of BUSINESS_TABLES) {
    const { rows } = await su.query<{ h: string }>(
      `SELECT count(*) || ':' || md5(coalesce(string_agg(to_jsonb(x)::text, '|' ORDER BY x.id), '')) AS h
         FROM ${pg.escapeIdentifier(table)} x`,
    );
    state[table] = rows[0]?.h ?? '';
  }
  return state;
}

interface LedgerRow {
  tenant_id: string;
  station_id: string;
  station_seq: number;
  op_type: string;
  user_id: string | null;
  outcome: string;
  reason_code: string | null;
  reason: string | null;
  result: Json | null;
}

async function ledgerRows(opId: string): Promise<LedgerRow[]> {
  const { rows } = await su.query<LedgerRow>(
    `SELECT tenant_id::text, station_id::text, station_seq::int, op_type, user_id::text, outcome::text,
            reason_code, reason, result
       FROM op_ledger WHERE op_id = $1`,
    [opId],
  );
  return rows;
}

interface AuditRow {
  entity_type: string;
  action: string;
  entity_id: string | null;
  user_id: string | null;
  station_id: string | null;
  db_role: string;
  changes: Json;
}

/** The audit rows written by the transaction that recorded the operation in the ledger. */
async function auditRowsOf(opId: string): Promise<AuditRow[]> {
  const { rows } = await su.query<AuditRow>(
    `SELECT a.entity_type, a.action::text, a.entity_id::text, a.user_id::text, a.station_id::text, a.db_role,
            a.changes
       FROM audit_logs a JOIN op_ledger l ON a.txid = l.txid
      WHERE l.op_id = $1 ORDER BY a.id`,
    [opId],
  );
  return rows;
}

/**
 * Pushes an operation that must be rejected: checks the outcome, the code and the message, the
 * ledger row (rejected, with code and reason, no result), and that nothing else changed anywhere
 * (no business row, no audit row, no tombstone).
 */
async function expectRejected(
  envelope: Envelope,
  code: string,
  reason: string | RegExp,
  client: pg.Client = stationA,
): Promise<PushResult> {
  const before = await businessState();
  const result = await push(client, envelope);
  expect(result, JSON.stringify(result)).toMatchObject({
    op_id: envelope.op_id,
    outcome: 'rejected',
    code,
    result: null,
    duplicate: false,
  });
  if (typeof reason === 'string') expect(result.reason).toBe(reason);
  else expect(result.reason).toMatch(reason);
  expect(await businessState()).toEqual(before);
  const ledger = await ledgerRows(envelope.op_id);
  expect(ledger).toHaveLength(1);
  expect(ledger[0]).toMatchObject({
    outcome: 'rejected',
    reason_code: code,
    reason: result.reason,
    result: null,
    op_type: envelope.type,
    station_seq: envelope.seq,
  });
  expect(await auditRowsOf(envelope.op_id)).toEqual([]);
  return result;
}

/** Pushes an operation that must be applied; checks the ledger and the audit rows' actor. */
async function expectApplied(envelope: Envelope, client: pg.Client = stationA): Promise<Json> {
  const result = await push(client, envelope);
  expect(result, JSON.stringify(result)).toMatchObject({
    op_id: envelope.op_id,
    outcome: 'applied',
    duplicate: false,
  });
  const ledger = await ledgerRows(envelope.op_id);
  expect(ledger).toHaveLength(1);
  expect(ledger[0]).toMatchObject({
    outcome: 'applied',
    reason_code: null,
    reason: null,
    result: result.result,
    op_type: envelope.type,
    user_id: envelope.user_id,
    station_seq: envelope.seq,
  });
  return result.result ?? {};
}

async function stockQty(partId: string, locationId: string, bin: string): Promise<number | null> {
  const { rows } = await su.query<{ q: number }>(
    `SELECT qty_on_hand::float8 AS q FROM inventory_stock WHERE part_id = $1 AND location_id = $2 AND bin_location = $3`,
    [partId, locationId, bin],
  );
  return rows[0]?.q ?? null;
}

async function walletQty(userId: string, partId: string): Promise<number | null> {
  const { rows } = await su.query<{ q: number }>(
    'SELECT qty_held::float8 AS q FROM inventory_wallets WHERE user_id = $1 AND part_id = $2',
    [userId, partId],
  );
  return rows[0]?.q ?? null;
}

async function meterHours(assetId: string): Promise<number | null> {
  const { rows } = await su.query<{ h: number }>(
    'SELECT current_run_hours::float8 AS h FROM asset_meters WHERE asset_id = $1',
    [assetId],
  );
  return rows[0]?.h ?? null;
}

async function codeOf(locationId: string): Promise<string> {
  const { rows } = await su.query<{ code: string }>('SELECT code FROM locations WHERE id = $1', [locationId]);
  return rows[0]?.code ?? '';
}

/** A new part of tenant A (unique SKU), with stock in tenant A's warehouse when asked. */
async function newPartA(
  unit: 'piece' | 'litre' | 'metre' | 'kilogram',
  stock?: { bin: string; qty: number },
) {
  const sku = `P${randomBytes(4).toString('hex').toUpperCase()}`;
  const partId = await insertPart(su, fx.a.tenantId, { sku, unit });
  if (stock) {
    await insertStock(su, fx.a.tenantId, partId, fx.a.warehouseId, {
      bin_location: stock.bin,
      qty_on_hand: stock.qty,
    });
  }
  return { partId, sku };
}

function receive(userId: string, lines: Json[], extra: Json = {}): Envelope {
  return op('stock.receive', userId, { lines, ...extra });
}

function issue(userId: string, fields: Json): Envelope {
  return op('wallet.issue', userId, {
    location_id: fx.a.warehouseId,
    technician_id: fx.a.technicianId,
    ...fields,
  });
}

function dailyLog(userId: string, fields: Json): Envelope {
  return op('daily_log.record', userId, {
    asset_id: fx.a.unitAssetId,
    run_hours_added: 8,
    fuel_liters_added: 40,
    ...fields,
  });
}

/** Waits until the backend with this pid waits for a lock (i.e. a concurrent push is blocked). */
async function waitUntilBlocked(pid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await su.query<{ w: string | null }>(
      'SELECT wait_event_type AS w FROM pg_stat_activity WHERE pid = $1',
      [pid],
    );
    if (rows[0]?.w === 'Lock') return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`backend ${pid} never waited for a lock`);
}

async function backendPid(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return rows[0]?.pid ?? 0;
}

/** Enrols one more station of tenant A and returns its id, role and URL. */
async function enrolExtraStationA(label: string): Promise<{ id: string; roleName: string; url: string }> {
  const dir = mkdtempSync(join(tmpdir(), `amms-push-${label}-`));
  try {
    await enrollStation({
      adminUrl: db.url,
      tenantSlug: fx.a.slug,
      siteCode: fx.a.siteCode,
      dir,
      name: `Station ${label}`,
    });
    const file = readStationFile(dir);
    extraRoles.push(file.database.user);
    return { id: file.stationId, roleName: file.database.user, url: stationConnectionString(file) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Applying the three operation types ---------------------------------------------------------------

describe('stock.receive', () => {
  it('adds to an existing bin, creates a new bin row (normalising the label) and returns each line', async () => {
    const { partId, sku } = await newPartA('piece', { bin: 'A-01-01', qty: 3 });
    const keeper = usersA.storekeeper;
    const stockId = randomUUID();
    const envelope = receive(
      keeper,
      [
        { part_id: partId, location_id: fx.a.warehouseId, bin_location: 'A-01-01', qty: 7 },
        { part_id: partId, location_id: fx.a.warehouseId, bin_location: ' b-02 ', qty: 2, stock_id: stockId },
      ],
      { supplier_ref: 'PO-1234', note: 'Pallet 1 of 2' },
    );
    const result = await expectApplied(envelope);
    expect(await stockQty(partId, fx.a.warehouseId, 'A-01-01')).toBe(10);
    expect(await stockQty(partId, fx.a.warehouseId, 'B-02')).toBe(2);
    const { rows } = await su.query<{ id: string; tenant_id: string }>(
      `SELECT id::text, tenant_id::text FROM inventory_stock WHERE part_id = $1 AND bin_location = 'B-02'`,
      [partId],
    );
    expect(rows).toEqual([{ id: stockId, tenant_id: fx.a.tenantId }]);
    expect(result).toEqual({
      lines: [
        {
          stock_id: expect.any(String) as unknown,
          part_id: partId,
          sku,
          bin_location: 'A-01-01',
          qty: 7,
          qty_on_hand: 10,
        },
        { stock_id: stockId, part_id: partId, sku, bin_location: 'B-02', qty: 2, qty_on_hand: 2 },
      ],
    });
  });

  it('takes decimals for parts counted in litres', async () => {
    const { partId } = await newPartA('litre', { bin: 'T-01', qty: 1.5 });
    await expectApplied(
      receive(usersA.manager, [
        { part_id: partId, location_id: fx.a.warehouseId, bin_location: 'T-01', qty: 0.125 },
      ]),
    );
    expect(await stockQty(partId, fx.a.warehouseId, 'T-01')).toBe(1.625);
  });

  it.each([
    [{ lines: [] }, 'empty_receipt', 'A receipt needs at least one line.'],
    [{}, 'empty_receipt', 'A receipt needs at least one line.'],
    [{ lines: 'x' }, 'empty_receipt', 'A receipt needs at least one line.'],
  ])('refuses a receipt without lines (%j)', async (payload, code, reason) => {
    await expectRejected(op('stock.receive', usersA.storekeeper, payload), code, reason);
  });

  it('refuses more than 200 lines', async () => {
    const line = { part_id: fx.a.partId, location_id: fx.a.warehouseId, bin_location: 'A-01', qty: 1 };
    await expectRejected(
      receive(
        usersA.storekeeper,
        Array.from({ length: 201 }, () => line),
      ),
      'too_many_lines',
      'A receipt can have at most 200 lines.',
    );
  });

  it('refuses a bad bin label, a missing part id and an id that is not a uuid', async () => {
    const w = fx.a.warehouseId;
    await expectRejected(
      receive(usersA.storekeeper, [{ part_id: fx.a.partId, location_id: w, bin_location: 'A 01', qty: 1 }]),
      'invalid_bin',
      '"A 01" is not a valid bin label.',
    );
    await expectRejected(
      receive(usersA.storekeeper, [{ location_id: w, bin_location: 'A-01', qty: 1 }]),
      'missing_field',
      'The part is missing.',
    );
    await expectRejected(
      receive(usersA.storekeeper, [{ part_id: 'oil', location_id: w, bin_location: 'A-01', qty: 1 }]),
      'invalid_field',
      'The part is not a valid id.',
    );
  });

  it('is all or nothing: a bad second line leaves the first one unapplied', async () => {
    const { partId } = await newPartA('piece', { bin: 'C-01', qty: 4 });
    await expectRejected(
      receive(usersA.storekeeper, [
        { part_id: partId, location_id: fx.a.warehouseId, bin_location: 'C-01', qty: 6 },
        { part_id: partId, location_id: fx.a.warehouseId, bin_location: 'C-01', qty: 0 },
      ]),
      'invalid_quantity',
      'The quantity received must be more than zero.',
    );
    expect(await stockQty(partId, fx.a.warehouseId, 'C-01')).toBe(4);
  });
});

describe('wallet.issue', () => {
  it("moves parts from the bin into the technician's wallet and returns both balances", async () => {
    const { partId } = await newPartA('piece', { bin: 'A-02-01', qty: 10 });
    const stockId = (
      await su.query<{ id: string }>('SELECT id::text FROM inventory_stock WHERE part_id = $1', [partId])
    ).rows[0]?.id;
    const first = await expectApplied(
      issue(usersA.storekeeper, { part_id: partId, bin_location: 'a-02-01', qty: 4 }),
    );
    expect(first).toEqual({
      stock_id: stockId,
      qty_on_hand: 6,
      technician_id: fx.a.technicianId,
      qty_held: 4,
    });
    const second = await expectApplied(
      issue(usersA.admin, { part_id: partId, bin_location: 'A-02-01', qty: 6 }),
    );
    expect(second).toEqual({
      stock_id: stockId,
      qty_on_hand: 0,
      technician_id: fx.a.technicianId,
      qty_held: 10,
    });
    expect(await stockQty(partId, fx.a.warehouseId, 'A-02-01')).toBe(0);
    expect(await walletQty(fx.a.technicianId, partId)).toBe(10);
  });

  it("adds to the technician's existing wallet row", async () => {
    // The fixture's technician holds 5 L of OIL-A; the warehouse bin A-01 holds 40 L.
    const before = await walletQty(fx.a.technicianId, fx.a.partId);
    const onHand = await stockQty(fx.a.partId, fx.a.warehouseId, 'A-01');
    await expectApplied(issue(usersA.storekeeper, { part_id: fx.a.partId, bin_location: 'A-01', qty: 2.5 }));
    expect(await walletQty(fx.a.technicianId, fx.a.partId)).toBe((before ?? 0) + 2.5);
    expect(await stockQty(fx.a.partId, fx.a.warehouseId, 'A-01')).toBe((onHand ?? 0) - 2.5);
  });

  it('issues only to an active technician', async () => {
    const { partId } = await newPartA('piece', { bin: 'A-03', qty: 10 });
    await expectRejected(
      issue(usersA.storekeeper, {
        part_id: partId,
        bin_location: 'A-03',
        qty: 1,
        technician_id: usersA.operator,
      }),
      'not_a_technician',
      `${fullNames.get(usersA.operator) ?? ''} is a operator; only technicians hold a wallet.`,
    );
    const retired = await insertUser(su, fx.a.tenantId, 'technician', { is_active: false });
    await expectRejected(
      issue(usersA.storekeeper, { part_id: partId, bin_location: 'A-03', qty: 1, technician_id: retired }),
      'unknown_technician',
      'That technician is not an active user.',
    );
    await expectRejected(
      issue(usersA.storekeeper, {
        part_id: partId,
        bin_location: 'A-03',
        qty: 1,
        technician_id: randomUUID(),
      }),
      'unknown_technician',
      'That technician is not an active user.',
    );
  });
});

describe('daily_log.record', () => {
  it("records the log for the acting supervisor and moves the asset's run-hour meter up", async () => {
    const before = await meterHours(fx.a.unitAssetId);
    expect(before).toBe(1250.5);
    const logId = randomUUID();
    const result = await expectApplied(
      dailyLog(usersA.supervisor, {
        log_id: logId,
        date: '2025-05-02',
        run_hours_added: 7.5,
        fuel_liters_added: 55.25,
        notes: '  Filter changed  ',
      }),
    );
    expect(result).toEqual({ log_id: logId, current_run_hours: 1258 });
    expect(await meterHours(fx.a.unitAssetId)).toBe(1258);
    const { rows } = await su.query<Json>(
      `SELECT tenant_id::text, date::text, supervisor_id::text, asset_id::text, run_hours_added::float8 AS h,
              fuel_liters_added::float8 AS f, notes FROM daily_logs WHERE id = $1`,
      [logId],
    );
    expect(rows).toEqual([
      {
        tenant_id: fx.a.tenantId,
        date: '2025-05-02',
        supervisor_id: usersA.supervisor,
        asset_id: fx.a.unitAssetId,
        h: 7.5,
        f: 55.25,
        notes: 'Filter changed',
      },
    ]);
  });

  it('creates the meter of an asset that has none', async () => {
    const assetId = await insertAsset(su, fx.a.tenantId, fx.a.buildingId);
    expect(await meterHours(assetId)).toBeNull();
    const result = await expectApplied(
      dailyLog(usersA.manager, { asset_id: assetId, date: '2025-05-03', run_hours_added: 24 }),
    );
    expect(result).toMatchObject({ current_run_hours: 24 });
    expect(await meterHours(assetId)).toBe(24);
  });

  it('accepts 0 hours (the meter stays) and a log for today', async () => {
    const assetId = await insertAsset(su, fx.a.tenantId, fx.a.buildingId);
    await expectApplied(
      dailyLog(usersA.supervisor, { asset_id: assetId, date: '2025-05-04', run_hours_added: 3 }),
    );
    await expectApplied(
      dailyLog(usersA.supervisor, {
        asset_id: assetId,
        date: today,
        run_hours_added: 0,
        fuel_liters_added: 0,
      }),
    );
    expect(await meterHours(assetId)).toBe(3);
  });

  it('keeps one log per asset and day', async () => {
    // The fixture already has a log of Generator A for 2025-03-01.
    await expectRejected(
      dailyLog(usersA.supervisor, { date: '2025-03-01' }),
      'duplicate_daily_log',
      'Generator A already has a daily log for 2025-03-01.',
    );
  });

  it.each<[string, Json, string, string]>([
    [
      'run_hours_added: 24.5',
      { run_hours_added: 24.5 },
      'invalid_hours',
      '24.5 hours in one day is not possible (0 to 24).',
    ],
    [
      'run_hours_added: -1',
      { run_hours_added: -1 },
      'invalid_hours',
      '-1 hours in one day is not possible (0 to 24).',
    ],
    [
      'fuel_liters_added: -0.5',
      { fuel_liters_added: -0.5 },
      'invalid_fuel',
      '-0.5 litres of fuel is not possible.',
    ],
    [
      'fuel_liters_added: 100001',
      { fuel_liters_added: 100001 },
      'invalid_fuel',
      '100001 litres of fuel is not possible.',
    ],
    [
      'run_hours_added as text "8"',
      { run_hours_added: '8' },
      'invalid_number',
      'Run hours and fuel must be numbers.',
    ],
    [
      'fuel_liters_added: null',
      { fuel_liters_added: null },
      'invalid_number',
      'Run hours and fuel must be numbers.',
    ],
    [
      'no run_hours_added',
      { run_hours_added: undefined },
      'invalid_number',
      'Run hours and fuel must be numbers.',
    ],
    [
      'no fuel_liters_added',
      { fuel_liters_added: undefined },
      'invalid_number',
      'Run hours and fuel must be numbers.',
    ],
    ['date: not-a-date', { date: 'not-a-date' }, 'invalid_date', '"not-a-date" is not a date.'],
    ['date: 2025-02-30', { date: '2025-02-30' }, 'invalid_date', '"2025-02-30" is not a date.'],
    ['date: -infinity', { date: '-infinity' }, 'invalid_date', '"-infinity" is not a date.'],
    ['date: yesterday', { date: 'yesterday' }, 'invalid_date', '"yesterday" is not a date.'],
    ['no date', { date: undefined }, 'missing_field', 'The date is missing.'],
    ['date: 2025-6-1', { date: '2025-6-1' }, 'invalid_date', '"2025-6-1" is not a date.'],
    ['date: 01/06/2025', { date: '01/06/2025' }, 'invalid_date', '"01/06/2025" is not a date.'],
    ['no asset_id', { asset_id: undefined }, 'missing_field', 'The asset is missing.'],
  ])('refuses %s', async (_label, fields, code, reason) => {
    await expectRejected(dailyLog(usersA.supervisor, { date: '2025-06-01', ...fields }), code, reason);
  });

  it('refuses a day in the future (more than the one day of time-zone leeway)', async () => {
    const { rows } = await su.query<{ d: string }>(`SELECT (current_date + 2)::text AS d`);
    await expectRejected(
      dailyLog(usersA.supervisor, { date: rows[0]?.d }),
      'invalid_date',
      'A daily log cannot be for a future day.',
    );
  });
});

// Exactly once ---------------------------------------------------------------------------------------

describe('exactly once', () => {
  it('returns the stored outcome for a repeated op_id and changes nothing', async () => {
    const { partId } = await newPartA('piece', { bin: 'D-01', qty: 10 });
    const envelope = issue(usersA.storekeeper, { part_id: partId, bin_location: 'D-01', qty: 3 });
    const first = await expectApplied(envelope);
    const before = await businessState();
    // Even with another payload: the op_id decides.
    const again = await push(stationA, { ...envelope, payload: { ...(envelope.payload as Json), qty: 9 } });
    expect(again).toEqual({
      op_id: envelope.op_id,
      outcome: 'applied',
      code: null,
      reason: null,
      result: first,
      duplicate: true,
    });
    expect(await businessState()).toEqual(before);
    expect(await stockQty(partId, fx.a.warehouseId, 'D-01')).toBe(7);
    expect(await ledgerRows(envelope.op_id)).toHaveLength(1);
  });

  it('returns the stored rejection for a repeated rejected op', async () => {
    const { partId, sku } = await newPartA('piece', { bin: 'D-02', qty: 1 });
    const envelope = issue(usersA.storekeeper, { part_id: partId, bin_location: 'D-02', qty: 2 });
    const reason = `Only 1 of ${sku} left in bin D-02; cannot issue 2.`;
    await expectRejected(envelope, 'insufficient_stock', reason);
    // Stock arrives meanwhile; the repeat still gets the stored rejection and applies nothing.
    await su.query(`UPDATE inventory_stock SET qty_on_hand = 50 WHERE part_id = $1`, [partId]);
    const before = await businessState();
    expect(await push(stationA, envelope)).toEqual({
      op_id: envelope.op_id,
      outcome: 'rejected',
      code: 'insufficient_stock',
      reason,
      result: null,
      duplicate: true,
    });
    expect(await businessState()).toEqual(before);
  });

  it('applies an op pushed on two connections at once only once (the second waits, then gets the stored outcome)', async () => {
    const { partId } = await newPartA('piece', { bin: 'E-01', qty: 10 });
    const envelope = issue(usersA.storekeeper, { part_id: partId, bin_location: 'E-01', qty: 4 });
    const pid2 = await backendPid(stationA2);
    await stationA.query('BEGIN');
    let second: Promise<PushResult> | undefined;
    try {
      const first = await push(stationA, envelope);
      expect(first).toMatchObject({ outcome: 'applied', duplicate: false });
      second = push(stationA2, envelope);
      await waitUntilBlocked(pid2);
    } finally {
      await stationA.query('COMMIT');
    }
    expect(await second).toMatchObject({ op_id: envelope.op_id, outcome: 'applied', duplicate: true });
    expect(await stockQty(partId, fx.a.warehouseId, 'E-01')).toBe(6);
    expect(await walletQty(fx.a.technicianId, partId)).toBe(4);
    expect(await ledgerRows(envelope.op_id)).toHaveLength(1);
    expect(
      (await auditRowsOf(envelope.op_id)).filter((r) => r.entity_type === 'inventory_stock'),
    ).toHaveLength(1);
  });

  it('records a rejected op pushed on two connections at once once; the second gets it as a duplicate', async () => {
    const { partId, sku } = await newPartA('piece', { bin: 'E-05', qty: 1 });
    const envelope = issue(usersA.storekeeper, { part_id: partId, bin_location: 'E-05', qty: 2 });
    const reason = `Only 1 of ${sku} left in bin E-05; cannot issue 2.`;
    const pid2 = await backendPid(stationA2);
    await stationA.query('BEGIN');
    let second: Promise<PushResult> | undefined;
    try {
      expect(await push(stationA, envelope)).toMatchObject({ outcome: 'rejected', reason, duplicate: false });
      second = push(stationA2, envelope);
      await waitUntilBlocked(pid2);
    } finally {
      await stationA.query('COMMIT');
    }
    expect(await second).toEqual({
      op_id: envelope.op_id,
      outcome: 'rejected',
      code: 'insufficient_stock',
      reason,
      result: null,
      duplicate: true,
    });
    expect(await ledgerRows(envelope.op_id)).toHaveLength(1);
  });

  it('applies once when both connections race without coordination', async () => {
    const { partId } = await newPartA('piece', { bin: 'E-02', qty: 10 });
    for (let round = 0; round < 5; round++) {
      const envelope = issue(usersA.storekeeper, { part_id: partId, bin_location: 'E-02', qty: 1 });
      const results = await Promise.all([push(stationA, envelope), push(stationA2, envelope)]);
      expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
      expect(results.map((r) => r.duplicate).sort()).toEqual([false, true]);
    }
    expect(await stockQty(partId, fx.a.warehouseId, 'E-02')).toBe(5);
    expect(await walletQty(fx.a.technicianId, partId)).toBe(5);
  });

  it("refuses an op_id that another station already used, and reveals nothing of that station's op", async () => {
    const { partId } = await newPartA('piece', { bin: 'E-03', qty: 10 });
    const envelope = issue(usersA.storekeeper, { part_id: partId, bin_location: 'E-03', qty: 1 });
    await expectApplied(envelope);
    const before = await businessState();
    const error = await pgErrorOf(push(stationB, { ...envelope, user_id: fx.b.supervisorId }));
    expect({ code: error.code, message: error.message }).toEqual({
      code: '23505',
      message: `Operation id ${envelope.op_id} belongs to another station`,
    });
    expect(await businessState()).toEqual(before);
    expect(await ledgerRows(envelope.op_id)).toMatchObject([{ station_id: fx.a.station.id }]);
  });

  it("refuses an op_id that another station is pushing at the same moment (no other station's outcome comes back)", async () => {
    const { partId } = await newPartA('piece', { bin: 'E-04', qty: 10 });
    const envelope = issue(usersA.storekeeper, { part_id: partId, bin_location: 'E-04', qty: 1 });
    const pidB = await backendPid(stationB);
    await stationA.query('BEGIN');
    let fromB: Promise<unknown> | undefined;
    try {
      expect(await push(stationA, envelope)).toMatchObject({ outcome: 'applied' });
      fromB = push(stationB, { ...envelope, user_id: fx.b.supervisorId }).catch((e: unknown) => e);
      await waitUntilBlocked(pidB);
    } finally {
      await stationA.query('COMMIT');
    }
    const error = await fromB;
    expect(error, JSON.stringify(error)).toBeInstanceOf(pg.DatabaseError);
    expect({ code: (error as pg.DatabaseError).code, message: (error as pg.DatabaseError).message }).toEqual({
      code: '23505',
      message: `Operation id ${envelope.op_id} belongs to another station`,
    });
    expect(await ledgerRows(envelope.op_id)).toMatchObject([
      { station_id: fx.a.station.id, outcome: 'applied' },
    ]);
  });
});

// Protocol and envelope ---------------------------------------------------------------------------------

describe('protocol and envelope', () => {
  it.each([0, 2, null])(
    'answers protocol %s with outcome incompatible and records nothing',
    async (protocol) => {
      const envelope = dailyLog(usersA.supervisor, { date: '2025-07-01' });
      const before = await businessState();
      const result = await push(stationA, envelope, protocol);
      expect(result).toEqual({
        outcome: 'incompatible',
        reason: `This server speaks sync protocol 1; the station sent protocol ${protocol ?? ''}. Update the station.`,
      });
      expect(await businessState()).toEqual(before);
      expect(await ledgerRows(envelope.op_id)).toEqual([]);
    },
  );

  it.each([
    [{ op_id: 'x', type: 'wallet.issue', seq: 1, payload: {} }, 'Malformed operation envelope'],
    [{ op_id: randomUUID(), type: 'wallet.issue', seq: 'one', payload: {} }, 'Malformed operation envelope'],
    [
      { op_id: randomUUID(), type: 'wallet.issue', payload: {} },
      'An operation needs op_id, type, seq and an object payload',
    ],
    [
      { type: 'wallet.issue', seq: 1, payload: {} },
      'An operation needs op_id, type, seq and an object payload',
    ],
    [
      { op_id: randomUUID(), seq: 1, payload: {} },
      'An operation needs op_id, type, seq and an object payload',
    ],
    [
      { op_id: randomUUID(), type: 'wallet.issue', seq: 1, payload: [] },
      'An operation needs op_id, type, seq and an object payload',
    ],
  ])('refuses the malformed envelope %j (22023) without recording it', async (envelope, message) => {
    const error = await pgErrorOf(push(stationA, envelope));
    expect({ code: error.code, message: error.message }).toEqual({ code: '22023', message });
  });

  it('rejects an operation type the server does not know', async () => {
    await expectRejected(
      op('stock.teleport', usersA.admin, { lines: [] }),
      'unknown_operation',
      'The server does not know the operation "stock.teleport". Update the server.',
    );
  });
});

// Who may push ----------------------------------------------------------------------------------------

describe('who may push', () => {
  async function loginRole(prefix: string, inStationGroup: boolean): Promise<string> {
    const role = `amms_test_${prefix}_${randomBytes(5).toString('hex')}`;
    const password = randomBytes(18).toString('base64url');
    await su.query(
      `CREATE ROLE ${pg.escapeIdentifier(role)} LOGIN PASSWORD ${su.escapeLiteral(password)}${
        inStationGroup ? ' IN ROLE amms_station' : ''
      }`,
    );
    extraRoles.push(role);
    await su.query(
      `GRANT CONNECT ON DATABASE ${pg.escapeIdentifier(db.name)} TO ${pg.escapeIdentifier(role)}`,
    );
    const url = new URL(db.url);
    url.username = role;
    url.password = password;
    return url.toString();
  }

  async function pushErrorAs(
    url: string,
    envelope: Envelope,
    fn = 'amms_push',
  ): Promise<{ code?: string; message: string }> {
    const client = await connect(url);
    try {
      const error = await pgErrorOf(client.query(`SELECT ${fn}(1, $1::jsonb)`, [JSON.stringify(envelope)]));
      return { code: error.code, message: error.message };
    } finally {
      await client.end();
    }
  }

  it('a role that is not a station cannot reach amms_push', async () => {
    const url = await loginRole('outsider', false);
    const envelope = dailyLog(usersA.supervisor, { date: '2025-07-02' });
    expect(await pushErrorAs(url, envelope, 'public.amms_push')).toEqual({
      code: '42501',
      message: 'permission denied for schema public',
    });
    expect(await ledgerRows(envelope.op_id)).toEqual([]);
  });

  it('a role that is not a station cannot execute amms_push even with USAGE on schema public', async () => {
    const url = await loginRole('outsider', false);
    await su.query(`GRANT USAGE ON SCHEMA public TO ${pg.escapeIdentifier(new URL(url).username)}`);
    const envelope = dailyLog(usersA.supervisor, { date: '2025-07-02' });
    expect(await pushErrorAs(url, envelope)).toEqual({
      code: '42501',
      message: 'permission denied for function amms_push',
    });
    expect(await ledgerRows(envelope.op_id)).toEqual([]);
  });

  it('a member of amms_station that was never enrolled is refused', async () => {
    const url = await loginRole('ghost', true);
    const envelope = dailyLog(usersA.supervisor, { date: '2025-07-03' });
    expect(await pushErrorAs(url, envelope)).toEqual({
      code: '42501',
      message: 'Only an enrolled, active station can push operations',
    });
    expect(await ledgerRows(envelope.op_id)).toEqual([]);
  });

  it('a station marked revoked is refused even while its role still exists', async () => {
    const station = await enrolExtraStationA('revoked');
    const session = await connect(station.url);
    extraClients.push(session);
    await expectApplied(dailyLog(usersA.supervisor, { date: '2025-07-04' }), session);
    await su.query('UPDATE stations SET revoked_at = now() WHERE id = $1', [station.id]);
    const envelope = dailyLog(usersA.supervisor, { date: '2025-07-05' });
    expect(await pushErrorAs(station.url, envelope)).toEqual({
      code: '42501',
      message: 'Only an enrolled, active station can push operations',
    });
    expect(await ledgerRows(envelope.op_id)).toEqual([]);
  });

  it('a station revoked with revokeStation cannot log in any more', async () => {
    const station = await enrolExtraStationA('dropped');
    await revokeStation(db.url, station.id);
    const error = await connect(station.url).then(
      async (c) => {
        await c.end();
        return undefined;
      },
      (e: unknown) => e as pg.DatabaseError,
    );
    expect(error?.code).toBe('28P01');
    expect(error?.message).toBe(`password authentication failed for user "${station.roleName}"`);
    const { rows } = await su.query<{ revoked: boolean; role_exists: boolean }>(
      `SELECT revoked_at IS NOT NULL AS revoked, EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) AS role_exists
         FROM stations WHERE id = $1`,
      [station.id],
    );
    expect(rows).toEqual([{ revoked: true, role_exists: false }]);
  });
});

// The acting user -------------------------------------------------------------------------------------

describe('the acting user', () => {
  it.each([
    ['an inactive user', () => inactiveStorekeeper],
    ["a user of another tenant (B's supervisor)", () => fx.b.supervisorId],
    ['an unknown id', () => randomUUID()],
    ['no user at all', () => undefined],
  ])('refuses %s with unknown_user', async (_label, userOf) => {
    const { partId } = await newPartA('piece');
    await expectRejected(
      op('stock.receive', userOf(), {
        lines: [{ part_id: partId, location_id: fx.a.warehouseId, bin_location: 'U-01', qty: 1 }],
      }),
      'unknown_user',
      'The user who did this is not an active user of this organisation.',
    );
  });

  it('refuses a user id that is not a uuid as a malformed envelope', async () => {
    const error = await pgErrorOf(push(stationA, { ...op('stock.receive', 'bob', { lines: [] }) }));
    expect({ code: error.code, message: error.message }).toEqual({
      code: '22023',
      message: 'Malformed operation envelope',
    });
  });

  describe.each(Object.keys(ALLOWED_ROLES))('roles for %s', (type) => {
    it.each(ALL_ROLES)('%s', async (role) => {
      const userId = usersA[role];
      const allowed = ALLOWED_ROLES[type]?.includes(role) ?? false;
      let envelope: Envelope;
      if (type === 'daily_log.record') {
        const assetId = await insertAsset(su, fx.a.tenantId, fx.a.buildingId);
        envelope = dailyLog(userId, { asset_id: assetId, date: '2025-08-01' });
      } else if (type === 'wallet.return' || type === 'wo.consume' || type === 'stock.count') {
        // The counter operations (test/db/counter-operations.test.ts covers them in depth).
        const { partId } = await newPartA('piece', { bin: 'R-01', qty: 5 });
        await insertWallet(su, fx.a.tenantId, fx.a.technicianId, partId, { qty_held: 5 });
        const wo = await insertWorkOrder(su, fx.a.tenantId, fx.a.unitAssetId, { status: 'ready' });
        const bin = { part_id: partId, location_id: fx.a.warehouseId, bin_location: 'R-01' };
        const wallet = { part_id: partId, technician_id: fx.a.technicianId };
        envelope =
          type === 'wallet.return'
            ? op(type, userId, { ...wallet, location_id: fx.a.warehouseId, bin_location: 'R-02', qty: 1 })
            : type === 'wo.consume'
              ? op(type, userId, { ...wallet, wo_id: wo, source: 'wallet', qty: 1 })
              : op(type, userId, { ...bin, counted_qty: 4, reason: 'Cycle count' });
      } else {
        const { partId } = await newPartA('piece', { bin: 'R-01', qty: 5 });
        envelope =
          type === 'wallet.issue'
            ? issue(userId, { part_id: partId, bin_location: 'R-01', qty: 1 })
            : receive(userId, [
                { part_id: partId, location_id: fx.a.warehouseId, bin_location: 'R-01', qty: 1 },
              ]);
      }
      if (allowed) await expectApplied(envelope);
      else
        await expectRejected(
          envelope,
          'forbidden',
          `${fullNames.get(userId) ?? '?'} (${role}) is not allowed to do this (${type}).`,
        );
    });
  });
});

// Site and tenant scope --------------------------------------------------------------------------------

describe('scope', () => {
  it("refuses a warehouse of another site of the station's own tenant (other_site)", async () => {
    const { partId } = await newPartA('piece');
    await insertStock(su, fx.a.tenantId, partId, otherSiteA.warehouseId, {
      bin_location: 'S-01',
      qty_on_hand: 9,
    });
    const code = await codeOf(otherSiteA.warehouseId);
    const reason = `Warehouse ${code} belongs to another site.`;
    await expectRejected(
      receive(usersA.storekeeper, [
        { part_id: partId, location_id: otherSiteA.warehouseId, bin_location: 'S-01', qty: 1 },
      ]),
      'other_site',
      reason,
    );
    await expectRejected(
      issue(usersA.storekeeper, {
        part_id: partId,
        location_id: otherSiteA.warehouseId,
        bin_location: 'S-01',
        qty: 1,
      }),
      'other_site',
      reason,
    );
  });

  it('refuses a location that is not a warehouse (not_a_warehouse)', async () => {
    const code = await codeOf(fx.a.buildingId);
    await expectRejected(
      receive(usersA.storekeeper, [
        { part_id: fx.a.partId, location_id: fx.a.buildingId, bin_location: 'S-01', qty: 1 },
      ]),
      'not_a_warehouse',
      `${code} is a building, not a warehouse.`,
    );
  });

  it("cannot touch tenant B's parts, warehouses, technicians, assets or rows (B stays exactly as it was)", async () => {
    const b = fx.b;
    const bin = 'A-01';
    const cases: [Envelope, string, string][] = [
      [
        receive(usersA.storekeeper, [
          { part_id: b.partId, location_id: fx.a.warehouseId, bin_location: bin, qty: 1 },
        ]),
        'unknown_part',
        'That part is not in the catalogue.',
      ],
      [
        receive(usersA.storekeeper, [
          { part_id: fx.a.partId, location_id: b.warehouseId, bin_location: bin, qty: 1 },
        ]),
        'unknown_location',
        'That warehouse does not exist.',
      ],
      [
        issue(usersA.storekeeper, {
          part_id: b.partId,
          location_id: b.warehouseId,
          bin_location: bin,
          qty: 1,
        }),
        'unknown_part',
        'That part is not in the catalogue.',
      ],
      [
        issue(usersA.storekeeper, {
          part_id: fx.a.partId,
          bin_location: bin,
          qty: 1,
          technician_id: b.technicianId,
        }),
        'unknown_technician',
        'That technician is not an active user.',
      ],
      [
        dailyLog(usersA.supervisor, { asset_id: b.unitAssetId, date: '2025-09-01' }),
        'unknown_asset',
        'That asset does not exist.',
      ],
    ];
    for (const [envelope, code, reason] of cases) await expectRejected(envelope, code, reason);
  });

  it("cannot overwrite tenant B's rows by choosing their ids (stock_id, log_id)", async () => {
    const { rows } = await su.query<{ stock: string; log: string }>(
      `SELECT (SELECT id::text FROM inventory_stock WHERE tenant_id = $1 LIMIT 1) AS stock,
              (SELECT id::text FROM daily_logs WHERE tenant_id = $1 LIMIT 1) AS log`,
      [fx.b.tenantId],
    );
    const { partId } = await newPartA('piece');
    await expectRejected(
      receive(usersA.storekeeper, [
        {
          part_id: partId,
          location_id: fx.a.warehouseId,
          bin_location: 'X-01',
          qty: 1,
          stock_id: rows[0]?.stock,
        },
      ]),
      'conflict',
      'duplicate key value violates unique constraint "inventory_stock_pkey"',
    );
    await expectRejected(
      dailyLog(usersA.supervisor, { date: '2025-09-02', log_id: rows[0]?.log }),
      'conflict',
      'duplicate key value violates unique constraint "daily_logs_pkey"',
    );
  });
});

// Stock never goes negative ----------------------------------------------------------------------------

describe('stock never goes negative', () => {
  it('refuses to issue more than the bin holds, records the rejection and changes nothing else', async () => {
    const { partId, sku } = await newPartA('piece', { bin: 'A-01-01', qty: 3 });
    const envelope = issue(usersA.storekeeper, { part_id: partId, bin_location: 'A-01-01', qty: 5 });
    await expectRejected(
      envelope,
      'insufficient_stock',
      `Only 3 of ${sku} left in bin A-01-01; cannot issue 5.`,
    );
    expect(await ledgerRows(envelope.op_id)).toEqual([
      {
        tenant_id: fx.a.tenantId,
        station_id: fx.a.station.id,
        station_seq: envelope.seq,
        op_type: 'wallet.issue',
        user_id: usersA.storekeeper,
        outcome: 'rejected',
        reason_code: 'insufficient_stock',
        reason: `Only 3 of ${sku} left in bin A-01-01; cannot issue 5.`,
        result: null,
      },
    ]);
    expect(await stockQty(partId, fx.a.warehouseId, 'A-01-01')).toBe(3);
    expect(await walletQty(fx.a.technicianId, partId)).toBeNull();
  });

  it('lets a bin go to exactly zero, then refuses the next issue', async () => {
    const { partId, sku } = await newPartA('litre', { bin: 'F-01', qty: 2.5 });
    await expectApplied(issue(usersA.storekeeper, { part_id: partId, bin_location: 'F-01', qty: 2.5 }));
    expect(await stockQty(partId, fx.a.warehouseId, 'F-01')).toBe(0);
    await expectRejected(
      issue(usersA.storekeeper, { part_id: partId, bin_location: 'F-01', qty: 0.001 }),
      'insufficient_stock',
      `Only 0 of ${sku} left in bin F-01; cannot issue 0.001.`,
    );
  });

  it('refuses a bin that holds none of the part', async () => {
    const { partId, sku } = await newPartA('piece');
    const code = await codeOf(fx.a.warehouseId);
    await expectRejected(
      issue(usersA.storekeeper, { part_id: partId, bin_location: 'Z-99', qty: 1 }),
      'no_stock',
      `There is no ${sku} in bin Z-99 of ${code}.`,
    );
  });
});

// Quantities -------------------------------------------------------------------------------------------

describe('quantities', () => {
  type Unit = 'piece' | 'litre' | 'metre' | 'kilogram';
  const cases: [string, Unit, unknown, string | null][] = [
    ['a fraction of a piece', 'piece', 1.5, '{sku} is counted in whole pieces; 1.5 is not a whole number.'],
    ['zero', 'piece', 0, '{label} must be more than zero.'],
    ['a negative number', 'litre', -2, '{label} must be more than zero.'],
    ['more than a million', 'litre', 1_000_001, '{label} of 1000001 is more than 1,000,000.'],
    ['more than 3 decimals', 'litre', 1.2345, '{label} has more than 3 decimals.'],
    ['a string', 'piece', '5', '{label} must be a number.'],
    ['a boolean', 'piece', true, '{label} must be a number.'],
    ['null', 'piece', null, '{label} must be a number.'],
    ['nothing', 'piece', undefined, '{label} must be a number.'],
    ['exactly a million', 'litre', 1_000_000, null],
    ['3 decimals', 'kilogram', 0.001, null],
    ['a whole number of pieces', 'piece', 12, null],
  ];

  describe.each([
    ['stock.receive', 'The quantity received'],
    ['wallet.issue', 'The quantity issued'],
  ])('%s', (type, label) => {
    it.each(cases)('%s', async (_name, unit, qty, message) => {
      const { partId, sku } = await newPartA(unit, { bin: 'Q-01', qty: 1_000_000 });
      const envelope =
        type === 'stock.receive'
          ? receive(usersA.storekeeper, [
              { part_id: partId, location_id: fx.a.warehouseId, bin_location: 'Q-01', qty },
            ])
          : issue(usersA.storekeeper, { part_id: partId, bin_location: 'Q-01', qty });
      if (message === null) {
        await expectApplied(envelope);
        const expected = type === 'stock.receive' ? 1_000_000 + Number(qty) : 1_000_000 - Number(qty);
        expect(await stockQty(partId, fx.a.warehouseId, 'Q-01')).toBe(expected);
      } else {
        await expectRejected(
          envelope,
          'invalid_quantity',
          message.replace('{label}', label).replace('{sku}', sku),
        );
      }
    });
  });
});

// Audit ----------------------------------------------------------------------------------------------

describe('audit trail', () => {
  function summary(rows: AuditRow[]): string[] {
    return rows.map((r) => `${r.action} ${r.entity_type}`).sort();
  }

  function expectActor(rows: AuditRow[], userId: string): void {
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatchObject({
        user_id: userId,
        station_id: fx.a.station.id,
        db_role: fx.a.station.roleName,
      });
    }
  }

  it('stock.receive: one audit row per stock row inserted or updated, by the acting user at the station', async () => {
    const { partId } = await newPartA('piece', { bin: 'G-01', qty: 1 });
    const envelope = receive(usersA.manager, [
      { part_id: partId, location_id: fx.a.warehouseId, bin_location: 'G-01', qty: 2 },
      { part_id: partId, location_id: fx.a.warehouseId, bin_location: 'G-02', qty: 3 },
    ]);
    await expectApplied(envelope);
    const rows = await auditRowsOf(envelope.op_id);
    expect(summary(rows)).toEqual([
      'insert inventory_stock',
      'insert stock_movements',
      'insert stock_movements',
      'update inventory_stock',
    ]);
    expectActor(rows, usersA.manager);
    const update = rows.find((r) => r.action === 'update');
    expect(update?.changes).toEqual({ before: { qty_on_hand: 1 }, after: { qty_on_hand: 3 } });
  });

  it('wallet.issue: the stock update and the wallet row', async () => {
    const { partId } = await newPartA('piece', { bin: 'G-03', qty: 5 });
    const envelope = issue(usersA.storekeeper, { part_id: partId, bin_location: 'G-03', qty: 2 });
    await expectApplied(envelope);
    const rows = await auditRowsOf(envelope.op_id);
    expect(summary(rows)).toEqual([
      'insert inventory_wallets',
      'insert stock_movements',
      'update inventory_stock',
    ]);
    expectActor(rows, usersA.storekeeper);
    const again = issue(usersA.admin, { part_id: partId, bin_location: 'G-03', qty: 1 });
    await expectApplied(again);
    const second = await auditRowsOf(again.op_id);
    expect(summary(second)).toEqual([
      'insert stock_movements',
      'update inventory_stock',
      'update inventory_wallets',
    ]);
    expectActor(second, usersA.admin);
  });

  it('daily_log.record: the log and the meter', async () => {
    const envelope = dailyLog(usersA.supervisor, { date: '2025-10-01', run_hours_added: 2 });
    await expectApplied(envelope);
    const rows = await auditRowsOf(envelope.op_id);
    expect(summary(rows)).toEqual(['insert daily_logs', 'update asset_meters']);
    expectActor(rows, usersA.supervisor);
  });

  it('a rejected operation leaves no audit row (checked for every rejection above by expectRejected)', async () => {
    const { partId } = await newPartA('piece', { bin: 'G-04', qty: 1 });
    const envelope = receive(usersA.storekeeper, [
      { part_id: partId, location_id: fx.a.warehouseId, bin_location: 'G-04', qty: 1 },
      { part_id: partId, location_id: fx.a.warehouseId, bin_location: 'G-05', qty: 0.5 },
    ]);
    await expectRejected(envelope, 'invalid_quantity', /is counted in whole pieces/);
    const { rows } = await su.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_logs a JOIN op_ledger l ON a.txid = l.txid WHERE l.op_id = $1`,
      [envelope.op_id],
    );
    expect(rows[0]?.n).toBe(0);
  });
});

// What stations still cannot do -------------------------------------------------------------------------

describe('stations still write only through amms_push', () => {
  const statements: [string, string, string][] = [
    [
      'INSERT inventory_stock',
      `INSERT INTO inventory_stock (tenant_id, part_id, location_id, bin_location, qty_on_hand)
       SELECT tenant_id, part_id, location_id, 'H-01', 5 FROM inventory_stock LIMIT 1`,
      'inventory_stock',
    ],
    [
      'UPDATE inventory_stock',
      'UPDATE inventory_stock SET qty_on_hand = qty_on_hand + 100',
      'inventory_stock',
    ],
    ['DELETE inventory_stock', 'DELETE FROM inventory_stock', 'inventory_stock'],
    ['UPDATE inventory_wallets', 'UPDATE inventory_wallets SET qty_held = 0', 'inventory_wallets'],
    ['DELETE daily_logs', 'DELETE FROM daily_logs', 'daily_logs'],
    [
      'UPDATE asset_meters',
      'UPDATE asset_meters SET current_run_hours = current_run_hours + 1',
      'asset_meters',
    ],
    [
      'INSERT op_ledger',
      `INSERT INTO op_ledger (op_id, tenant_id, station_id, station_seq, op_type, payload, outcome)
       SELECT gen_random_uuid(), tenant_id, id, 1, 'x', '{}', 'applied' FROM stations`,
      'op_ledger',
    ],
    [
      'UPDATE op_ledger',
      `UPDATE op_ledger SET outcome = 'applied', reason = NULL, reason_code = NULL`,
      'op_ledger',
    ],
    ['DELETE op_ledger', 'DELETE FROM op_ledger', 'op_ledger'],
    [
      'INSERT audit_logs',
      `INSERT INTO audit_logs (tenant_id, action, entity_type, changes)
       SELECT tenant_id, 'insert', 'x', '{}' FROM stations`,
      'audit_logs',
    ],
  ];

  it.each(statements)('%s is denied', async (_name, sql, table) => {
    const before = await businessState();
    const error = await pgErrorOf(stationA.query(sql));
    expect({ code: error.code, message: error.message }).toEqual({
      code: '42501',
      message: `permission denied for table ${table}`,
    });
    expect(await businessState()).toEqual(before);
  });

  it.each([
    ['amms_private.reject', `SELECT amms_private.reject('x', 'y')`],
    [
      'amms_private.op_wallet_issue',
      `SELECT amms_private.op_wallet_issue(s, u, '{}'::jsonb) FROM stations s, users u LIMIT 1`,
    ],
    ['amms_private.op_types', 'SELECT * FROM amms_private.op_types'],
  ])('%s is out of reach', async (_name, sql) => {
    const error = await pgErrorOf(stationA.query(sql));
    expect({ code: error.code, message: error.message }).toEqual({
      code: '42501',
      message: 'permission denied for schema amms_private',
    });
  });

  it('setting amms.user_id by hand does not change who the audit trail names', async () => {
    await stationA.query('BEGIN');
    try {
      await stationA.query(`SELECT set_config('amms.user_id', $1, true)`, [usersA.admin]);
      const envelope = dailyLog(usersA.supervisor, { date: '2025-10-02' });
      await push(stationA, envelope);
      await stationA.query('COMMIT');
      const rows = await auditRowsOf(envelope.op_id);
      expect(rows.map((r) => r.user_id)).toEqual(rows.map(() => usersA.supervisor));
      expect(rows.length).toBe(2);
    } catch (error) {
      await stationA.query('ROLLBACK');
      throw error;
    }
  });
});

// The ledger's tenant isolation ---------------------------------------------------------------------------

describe('op_ledger visibility', () => {
  it("each station sees its own tenant's ledger rows only", async () => {
    await expectApplied(
      op('daily_log.record', fx.b.supervisorId, {
        asset_id: fx.b.unitAssetId,
        date: '2025-11-01',
        run_hours_added: 1,
        fuel_liters_added: 0,
      }),
      stationB,
    );
    const all = await su.query<{ op_id: string; tenant_id: string }>(
      'SELECT op_id::text, tenant_id::text FROM op_ledger ORDER BY op_id',
    );
    const ofTenant = (tenantId: string): string[] =>
      all.rows.filter((r) => r.tenant_id === tenantId).map((r) => r.op_id);
    expect(ofTenant(fx.a.tenantId).length).toBeGreaterThan(10);
    expect(ofTenant(fx.b.tenantId).length).toBeGreaterThan(0);
    const seen = async (client: pg.Client): Promise<string[]> =>
      (await client.query<{ op_id: string }>('SELECT op_id::text FROM op_ledger ORDER BY op_id')).rows.map(
        (r) => r.op_id,
      );
    expect(await seen(stationA)).toEqual(ofTenant(fx.a.tenantId));
    expect(await seen(stationB)).toEqual(ofTenant(fx.b.tenantId));
    const bOp = ofTenant(fx.b.tenantId)[0];
    const direct = await stationA.query('SELECT * FROM op_ledger WHERE op_id = $1', [bOp]);
    expect(direct.rowCount).toBe(0);
  });
});

// Parity of the server's op_types with the station ---------------------------------------------------------

describe('op_types', () => {
  it('has the roles this file tests for each type (the contract’s, test/db/role-parity.test.ts)', async () => {
    const { rows } = await su.query<{ op_type: string; roles: string[] }>(
      'SELECT op_type, roles::text[] AS roles FROM amms_private.op_types ORDER BY op_type',
    );
    const server = Object.fromEntries(rows.map((r) => [r.op_type, [...r.roles].sort()]));
    expect(server).toEqual(
      Object.fromEntries(Object.entries(ALLOWED_ROLES).map(([type, roles]) => [type, [...roles].sort()])),
    );
  });

  it('every op type names an existing apply function in amms_private', async () => {
    const { rows } = await su.query<{ op_type: string; schema: string }>(
      `SELECT t.op_type, n.nspname AS schema FROM amms_private.op_types t
         JOIN pg_proc p ON p.oid = t.apply_function JOIN pg_namespace n ON n.oid = p.pronamespace`,
    );
    expect(rows.map((r) => r.schema)).toEqual(rows.map(() => 'amms_private'));
    expect(rows).toHaveLength(Object.keys(OPERATIONS).length);
  });
});
