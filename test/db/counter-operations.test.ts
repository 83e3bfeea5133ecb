// The storekeeper's counter on the real PostgreSQL (migration 0009), pushed through amms_push as
// an enrolled station's own login role: receipts with unit costs and supplier references, issues,
// returns (usable and defective, into quarantine), consumption on work orders (wallet or bin,
// work-order states, Agile Mode, cost at the time) and cycle counts. Each applied operation must
// leave its stock_movements rows and audit rows naming the acting user and the station; each
// rejection a readable code and message and nothing else. Also: who may do what, site scope,
// quantities per unit, concurrent stations serialising on the same wallet or bin, and that
// stations can read but never write the history.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollStation } from '../../db/admin/enroll-station.ts';
import { readStationFile, stationConnectionString } from '../../db/admin/station-file.ts';
import {
  insertPart,
  insertSiteTree,
  insertStock,
  insertUser,
  insertWallet,
  insertWorkOrder,
  pgErrorOf,
  type SiteTree,
} from '../helpers/base-fixture.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { buildTwoTenants, dropTestRole, type TwoTenants } from '../helpers/two-tenants.ts';

type Json = Record<string, unknown>;

interface PushResult {
  op_id: string;
  outcome: 'applied' | 'rejected';
  code: string | null;
  reason: string | null;
  result: Json | null;
  duplicate: boolean;
}

interface Envelope {
  op_id: string;
  type: string;
  user_id: string;
  seq: number;
  payload: Json;
}

/** What a rejected operation must leave exactly as it was. */
const TABLES = [
  'inventory_stock',
  'inventory_wallets',
  'wo_consumables',
  'stock_movements',
  'audit_logs',
] as const;

let db: TestDatabase;
let fx: TwoTenants;
let su: pg.Client;
let stationA: pg.Client;
/** A second station at tenant A's site (its own login role). */
let stationA2: pg.Client;
let stationA2Role: string;
let stationB: pg.Client;
let keeper: string;
let manager: string;
let supervisor: string;
let clerk: string;
let tech: string;
let tech2: string;
let otherSiteTech: string;
let otherSite: SiteTree;
let warehouseCode: string;
let seq = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await buildTwoTenants(db.url);
  su = new pg.Client({ connectionString: db.url });
  await su.connect();
  const a = fx.a.tenantId;
  const site = { site_id: fx.a.siteId };
  keeper = await insertUser(su, a, 'storekeeper', { ...site, full_name: 'Sam Keeper' });
  manager = await insertUser(su, a, 'manager', site);
  supervisor = fx.a.supervisorId;
  clerk = await insertUser(su, a, 'logistics_clerk', { ...site, full_name: 'Lee Clerk' });
  tech = fx.a.technicianId;
  await su.query(`UPDATE users SET full_name = 'Tia Tech' WHERE id = $1`, [tech]);
  tech2 = await insertUser(su, a, 'technician', { ...site, full_name: 'Tom Tech' });
  otherSite = await insertSiteTree(su, a);
  otherSiteTech = await insertUser(su, a, 'technician', {
    site_id: otherSite.siteId,
    full_name: 'Olga Away',
  });
  warehouseCode = (
    await su.query<{ code: string }>('SELECT code FROM locations WHERE id = $1', [fx.a.warehouseId])
  ).rows[0]?.code as string;
  stationA = await connect(fx.a.station.url);
  stationB = await connect(fx.b.station.url);
  const dir = mkdtempSync(join(tmpdir(), 'amms-counter-'));
  try {
    await enrollStation({
      adminUrl: db.url,
      tenantSlug: fx.a.slug,
      siteCode: fx.a.siteCode,
      dir,
      name: 'Counter 2',
    });
    const file = readStationFile(dir);
    stationA2Role = file.database.user;
    stationA2 = await connect(stationConnectionString(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

afterAll(async () => {
  for (const client of [stationA, stationA2, stationB]) await client.end().catch(() => undefined);
  await su.end();
  await dropTestRole(db.url, stationA2Role);
  await fx.cleanup();
  await db.drop();
});

// Helpers ------------------------------------------------------------------------------------------

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

function op(type: string, userId: string, payload: Json): Envelope {
  seq += 1;
  return { op_id: randomUUID(), type, user_id: userId, seq, payload };
}

async function push(client: pg.Client, envelope: Envelope): Promise<PushResult> {
  const { rows } = await client.query<{ r: PushResult }>('SELECT amms_push(1, $1::jsonb) AS r', [
    JSON.stringify(envelope),
  ]);
  const result = rows[0]?.r;
  if (!result) throw new Error('amms_push returned no row');
  return result;
}

async function state(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await su.query<{ h: string }>(
      `SELECT count(*) || ':' || md5(coalesce(string_agg(to_jsonb(x)::text, '|' ORDER BY x.id), '')) AS h
         FROM ${pg.escapeIdentifier(table)} x`,
    );
    out[table] = rows[0]?.h ?? '';
  }
  return out;
}

async function expectApplied(envelope: Envelope, client: pg.Client = stationA): Promise<Json> {
  const result = await push(client, envelope);
  expect(result, JSON.stringify(result)).toMatchObject({ outcome: 'applied', duplicate: false });
  return result.result ?? {};
}

async function expectRejected(
  envelope: Envelope,
  code: string,
  reason: string,
  client: pg.Client = stationA,
): Promise<void> {
  const before = await state();
  const result = await push(client, envelope);
  expect({ outcome: result.outcome, code: result.code, reason: result.reason }).toEqual({
    outcome: 'rejected',
    code,
    reason,
  });
  expect(await state()).toEqual(before);
}

interface MovementRow {
  movement_type: string;
  part_id: string;
  location_id: string | null;
  bin_location: string | null;
  technician_id: string | null;
  wo_id: string | null;
  qty_delta: number;
  qty_after: number;
  wallet_qty_after: number | null;
  unit_cost: number | null;
  supplier_ref: string | null;
  reason: string | null;
  performed_by_user_id: string;
  station_id: string;
}

async function movementsOf(envelope: Envelope): Promise<MovementRow[]> {
  const { rows } = await su.query<MovementRow>(
    `SELECT movement_type::text, part_id::text, location_id::text, bin_location, technician_id::text,
            wo_id::text, qty_delta::float8, qty_after::float8, wallet_qty_after::float8, unit_cost::float8,
            supplier_ref, reason, performed_by_user_id::text, station_id::text
       FROM stock_movements WHERE op_id = $1 ORDER BY bin_location, qty_delta`,
    [envelope.op_id],
  );
  return rows;
}

/** "action table" of the audit rows the operation's transaction wrote, with their actor. */
async function auditOf(envelope: Envelope): Promise<string[]> {
  const { rows } = await su.query<{ line: string }>(
    `SELECT a.action || ' ' || a.entity_type || ' by ' || a.user_id || ' at ' || a.station_id AS line
       FROM audit_logs a JOIN op_ledger l ON l.txid = a.txid WHERE l.op_id = $1 ORDER BY 1`,
    [envelope.op_id],
  );
  return rows.map((r) => r.line);
}

async function stockQty(partId: string, bin: string, locationId = fx.a.warehouseId): Promise<number | null> {
  const { rows } = await su.query<{ q: number }>(
    'SELECT qty_on_hand::float8 AS q FROM inventory_stock WHERE part_id = $1 AND location_id = $2 AND bin_location = $3',
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

/** A new part of tenant A, with stock in bins of A's warehouse and in wallets when asked. */
async function newPart(
  unit: 'piece' | 'litre' | 'metre' | 'kilogram' = 'piece',
  { bins = {}, wallets = {}, cost = 2.5 }: { bins?: Json; wallets?: Json; cost?: number } = {},
): Promise<{ partId: string; sku: string }> {
  const sku = `P${randomBytes(4).toString('hex').toUpperCase()}`;
  const partId = await insertPart(su, fx.a.tenantId, { sku, unit, unit_cost: cost });
  for (const [bin, qty] of Object.entries(bins)) {
    await insertStock(su, fx.a.tenantId, partId, fx.a.warehouseId, { bin_location: bin, qty_on_hand: qty });
  }
  for (const [userId, qty] of Object.entries(wallets))
    await insertWallet(su, fx.a.tenantId, userId, partId, { qty_held: qty });
  return { partId, sku };
}

const station = (): string => fx.a.station.id;
const by = (userId: string): string => `by ${userId} at ${station()}`;

function returnOp(partId: string, fields: Json = {}, userId = keeper): Envelope {
  return op('wallet.return', userId, {
    part_id: partId,
    technician_id: tech,
    location_id: fx.a.warehouseId,
    bin_location: 'R-01',
    qty: 1,
    ...fields,
  });
}

function consumeOp(woId: string, partId: string, fields: Json = {}, userId = keeper): Envelope {
  return op('wo.consume', userId, {
    wo_id: woId,
    part_id: partId,
    qty: 1,
    source: 'wallet',
    technician_id: tech,
    ...fields,
  });
}

function countOp(partId: string, fields: Json = {}, userId = keeper): Envelope {
  return op('stock.count', userId, {
    part_id: partId,
    location_id: fx.a.warehouseId,
    bin_location: 'C-01',
    counted_qty: 0,
    reason: 'Cycle count',
    ...fields,
  });
}

async function workOrder(
  status: 'draft' | 'ready' | 'in_progress' | 'closed' | 'cancelled',
): Promise<string> {
  const fields: Json = { status };
  if (status === 'closed') fields.closed_at = new Date().toISOString();
  return insertWorkOrder(su, fx.a.tenantId, fx.a.unitAssetId, fields);
}

async function setAgileMode(on: boolean): Promise<void> {
  await su.query(
    `UPDATE tenants SET settings = settings || jsonb_build_object('agile_mode', $2::boolean) WHERE id = $1`,
    [fx.a.tenantId, on],
  );
}

// stock.receive and wallet.issue write the history -------------------------------------------------

describe('stock.receive', () => {
  it('records each line in the history with its unit cost, the supplier reference and the note', async () => {
    const { partId } = await newPart('piece', { bins: { 'A-01': 3 } });
    const envelope = op('stock.receive', keeper, {
      lines: [
        { part_id: partId, location_id: fx.a.warehouseId, bin_location: 'a-01', qty: 7, unit_cost: 12.5 },
        { part_id: partId, location_id: fx.a.warehouseId, bin_location: 'B-01', qty: 2 },
      ],
      supplier_ref: '  PO-2291 ',
      note: 'Pallet 1 of 2',
    });
    await expectApplied(envelope);
    const common = {
      movement_type: 'receive',
      part_id: partId,
      location_id: fx.a.warehouseId,
      technician_id: null,
      wo_id: null,
      wallet_qty_after: null,
      supplier_ref: 'PO-2291',
      reason: 'Pallet 1 of 2',
      performed_by_user_id: keeper,
      station_id: station(),
    };
    expect(await movementsOf(envelope)).toEqual([
      { ...common, bin_location: 'A-01', qty_delta: 7, qty_after: 10, unit_cost: 12.5 },
      { ...common, bin_location: 'B-01', qty_delta: 2, qty_after: 2, unit_cost: null },
    ]);
    expect(await auditOf(envelope)).toEqual([
      `insert inventory_stock ${by(keeper)}`,
      `insert stock_movements ${by(keeper)}`,
      `insert stock_movements ${by(keeper)}`,
      `update inventory_stock ${by(keeper)}`,
    ]);
  });

  it.each<[string, unknown, string]>([
    ['a negative unit cost', -1, 'The unit cost cannot be negative.'],
    ['a unit cost as text', '12', 'The unit cost must be a number.'],
    ['a unit cost with 3 decimals', 1.125, 'The unit cost has more than 2 decimals.'],
    ['a unit cost over a million', 1_000_001, 'The unit cost of 1000001 is more than 1,000,000.'],
  ])('refuses %s (invalid_cost)', async (_name, cost, reason) => {
    const { partId } = await newPart();
    await expectRejected(
      op('stock.receive', keeper, {
        lines: [
          { part_id: partId, location_id: fx.a.warehouseId, bin_location: 'A-01', qty: 1, unit_cost: cost },
        ],
      }),
      'invalid_cost',
      reason,
    );
  });

  it('refuses too long a supplier reference and a receipt into the quarantine bin', async () => {
    const { partId } = await newPart();
    const line = { part_id: partId, location_id: fx.a.warehouseId, bin_location: 'A-01', qty: 1 };
    await expectRejected(
      op('stock.receive', keeper, { lines: [line], supplier_ref: 'x'.repeat(81) }),
      'invalid_field',
      'The supplier reference can be at most 80 characters.',
    );
    await expectRejected(
      op('stock.receive', keeper, { lines: [line, { ...line, bin_location: 'quarantine' }] }),
      'quarantine_bin',
      'Bin QUARANTINE is for defective returns; receive into another bin.',
    );
  });
});

describe('wallet.issue', () => {
  it("records the issue: the bin's change and balance, and the wallet's balance", async () => {
    const { partId } = await newPart('litre', { bins: { 'T-01': 10 }, wallets: { [tech]: 1.5 } });
    const envelope = op('wallet.issue', keeper, {
      part_id: partId,
      location_id: fx.a.warehouseId,
      bin_location: 'T-01',
      technician_id: tech,
      qty: 2.25,
    });
    await expectApplied(envelope);
    expect(await movementsOf(envelope)).toMatchObject([
      {
        movement_type: 'issue',
        bin_location: 'T-01',
        technician_id: tech,
        qty_delta: -2.25,
        qty_after: 7.75,
        wallet_qty_after: 3.75,
        unit_cost: null,
      },
    ]);
  });

  it('never issues from the quarantine bin', async () => {
    const { partId } = await newPart('piece', { bins: { QUARANTINE: 4 } });
    await expectRejected(
      op('wallet.issue', keeper, {
        part_id: partId,
        location_id: fx.a.warehouseId,
        bin_location: 'QUARANTINE',
        technician_id: tech,
        qty: 1,
      }),
      'quarantined',
      `Bin QUARANTINE of ${warehouseCode} holds defective parts; they cannot be issued or used.`,
    );
  });
});

// wallet.return ------------------------------------------------------------------------------------

describe('wallet.return', () => {
  it('puts unused parts back into a bin (a new row if needed) and takes them out of the wallet', async () => {
    const { partId } = await newPart('piece', { wallets: { [tech]: 5 } });
    const envelope = returnOp(partId, { bin_location: ' r-01 ', qty: 3, note: 'Job cancelled' });
    const result = await expectApplied(envelope);
    expect(result).toMatchObject({ bin_location: 'R-01', qty_on_hand: 3, qty_held: 2, defective: false });
    expect(await stockQty(partId, 'R-01')).toBe(3);
    expect(await walletQty(tech, partId)).toBe(2);
    expect(await movementsOf(envelope)).toEqual([
      {
        movement_type: 'return',
        part_id: partId,
        location_id: fx.a.warehouseId,
        bin_location: 'R-01',
        technician_id: tech,
        wo_id: null,
        qty_delta: 3,
        qty_after: 3,
        wallet_qty_after: 2,
        unit_cost: null,
        supplier_ref: null,
        reason: 'Job cancelled',
        performed_by_user_id: keeper,
        station_id: station(),
      },
    ]);
    expect(await auditOf(envelope)).toEqual([
      `insert inventory_stock ${by(keeper)}`,
      `insert stock_movements ${by(keeper)}`,
      `update inventory_wallets ${by(keeper)}`,
    ]);
  });

  it('sends defective parts to the QUARANTINE bin, out of usable stock, where they cannot be issued', async () => {
    const { partId, sku } = await newPart('piece', { bins: { 'A-01': 4 }, wallets: { [tech]: 2 } });
    const envelope = returnOp(partId, { bin_location: undefined, defective: true, qty: 2 });
    expect(await expectApplied(envelope)).toMatchObject({ bin_location: 'QUARANTINE', defective: true });
    expect(await stockQty(partId, 'QUARANTINE')).toBe(2);
    expect(await stockQty(partId, 'A-01')).toBe(4);
    expect(await movementsOf(envelope)).toMatchObject([
      { movement_type: 'return_defective', bin_location: 'QUARANTINE', qty_delta: 2, wallet_qty_after: 0 },
    ]);
    const { rows } = await su.query<{ q: number }>(
      'SELECT qty_on_hand::float8 AS q FROM part_stock_levels WHERE part_id = $1',
      [partId],
    );
    expect(rows).toEqual([{ q: 4 }]);
    await expectRejected(
      op('wallet.issue', keeper, {
        part_id: partId,
        location_id: fx.a.warehouseId,
        bin_location: 'QUARANTINE',
        technician_id: tech2,
        qty: 1,
      }),
      'quarantined',
      `Bin QUARANTINE of ${warehouseCode} holds defective parts; they cannot be issued or used.`,
    );
    // Naming the quarantine bin for a defective return is fine; another bin is not.
    await expectRejected(
      returnOp(partId, { defective: true, bin_location: 'a-01' }),
      'quarantine_bin',
      'Defective parts go to bin QUARANTINE, not to A-01.',
    );
    expect(sku).toMatch(/^P/);
  });

  it.each<[string, Json, string, string]>([
    [
      'usable parts into the quarantine bin',
      { bin_location: 'Quarantine' },
      'quarantine_bin',
      'Bin QUARANTINE is for defective parts; mark the return as defective or choose another bin.',
    ],
    ['no bin for usable parts', { bin_location: undefined }, 'invalid_bin', '"" is not a valid bin label.'],
    ['defective as text', { defective: 'yes' }, 'invalid_field', 'Defective must be true or false.'],
    ['a storekeeper as technician', { technician_id: 'keeper' }, 'not_a_technician', ''],
    [
      'a technician whose wallet is kept at another site',
      { technician_id: 'away' },
      'other_site',
      "Olga Away's wallet is kept at another site.",
    ],
    [
      'an unknown technician',
      { technician_id: randomUUID() },
      'unknown_technician',
      'That technician does not exist.',
    ],
    [
      "another site's warehouse",
      { location_id: 'other' },
      'other_site',
      'Warehouse {other} belongs to another site.',
    ],
  ])('refuses %s', async (_name, fields, code, reason) => {
    const { partId } = await newPart('piece', { wallets: { [tech]: 5 } });
    const resolved: Json = { ...fields };
    if (fields.technician_id === 'keeper') resolved.technician_id = keeper;
    if (fields.technician_id === 'away') resolved.technician_id = otherSiteTech;
    if (fields.location_id === 'other') resolved.location_id = otherSite.warehouseId;
    const otherCode = (
      await su.query<{ code: string }>('SELECT code FROM locations WHERE id = $1', [otherSite.warehouseId])
    ).rows[0]?.code;
    const message =
      code === 'not_a_technician'
        ? 'Sam Keeper is a storekeeper; only technicians hold a wallet.'
        : reason.replace('{other}', otherCode ?? '');
    await expectRejected(returnOp(partId, resolved), code, message);
  });

  it('never takes more out of a wallet than it holds', async () => {
    const { partId, sku } = await newPart('piece', { wallets: { [tech]: 2 } });
    await expectRejected(
      returnOp(partId, { qty: 3 }),
      'insufficient_wallet',
      `Tia Tech holds only 2 of ${sku}; cannot return 3.`,
    );
    await expectRejected(
      returnOp(partId, { technician_id: tech2, qty: 1 }),
      'insufficient_wallet',
      `Tom Tech holds no ${sku}; cannot return 1.`,
    );
    expect(await walletQty(tech, partId)).toBe(2);
  });

  it('takes parts back from a technician who has left (inactive)', async () => {
    const leaver = await insertUser(su, fx.a.tenantId, 'technician', {
      site_id: fx.a.siteId,
      is_active: false,
    });
    const { partId } = await newPart('piece', { wallets: { [leaver]: 2 } });
    await expectApplied(returnOp(partId, { technician_id: leaver, qty: 2 }));
    expect(await walletQty(leaver, partId)).toBe(0);
  });
});

// wo.consume ---------------------------------------------------------------------------------------

describe('wo.consume', () => {
  it('books parts from a wallet at the catalogue price at the moment of use', async () => {
    const { partId } = await newPart('litre', { wallets: { [tech]: 5 }, cost: 4 });
    const wo = await workOrder('in_progress');
    await su.query('UPDATE parts SET unit_cost = 4.75 WHERE id = $1', [partId]);
    const envelope = consumeOp(wo, partId, { qty: 1.5 }, tech);
    const result = await expectApplied(envelope);
    expect(result).toMatchObject({ wo_id: wo, source: 'wallet', cost_at_time: 4.75, qty_held: 3.5 });
    const { rows } = await su.query<Json>(
      `SELECT id::text, qty_used::float8 AS qty, cost_at_time::float8 AS cost, source::text, source_user_id::text,
              source_location_id, source_bin, consumed_by_user_id::text
         FROM wo_consumables WHERE wo_id = $1`,
      [wo],
    );
    expect(rows).toEqual([
      {
        id: result.consumable_id,
        qty: 1.5,
        cost: 4.75,
        source: 'wallet',
        source_user_id: tech,
        source_location_id: null,
        source_bin: null,
        consumed_by_user_id: tech,
      },
    ]);
    // A later price change does not touch what was booked.
    await su.query('UPDATE parts SET unit_cost = 9 WHERE id = $1', [partId]);
    expect(
      (await su.query('SELECT cost_at_time::float8 AS c FROM wo_consumables WHERE wo_id = $1', [wo])).rows,
    ).toEqual([{ c: 4.75 }]);
    expect(await movementsOf(envelope)).toMatchObject([
      {
        movement_type: 'consume',
        location_id: null,
        bin_location: null,
        technician_id: tech,
        wo_id: wo,
        qty_delta: -1.5,
        qty_after: 3.5,
        wallet_qty_after: 3.5,
        unit_cost: 4.75,
        performed_by_user_id: tech,
      },
    ]);
    expect(await auditOf(envelope)).toEqual([
      `insert stock_movements ${by(tech)}`,
      `insert wo_consumables ${by(tech)}`,
      `update inventory_wallets ${by(tech)}`,
    ]);
  });

  it('books parts straight from a bin (a storekeeper or a supervisor)', async () => {
    const { partId, sku } = await newPart('piece', { bins: { 'W-01': 5 } });
    const wo = await workOrder('ready');
    const fromBin = {
      source: 'warehouse',
      location_id: fx.a.warehouseId,
      bin_location: 'w-01',
      technician_id: undefined,
    };
    const envelope = consumeOp(wo, partId, { ...fromBin, qty: 2 }, supervisor);
    expect(await expectApplied(envelope)).toMatchObject({
      source: 'warehouse',
      qty_on_hand: 3,
      cost_at_time: 2.5,
    });
    expect(await movementsOf(envelope)).toMatchObject([
      { movement_type: 'consume', bin_location: 'W-01', technician_id: null, qty_delta: -2, qty_after: 3 },
    ]);
    await expectApplied(consumeOp(wo, partId, { ...fromBin, qty: 1 }, keeper));
    await expectRejected(
      consumeOp(wo, partId, { ...fromBin, qty: 3 }),
      'insufficient_stock',
      `Only 2 of ${sku} left in bin W-01; cannot use 3.`,
    );
    await expectRejected(
      consumeOp(wo, partId, { ...fromBin, bin_location: 'W-99' }),
      'no_stock',
      `There is no ${sku} in bin W-99 of ${warehouseCode}.`,
    );
    await insertStock(su, fx.a.tenantId, partId, fx.a.warehouseId, {
      bin_location: 'QUARANTINE',
      qty_on_hand: 5,
    });
    await expectRejected(
      consumeOp(wo, partId, { ...fromBin, bin_location: 'QUARANTINE' }),
      'quarantined',
      `Bin QUARANTINE of ${warehouseCode} holds defective parts; they cannot be issued or used.`,
    );
  });

  it('lets a technician book only from their own wallet', async () => {
    const { partId } = await newPart('piece', { bins: { 'W-02': 5 }, wallets: { [tech]: 3, [tech2]: 3 } });
    const wo = await workOrder('in_progress');
    await expectApplied(consumeOp(wo, partId, {}, tech));
    await expectRejected(
      consumeOp(wo, partId, { technician_id: tech2 }, tech),
      'forbidden',
      'Tia Tech (technician) can only book parts from their own wallet.',
    );
    await expectRejected(
      consumeOp(
        wo,
        partId,
        {
          source: 'warehouse',
          location_id: fx.a.warehouseId,
          bin_location: 'W-02',
          technician_id: undefined,
        },
        tech,
      ),
      'forbidden',
      'Tia Tech (technician) can only book parts from their own wallet.',
    );
    await expectRejected(
      consumeOp(wo, partId, {}, clerk),
      'forbidden',
      'Lee Clerk (logistics_clerk) is not allowed to do this (wo.consume).',
    );
  });

  it('takes work orders that are ready or in progress, drafts only with Agile Mode, never closed or cancelled ones', async () => {
    const { partId } = await newPart('piece', { wallets: { [tech]: 20 } });
    const wos = {
      draft: await workOrder('draft'),
      ready: await workOrder('ready'),
      in_progress: await workOrder('in_progress'),
      closed: await workOrder('closed'),
      cancelled: await workOrder('cancelled'),
    };
    const code = async (id: string): Promise<string> =>
      (await su.query<{ code: string }>('SELECT code FROM work_orders WHERE id = $1', [id])).rows[0]?.code ??
      '';
    await expectApplied(consumeOp(wos.ready, partId));
    await expectApplied(consumeOp(wos.in_progress, partId));
    const draftReason = `Work order ${await code(wos.draft)} is still a draft; parts can be booked once it is ready (or with Agile Mode on).`;
    await expectRejected(consumeOp(wos.draft, partId), 'wo_not_ready', draftReason);
    for (const status of ['closed', 'cancelled'] as const) {
      await expectRejected(
        consumeOp(wos[status], partId),
        'wo_closed',
        `Work order ${await code(wos[status])} is ${status}; parts can no longer be booked to it.`,
      );
    }
    await setAgileMode(true);
    try {
      await expectApplied(consumeOp(wos.draft, partId));
      await expectRejected(
        consumeOp(wos.closed, partId),
        'wo_closed',
        `Work order ${await code(wos.closed)} is closed; parts can no longer be booked to it.`,
      );
    } finally {
      await setAgileMode(false);
    }
    await expectRejected(consumeOp(wos.draft, partId), 'wo_not_ready', draftReason);
    expect(await walletQty(tech, partId)).toBe(17);
  });

  it.each<[string, Json, string, string]>([
    ["another tenant's work order", { wo_id: 'B' }, 'unknown_work_order', 'That work order does not exist.'],
    ['no work order', { wo_id: undefined }, 'missing_field', 'The work order is missing.'],
    ['no source', { source: undefined }, 'missing_field', 'The source is missing.'],
    [
      'an unknown source',
      { source: 'truck' },
      'invalid_field',
      'The source must be "wallet" or "warehouse".',
    ],
    [
      'no technician for a wallet',
      { technician_id: undefined },
      'missing_field',
      'The technician is missing.',
    ],
    [
      'half a piece',
      { qty: 0.5 },
      'invalid_quantity',
      '{sku} is counted in whole pieces; 0.5 is not a whole number.',
    ],
    [
      'more than the wallet holds',
      { qty: 4 },
      'insufficient_wallet',
      'Tia Tech holds only 3 of {sku}; cannot use 4.',
    ],
  ])('refuses %s', async (_name, fields, code, reason) => {
    const { partId, sku } = await newPart('piece', { wallets: { [tech]: 3 } });
    const wo = await workOrder('ready');
    const resolved: Json = { ...fields };
    if (fields.wo_id === 'B') resolved.wo_id = fx.b.workOrderId;
    await expectRejected(consumeOp(wo, partId, resolved), code, reason.replace('{sku}', sku));
  });
});

// stock.count --------------------------------------------------------------------------------------

describe('stock.count', () => {
  it('sets the bin to the counted quantity and books the difference with the reason', async () => {
    const { partId } = await newPart('piece', { bins: { 'C-01': 10 } });
    const down = countOp(partId, { counted_qty: 7, reason: ' Damaged in store ' });
    expect(await expectApplied(down)).toMatchObject({
      qty_before: 10,
      counted_qty: 7,
      qty_delta: -3,
      qty_on_hand: 7,
    });
    expect(await movementsOf(down)).toEqual([
      {
        movement_type: 'adjust',
        part_id: partId,
        location_id: fx.a.warehouseId,
        bin_location: 'C-01',
        technician_id: null,
        wo_id: null,
        qty_delta: -3,
        qty_after: 7,
        wallet_qty_after: null,
        unit_cost: null,
        supplier_ref: null,
        reason: 'Damaged in store',
        performed_by_user_id: keeper,
        station_id: station(),
      },
    ]);
    expect(await auditOf(down)).toEqual([
      `insert stock_movements ${by(keeper)}`,
      `update inventory_stock ${by(keeper)}`,
    ]);
    await expectApplied(countOp(partId, { counted_qty: 12 }, manager));
    expect(await stockQty(partId, 'C-01')).toBe(12);
    // A count that finds what the system has changes no stock but is recorded.
    const same = countOp(partId, { counted_qty: 12 });
    await expectApplied(same);
    expect(await movementsOf(same)).toMatchObject([{ qty_delta: 0, qty_after: 12 }]);
    expect(await auditOf(same)).toEqual([`insert stock_movements ${by(keeper)}`]);
  });

  it('creates the stock row of a bin found to hold parts; a zero count of an unknown bin creates none', async () => {
    const { partId } = await newPart('metre');
    expect(await expectApplied(countOp(partId, { bin_location: 'c-02', counted_qty: 12.5 }))).toMatchObject({
      qty_before: 0,
      qty_delta: 12.5,
    });
    expect(await stockQty(partId, 'C-02')).toBe(12.5);
    const empty = countOp(partId, { bin_location: 'C-03', counted_qty: 0 });
    expect(await expectApplied(empty)).toMatchObject({ stock_id: null, qty_delta: 0 });
    expect(await stockQty(partId, 'C-03')).toBeNull();
    expect(await movementsOf(empty)).toMatchObject([{ movement_type: 'adjust', qty_delta: 0, qty_after: 0 }]);
  });

  it('counts the quarantine bin too (a count to 0 writes scrapped parts off)', async () => {
    const { partId } = await newPart('piece', { bins: { QUARANTINE: 3 } });
    await expectApplied(countOp(partId, { bin_location: 'QUARANTINE', counted_qty: 0, reason: 'Scrapped' }));
    expect(await stockQty(partId, 'QUARANTINE')).toBe(0);
  });

  it('wins over what moved meanwhile: the server books counted minus its quantity when it applies', async () => {
    const { partId } = await newPart('piece', { bins: { 'C-04': 10 } });
    // Another counter issues 4 before the count (made when the bin showed 10) arrives.
    await expectApplied(
      op('wallet.issue', keeper, {
        part_id: partId,
        location_id: fx.a.warehouseId,
        bin_location: 'C-04',
        technician_id: tech,
        qty: 4,
      }),
    );
    const count = countOp(partId, { bin_location: 'C-04', counted_qty: 9 });
    expect(await expectApplied(count)).toMatchObject({ qty_before: 6, qty_delta: 3, qty_on_hand: 9 });
  });

  it.each<[string, Json, string, string]>([
    [
      'no reason',
      { reason: undefined },
      'missing_reason',
      'A count needs a reason (for example "cycle count").',
    ],
    [
      'a blank reason',
      { reason: '   ' },
      'missing_reason',
      'A count needs a reason (for example "cycle count").',
    ],
    ['a reason that is not text', { reason: 5 }, 'invalid_field', 'The reason must be text.'],
    ['a negative count', { counted_qty: -1 }, 'invalid_quantity', 'The counted quantity cannot be negative.'],
    ['a count as text', { counted_qty: '3' }, 'invalid_quantity', 'The counted quantity must be a number.'],
    [
      'half a piece',
      { counted_qty: 2.5 },
      'invalid_quantity',
      '{sku} is counted in whole pieces; 2.5 is not a whole number.',
    ],
    ['a bad bin', { bin_location: 'C 01' }, 'invalid_bin', '"C 01" is not a valid bin label.'],
  ])('refuses %s', async (_name, fields, code, reason) => {
    const { partId, sku } = await newPart('piece', { bins: { 'C-01': 2 } });
    await expectRejected(countOp(partId, fields), code, reason.replace('{sku}', sku));
  });

  it('is for storekeepers, managers and admins only', async () => {
    const { partId } = await newPart('piece', { bins: { 'C-01': 2 } });
    await expectRejected(
      countOp(partId, {}, tech),
      'forbidden',
      'Tia Tech (technician) is not allowed to do this (stock.count).',
    );
  });
});

// Quantities per unit ------------------------------------------------------------------------------

describe('quantities per unit', () => {
  const cases: ['piece' | 'litre', unknown, string | null][] = [
    ['piece', 1.5, '{sku} is counted in whole pieces; 1.5 is not a whole number.'],
    ['piece', 0, '{label} must be more than zero.'],
    ['litre', -0.5, '{label} must be more than zero.'],
    ['litre', 1.2345, '{label} has more than 3 decimals.'],
    ['litre', 1_000_001, '{label} of 1000001 is more than 1,000,000.'],
    ['piece', '2', '{label} must be a number.'],
    ['piece', null, '{label} must be a number.'],
    ['litre', 0.125, null],
    ['piece', 2, null],
  ];

  describe.each([
    ['wallet.return', 'The quantity returned'],
    ['wo.consume', 'The quantity used'],
  ])('%s', (type, label) => {
    it.each(cases)('%s: %j', async (unit, qty, message) => {
      const { partId, sku } = await newPart(unit, { wallets: { [tech]: 1_000_000 } });
      const wo = await workOrder('ready');
      const envelope = type === 'wallet.return' ? returnOp(partId, { qty }) : consumeOp(wo, partId, { qty });
      if (message === null) {
        await expectApplied(envelope);
        expect(await walletQty(tech, partId)).toBe(1_000_000 - Number(qty));
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

// Concurrency --------------------------------------------------------------------------------------

async function backendPid(client: pg.Client): Promise<number> {
  return (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0;
}

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

/**
 * Station A pushes `first` in an open transaction, the second station of the site pushes `second`,
 * which must wait for A's row locks; then A commits.
 */
async function race(first: Envelope, second: Envelope): Promise<[PushResult, PushResult]> {
  const pid = await backendPid(stationA2);
  await stationA.query('BEGIN');
  let one: PushResult;
  let pending: Promise<PushResult>;
  try {
    one = await push(stationA, first);
    pending = push(stationA2, second);
    await waitUntilBlocked(pid);
  } finally {
    await stationA.query('COMMIT');
  }
  return [one, await pending];
}

describe('concurrent stations', () => {
  it('two returns of the last parts of a wallet serialise: one applied, one rejected with a readable reason', async () => {
    const { partId, sku } = await newPart('piece', { wallets: { [tech]: 3 } });
    const [one, two] = await race(
      returnOp(partId, { qty: 3 }),
      returnOp(partId, { bin_location: 'R-02', qty: 2 }),
    );
    expect(one).toMatchObject({ outcome: 'applied' });
    expect(two).toMatchObject({
      outcome: 'rejected',
      code: 'insufficient_wallet',
      reason: `Tia Tech holds no ${sku}; cannot return 2.`,
    });
    expect(await walletQty(tech, partId)).toBe(0);
    expect(await stockQty(partId, 'R-02')).toBeNull();
  });

  it('a consumption waits for a return of the same wallet and sees what is left', async () => {
    const { partId, sku } = await newPart('piece', { wallets: { [tech]: 4 } });
    const wo = await workOrder('in_progress');
    const [one, two] = await race(returnOp(partId, { qty: 3 }), consumeOp(wo, partId, { qty: 2 }));
    expect(one).toMatchObject({ outcome: 'applied' });
    expect(two).toMatchObject({
      outcome: 'rejected',
      reason: `Tia Tech holds only 1 of ${sku}; cannot use 2.`,
    });
  });

  it('two consumptions from the last parts of a bin: one applied, one rejected', async () => {
    const { partId, sku } = await newPart('piece', { bins: { 'W-09': 2 } });
    const wo = await workOrder('ready');
    const fromBin = {
      source: 'warehouse',
      location_id: fx.a.warehouseId,
      bin_location: 'W-09',
      technician_id: undefined,
    };
    const [one, two] = await race(
      consumeOp(wo, partId, { ...fromBin, qty: 2 }),
      consumeOp(wo, partId, { ...fromBin, qty: 1 }),
    );
    expect(one).toMatchObject({ outcome: 'applied' });
    expect(two).toMatchObject({
      outcome: 'rejected',
      reason: `Only 0 of ${sku} left in bin W-09; cannot use 1.`,
    });
  });

  it('an issue and a return crossing between the same bin and wallet do not deadlock: both apply', async () => {
    const { partId } = await newPart('piece', { bins: { 'X-01': 5 }, wallets: { [tech]: 5 } });
    const issue = op('wallet.issue', keeper, {
      part_id: partId,
      location_id: fx.a.warehouseId,
      bin_location: 'X-01',
      technician_id: tech,
      qty: 2,
    });
    const [one, two] = await race(issue, returnOp(partId, { bin_location: 'X-01', qty: 4 }));
    expect([one.outcome, two.outcome]).toEqual(['applied', 'applied']);
    expect(await stockQty(partId, 'X-01')).toBe(7);
    expect(await walletQty(tech, partId)).toBe(3);
  });

  it('a count waits for an issue from the same bin and then sets the bin to the counted quantity', async () => {
    const { partId } = await newPart('piece', { bins: { 'X-02': 5 } });
    const issue = op('wallet.issue', keeper, {
      part_id: partId,
      location_id: fx.a.warehouseId,
      bin_location: 'X-02',
      technician_id: tech,
      qty: 2,
    });
    const [, count] = await race(issue, countOp(partId, { bin_location: 'X-02', counted_qty: 4 }));
    expect(count).toMatchObject({ outcome: 'applied', result: { qty_before: 3, qty_delta: 1 } });
    expect(await stockQty(partId, 'X-02')).toBe(4);
  });
});

// The history is read-only for stations -------------------------------------------------------------

describe('stock_movements', () => {
  it("stations read their own tenant's movements only", async () => {
    const { rows } = await su.query<{ tenant_id: string; n: number }>(
      'SELECT tenant_id::text, count(*)::int AS n FROM stock_movements GROUP BY tenant_id',
    );
    expect(rows).toEqual([{ tenant_id: fx.a.tenantId, n: expect.any(Number) as unknown }]);
    const seenByA = await stationA.query('SELECT 1 FROM stock_movements');
    expect(seenByA.rowCount).toBe(rows[0]?.n);
    expect((await stationB.query('SELECT 1 FROM stock_movements')).rowCount).toBe(0);
  });

  it.each([
    [
      'INSERT',
      `INSERT INTO stock_movements (tenant_id, op_id, station_id, movement_type, part_id, location_id, bin_location,
         qty_delta, qty_after, reason, performed_by_user_id)
       SELECT tenant_id, op_id, station_id, 'adjust', part_id, location_id, bin_location, 100, 100, 'x', performed_by_user_id
         FROM stock_movements LIMIT 1`,
    ],
    ['UPDATE', 'UPDATE stock_movements SET qty_delta = 0'],
    ['DELETE', 'DELETE FROM stock_movements'],
  ])('stations cannot %s it directly', async (_name, sql) => {
    const before = await state();
    const error = await pgErrorOf(stationA.query(sql));
    expect({ code: error.code, message: error.message }).toEqual({
      code: '42501',
      message: 'permission denied for table stock_movements',
    });
    expect(await state()).toEqual(before);
  });

  it('a movement is never changed, not even by the owner', async () => {
    const error = await pgErrorOf(
      su.query(`UPDATE stock_movements SET reason = 'edited' WHERE movement_type = 'adjust'`),
    );
    expect({ code: error.code, message: error.message }).toEqual({
      code: '42501',
      message: 'A stock movement cannot be changed; book a correcting movement (a count) instead',
    });
  });
});
