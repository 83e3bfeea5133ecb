// The counter operations on the station (wallet.return, wo.consume, stock.count, and the quarantine
// and unit-cost rules of stock.receive and wallet.issue), queued with submitOperation against a
// real SQLite station cache in a temporary folder. Mirror rows are written straight into the
// mirror tables, as the sync engine would have left them. Covers the payload messages, who may do
// what, the checks against the cache plus what is already pending (with the server's codes and
// messages), and the pending effects each operation leaves.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import type { UserRole } from '../../db/schema/pg/enums.ts';
import { StationCache } from '../cache/station-cache.ts';
import { OpError } from '../core/errors.ts';
import { pendingDelta, stockKey, walletKey } from '../ops/overlay.ts';
import { submitOperation, type SubmitInput } from '../ops/submit.ts';
import { STATION_OPERATIONS } from '../station/operations.ts';
import {
  buildingId,
  NAMES,
  NOW,
  otherSiteId,
  otherSiteWarehouseId,
  siteId,
  station,
  tenantId,
  users,
  warehouseId,
} from '../../test/helpers/ops-test-ids.ts';

const tech2 = uuidv7(); // Tom Tech, same site
const awayTech = uuidv7(); // Olga Away, home site is the other site
const leaver = uuidv7(); // Rob Retired, an inactive technician
const bolt = uuidv7(); // BOLT-M8, pieces
const oil = uuidv7(); // OIL-15W40, litres
const wos = {
  draft: uuidv7(),
  ready: uuidv7(),
  in_progress: uuidv7(),
  closed: uuidv7(),
  cancelled: uuidv7(),
};

let dir: string;
let cache: StationCache;

// Fixture ------------------------------------------------------------------------------------------

type Row = Record<string, string | number | null>;

function mirror(table: string, row: Row): void {
  const full: Row = {
    tenant_id: tenantId,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    row_version: 1,
    change_xid: 1000,
    ...row,
  };
  if (table === 'tenants') delete full.tenant_id;
  const columns = Object.keys(full);
  cache.writer
    .prepare(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    )
    .run(...Object.values(full));
}

function user(id: string, role: UserRole, fullName: string, site = siteId, isActive = 1): void {
  mirror('users', {
    id,
    email: `${id}@example.test`,
    full_name: fullName,
    role,
    password_hash: 'scrypt$x',
    site_id: site,
    is_active: isActive,
  });
}

function location(id: string, type: string, code: string, site: string, parent: string | null): void {
  mirror('locations', { id, parent_id: parent, name: code, type, code, site_id: site, is_active: 1 });
}

function stock(partId: string, bin: string, qty: number, locationId = warehouseId): void {
  mirror('inventory_stock', {
    id: uuidv7(),
    part_id: partId,
    location_id: locationId,
    bin_location: bin,
    qty_on_hand: qty,
  });
}

function wallet(userId: string, partId: string, qty: number): void {
  mirror('inventory_wallets', { id: uuidv7(), user_id: userId, part_id: partId, qty_held: qty });
}

function setAgileMode(on: boolean): void {
  cache.writer.prepare('UPDATE tenants SET settings = ?').run(JSON.stringify({ agile_mode: on }));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'amms-counter-'));
  cache = StationCache.open(dir);
  cache.transaction(() => {
    mirror('tenants', { id: tenantId, slug: 'acme', name: 'Acme', settings: '{"agile_mode": false}' });
    location(siteId, 'site', 'SITE-1', siteId, null);
    location(buildingId, 'building', 'BLD-1', siteId, siteId);
    location(warehouseId, 'warehouse', 'WH-1', siteId, buildingId);
    location(otherSiteId, 'site', 'SITE-2', otherSiteId, null);
    location(otherSiteWarehouseId, 'warehouse', 'WH-2', otherSiteId, otherSiteId);
    for (const role of Object.keys(users) as UserRole[]) user(users[role], role, NAMES[role]);
    user(tech2, 'technician', 'Tom Tech');
    user(awayTech, 'technician', 'Olga Away', otherSiteId);
    user(leaver, 'technician', 'Rob Retired', siteId, 0);
    mirror('parts', {
      id: bolt,
      sku: 'BOLT-M8',
      name: 'Bolt',
      min_level: 0,
      unit: 'piece',
      unit_cost: 0.4,
      is_active: 1,
    });
    mirror('parts', {
      id: oil,
      sku: 'OIL-15W40',
      name: 'Oil',
      min_level: 0,
      unit: 'litre',
      unit_cost: 4.5,
      is_active: 1,
    });
    stock(bolt, 'A-01-01', 8);
    stock(bolt, 'QUARANTINE', 2);
    stock(oil, 'T-01', 0.3);
    wallet(users.technician, bolt, 5);
    wallet(users.technician, oil, 1.5);
    wallet(tech2, bolt, 1);
    wallet(awayTech, bolt, 9);
    wallet(leaver, bolt, 2);
    const asset = uuidv7();
    mirror('assets', { id: asset, location_id: buildingId, name: 'Generator 7', status: 'in_service' });
    for (const [status, id] of Object.entries(wos)) {
      mirror('work_orders', {
        id,
        code: `WO-${status.toUpperCase().replace('_', '-')}`,
        asset_id: asset,
        status,
        origin: 'cm',
        priority: 'normal',
        title: `A ${status} work order`,
        closed_at: status === 'closed' ? '2026-11-01T00:00:00Z' : null,
      });
    }
  });
});

afterEach(() => {
  cache.close();
  rmSync(dir, { recursive: true, force: true });
});

// Helpers ------------------------------------------------------------------------------------------

function submit(input: SubmitInput): ReturnType<typeof submitOperation> {
  return submitOperation(STATION_OPERATIONS, cache, station, input, NOW);
}

function counts(): { outbox: number; effects: number } {
  return {
    outbox: cache.reader.prepare('SELECT count(*) FROM outbox').pluck().get() as number,
    effects: cache.reader.prepare('SELECT count(*) FROM pending_effects').pluck().get() as number,
  };
}

function expectRefused(input: SubmitInput, code: string, message: string): void {
  const before = counts();
  let caught: unknown;
  try {
    submit(input);
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected the station to refuse the operation').toBeInstanceOf(OpError);
  const error = caught as OpError;
  expect({ code: error.code, message: error.message }).toEqual({ code, message });
  expect(counts()).toEqual(before);
}

function effectsOf(opId: string): { entity: string; key: string; delta: number; data: unknown }[] {
  return (
    cache.reader
      .prepare('SELECT entity, key, delta, data FROM pending_effects WHERE op_id = ? ORDER BY rowid')
      .all(opId) as { entity: string; key: string; delta: number; data: string | null }[]
  ).map((e) => ({ ...e, data: e.data === null ? null : (JSON.parse(e.data) as unknown) }));
}

const shownStock = (partId: string, bin: string): number =>
  ((cache.reader
    .prepare(
      'SELECT qty_on_hand FROM inventory_stock WHERE part_id = ? AND location_id = ? AND bin_location = ?',
    )
    .pluck()
    .get(partId, warehouseId, bin) as number | undefined) ?? 0) +
  pendingDelta(cache.reader, 'stock', stockKey(partId, warehouseId, bin));

function returnOf(fields: Record<string, unknown> = {}, userId: string = users.storekeeper): SubmitInput {
  return {
    type: 'wallet.return',
    userId,
    payload: {
      part_id: bolt,
      technician_id: users.technician,
      location_id: warehouseId,
      bin_location: 'A-01-02',
      qty: 1,
      ...fields,
    },
  };
}

function consumeOf(fields: Record<string, unknown> = {}, userId: string = users.storekeeper): SubmitInput {
  return {
    type: 'wo.consume',
    userId,
    payload: {
      wo_id: wos.ready,
      part_id: bolt,
      qty: 1,
      source: 'wallet',
      technician_id: users.technician,
      ...fields,
    },
  };
}

const fromBin = { source: 'warehouse', location_id: warehouseId, bin_location: 'A-01-01' };

function countOf(fields: Record<string, unknown> = {}, userId: string = users.storekeeper): SubmitInput {
  return {
    type: 'stock.count',
    userId,
    payload: {
      part_id: bolt,
      location_id: warehouseId,
      bin_location: 'A-01-01',
      counted_qty: 6,
      reason: 'Cycle count',
      ...fields,
    },
  };
}

function issueOf(fields: Record<string, unknown> = {}): SubmitInput {
  return {
    type: 'wallet.issue',
    userId: users.storekeeper,
    payload: {
      part_id: bolt,
      location_id: warehouseId,
      bin_location: 'A-01-01',
      technician_id: users.technician,
      qty: 1,
      ...fields,
    },
  };
}

// Payload validation ---------------------------------------------------------------------------------

describe('payload validation', () => {
  it.each<[string, SubmitInput, string]>([
    [
      'a return without a bin (not defective)',
      returnOf({ bin_location: undefined }),
      'Bin must be a bin label such as A-01-03',
    ],
    ['defective as text', returnOf({ defective: 'yes' }), 'Defective must be true or false'],
    ['a return of zero', returnOf({ qty: 0 }), 'Quantity must be more than zero'],
    ['too long a note', returnOf({ note: 'n'.repeat(501) }), 'Note can be at most 500 characters'],
    [
      'a consumption without a source',
      consumeOf({ source: undefined }),
      'Source must be "wallet" or "warehouse"',
    ],
    ['an unknown source', consumeOf({ source: 'truck' }), 'Source must be "wallet" or "warehouse"'],
    [
      'a wallet consumption without technician',
      consumeOf({ technician_id: undefined }),
      'Technician must be an id',
    ],
    [
      'a bin consumption without bin',
      consumeOf({ ...fromBin, bin_location: undefined }),
      'Bin must be a bin label such as A-01-03',
    ],
    [
      'a bin consumption without warehouse',
      consumeOf({ ...fromBin, location_id: undefined }),
      'Warehouse must be an id',
    ],
    ['a work order that is not an id', consumeOf({ wo_id: 'WO-1' }), 'Work order must be an id'],
    ['a count without reason', countOf({ reason: undefined }), 'Reason is required'],
    ['a blank reason', countOf({ reason: '   ' }), 'Reason is required'],
    ['a negative count', countOf({ counted_qty: -1 }), 'Counted quantity cannot be negative'],
    ['a count as text', countOf({ counted_qty: '6' }), 'Counted quantity must be a number'],
    [
      'a negative unit cost',
      {
        type: 'stock.receive',
        userId: users.storekeeper,
        payload: {
          lines: [{ part_id: bolt, location_id: warehouseId, bin_location: 'A-01', qty: 1, unit_cost: -1 }],
        },
      },
      'Line 1: unit cost cannot be negative',
    ],
    [
      'a unit cost with 3 decimals',
      {
        type: 'stock.receive',
        userId: users.storekeeper,
        payload: {
          lines: [
            { part_id: bolt, location_id: warehouseId, bin_location: 'A-01', qty: 1, unit_cost: 1.005 },
          ],
        },
      },
      'Line 1: unit cost can have at most 2 decimals',
    ],
  ])('%s', (_name, input, message) => {
    expectRefused(input, 'invalid_input', message);
  });

  it("drops the other source's fields of a consumption (unknown fields never reach the server)", () => {
    const queued = submit(consumeOf({ location_id: warehouseId, bin_location: 'A-01-01' }));
    const payload = cache.reader
      .prepare('SELECT payload FROM outbox WHERE op_id = ?')
      .pluck()
      .get(queued.opId);
    expect(JSON.parse(payload as string)).toEqual({
      wo_id: wos.ready,
      part_id: bolt,
      qty: 1,
      source: 'wallet',
      technician_id: users.technician,
    });
  });
});

// Roles ------------------------------------------------------------------------------------------------

describe('roles', () => {
  const inputs: Record<string, (userId: string) => SubmitInput> = {
    'wallet.return': (userId) => returnOf({}, userId),
    'wo.consume': (userId) => consumeOf({}, userId),
    'stock.count': (userId) => countOf({}, userId),
  };
  const allowed: Record<string, UserRole[]> = {
    'wallet.return': ['admin', 'manager', 'storekeeper'],
    'wo.consume': ['admin', 'manager', 'storekeeper', 'supervisor', 'technician'],
    'stock.count': ['admin', 'manager', 'storekeeper'],
  };
  describe.each(Object.keys(inputs))('%s', (type) => {
    it.each(Object.keys(users) as UserRole[])('%s', (role) => {
      const input = inputs[type]?.(users[role]);
      if (!input) throw new Error(`no sample input for ${type}`);
      if (allowed[type]?.includes(role)) expect(submit(input)).toMatchObject({ type });
      else
        expectRefused(
          input,
          'forbidden',
          `${NAMES[role]} (${role.replace('_', ' ')}) is not allowed to do this.`,
        );
    });
  });
});

// wallet.return -----------------------------------------------------------------------------------------

describe('wallet.return', () => {
  it('queues the return: the bin goes up, the wallet down', () => {
    const queued = submit(returnOf({ qty: 3, bin_location: ' a-01-02 ' }));
    expect(queued.summary).toBe('Return 3 x BOLT-M8 from Tia Tech to bin A-01-02');
    expect(effectsOf(queued.opId)).toEqual([
      { entity: 'stock', key: stockKey(bolt, warehouseId, 'A-01-02'), delta: 3, data: null },
      { entity: 'wallet', key: walletKey(users.technician, bolt), delta: -3, data: null },
    ]);
  });

  it('sends defective parts to the QUARANTINE bin', () => {
    const queued = submit(returnOf({ bin_location: undefined, defective: true, qty: 2 }));
    expect(queued.summary).toBe('Return 2 x BOLT-M8 (defective) from Tia Tech to bin QUARANTINE');
    expect(effectsOf(queued.opId)[0]).toMatchObject({
      key: stockKey(bolt, warehouseId, 'QUARANTINE'),
      delta: 2,
    });
    expect(submit(returnOf({ bin_location: 'quarantine', defective: true })).type).toBe('wallet.return');
  });

  it('counts what is already pending for the wallet', () => {
    // 5 held; 2 more issued (pending) = 7; returns of 4 and 3 use them up.
    submit(issueOf({ qty: 2 }));
    submit(returnOf({ qty: 4 }));
    submit(returnOf({ qty: 3 }));
    expectRefused(returnOf({ qty: 1 }), 'insufficient_wallet', 'Tia Tech holds no BOLT-M8; cannot return 1.');
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'more than held',
      { qty: 6 },
      'insufficient_wallet',
      'Tia Tech holds only 5 of BOLT-M8; cannot return 6.',
    ],
    [
      'a part the technician does not hold',
      { part_id: oil, technician_id: tech2, qty: 1 },
      'insufficient_wallet',
      'Tom Tech holds no OIL-15W40; cannot return 1.',
    ],
    [
      'usable parts into quarantine',
      { bin_location: 'QUARANTINE' },
      'quarantine_bin',
      'Bin QUARANTINE is for defective parts; mark the return as defective or choose another bin.',
    ],
    [
      'defective parts into another bin',
      { defective: true },
      'quarantine_bin',
      'Defective parts go to bin QUARANTINE, not to A-01-02.',
    ],
    [
      'a technician of another site',
      { technician_id: awayTech },
      'other_site',
      "Olga Away's wallet is kept at another site.",
    ],
    [
      'a storekeeper as technician',
      { technician_id: users.storekeeper },
      'not_a_technician',
      'Sam Keeper is a storekeeper; only technicians hold a wallet.',
    ],
    [
      'an unknown technician',
      { technician_id: randomUUID() },
      'unknown_technician',
      'That technician does not exist.',
    ],
    [
      "another site's warehouse",
      { location_id: otherSiteWarehouseId },
      'other_site',
      'Warehouse WH-2 belongs to another site.',
    ],
    [
      'half a piece',
      { qty: 0.5 },
      'invalid_quantity',
      'BOLT-M8 is counted in whole pieces; 0.5 is not a whole number.',
    ],
  ])('refuses %s', (_name, fields, code, message) => {
    expectRefused(returnOf(fields), code, message);
  });

  it('takes parts back from a technician who has left', () => {
    expect(submit(returnOf({ technician_id: leaver, qty: 2 })).type).toBe('wallet.return');
  });
});

// wo.consume ------------------------------------------------------------------------------------------

describe('wo.consume', () => {
  it('queues a consumption from a wallet: the wallet down, a pending consumable on the work order', () => {
    const queued = submit(consumeOf({ part_id: oil, qty: 1.25 }, users.technician));
    expect(queued.summary).toBe("Use 1.25 x OIL-15W40 on WO-READY from Tia Tech's wallet");
    expect(effectsOf(queued.opId)).toEqual([
      { entity: 'wallet', key: walletKey(users.technician, oil), delta: -1.25, data: null },
      {
        entity: 'consumable',
        key: wos.ready,
        delta: 1.25,
        data: {
          wo_id: wos.ready,
          part_id: oil,
          qty: 1.25,
          source: 'wallet',
          technician_id: users.technician,
        },
      },
    ]);
  });

  it('queues a consumption from a bin: the bin down', () => {
    const queued = submit(consumeOf({ ...fromBin, qty: 3 }, users.supervisor));
    expect(queued.summary).toBe('Use 3 x BOLT-M8 on WO-READY from bin A-01-01');
    expect(effectsOf(queued.opId)[0]).toEqual({
      entity: 'stock',
      key: stockKey(bolt, warehouseId, 'A-01-01'),
      delta: -3,
      data: null,
    });
    expect(shownStock(bolt, 'A-01-01')).toBe(5);
  });

  it('takes work orders that are ready or in progress; drafts only with Agile Mode; never closed or cancelled ones', () => {
    submit(consumeOf({ wo_id: wos.ready }));
    submit(consumeOf({ wo_id: wos.in_progress }));
    const draft =
      'Work order WO-DRAFT is still a draft; parts can be booked once it is ready (or with Agile Mode on).';
    expectRefused(consumeOf({ wo_id: wos.draft }), 'wo_not_ready', draft);
    expectRefused(
      consumeOf({ wo_id: wos.closed }),
      'wo_closed',
      'Work order WO-CLOSED is closed; parts can no longer be booked to it.',
    );
    expectRefused(
      consumeOf({ wo_id: wos.cancelled }),
      'wo_closed',
      'Work order WO-CANCELLED is cancelled; parts can no longer be booked to it.',
    );
    setAgileMode(true);
    submit(consumeOf({ wo_id: wos.draft }));
    expectRefused(
      consumeOf({ wo_id: wos.closed }),
      'wo_closed',
      'Work order WO-CLOSED is closed; parts can no longer be booked to it.',
    );
  });

  it('lets a technician book only from their own wallet', () => {
    const own = 'Tia Tech (technician) can only book parts from their own wallet.';
    expectRefused(consumeOf({ technician_id: tech2 }, users.technician), 'forbidden', own);
    expectRefused(consumeOf(fromBin, users.technician), 'forbidden', own);
    expect(submit(consumeOf({}, users.technician)).type).toBe('wo.consume');
  });

  it('counts what is already pending for the wallet and the bin', () => {
    submit(consumeOf({ qty: 4 }));
    expectRefused(
      consumeOf({ qty: 2 }),
      'insufficient_wallet',
      'Tia Tech holds only 1 of BOLT-M8; cannot use 2.',
    );
    submit(issueOf({ qty: 5 }));
    expectRefused(
      consumeOf({ ...fromBin, qty: 4 }),
      'insufficient_stock',
      'Only 3 of BOLT-M8 left in bin A-01-01; cannot use 4.',
    );
    expect(submit(consumeOf({ qty: 6 })).type).toBe('wo.consume');
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'an unknown work order',
      { wo_id: randomUUID() },
      'unknown_work_order',
      'That work order does not exist.',
    ],
    [
      'the quarantine bin',
      { ...fromBin, bin_location: 'QUARANTINE' },
      'quarantined',
      'Bin QUARANTINE of WH-1 holds defective parts; they cannot be issued or used.',
    ],
    [
      "another site's warehouse",
      { ...fromBin, location_id: otherSiteWarehouseId },
      'other_site',
      'Warehouse WH-2 belongs to another site.',
    ],
    [
      'a wallet kept at another site',
      { technician_id: awayTech },
      'other_site',
      "Olga Away's wallet is kept at another site.",
    ],
    ['an unknown part', { part_id: randomUUID() }, 'unknown_part', 'That part is not in the catalogue.'],
    [
      'four decimals of a litre',
      { part_id: oil, qty: 0.0005 },
      'invalid_quantity',
      'The quantity has more than 3 decimals.',
    ],
  ])('refuses %s', (_name, fields, code, message) => {
    expectRefused(consumeOf(fields), code, message);
  });
});

// stock.count -------------------------------------------------------------------------------------------

describe('stock.count', () => {
  it('books the difference to what the counter shows (mirror plus pending), so the bin shows the count', () => {
    submit(issueOf({ qty: 3 })); // 8 - 3 = 5 shown
    const queued = submit(countOf({ counted_qty: 7, reason: ' Found behind the shelf ' }));
    expect(queued.summary).toBe('Count BOLT-M8 in bin A-01-01: 7 (Found behind the shelf)');
    expect(effectsOf(queued.opId)).toEqual([
      {
        entity: 'stock',
        key: stockKey(bolt, warehouseId, 'A-01-01'),
        delta: 2,
        data: { counted_qty: 7, shown_qty: 5 },
      },
    ]);
    expect(shownStock(bolt, 'A-01-01')).toBe(7);
    // What is issued next is checked against the count.
    expectRefused(
      issueOf({ qty: 8 }),
      'insufficient_stock',
      'Only 7 of BOLT-M8 left in bin A-01-01; cannot issue 8.',
    );
  });

  it('counts decimals exactly, a new bin and an empty bin', () => {
    const litres = submit(countOf({ part_id: oil, bin_location: 'T-01', counted_qty: 0.1 }));
    expect(effectsOf(litres.opId)[0]?.delta).toBe(-0.2);
    const found = submit(countOf({ bin_location: 'Z-09', counted_qty: 4 }));
    expect(effectsOf(found.opId)[0]).toMatchObject({ key: stockKey(bolt, warehouseId, 'Z-09'), delta: 4 });
    const empty = submit(countOf({ bin_location: 'Z-10', counted_qty: 0 }));
    expect(effectsOf(empty.opId)[0]).toMatchObject({ delta: 0 });
  });

  it('counts the quarantine bin', () => {
    expect(submit(countOf({ bin_location: 'QUARANTINE', counted_qty: 0, reason: 'Scrapped' })).type).toBe(
      'stock.count',
    );
    expect(shownStock(bolt, 'QUARANTINE')).toBe(0);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'half a piece',
      { counted_qty: 2.5 },
      'invalid_quantity',
      'BOLT-M8 is counted in whole pieces; 2.5 is not a whole number.',
    ],
    [
      'four decimals',
      { part_id: oil, counted_qty: 1.0001 },
      'invalid_quantity',
      'The counted quantity has more than 3 decimals.',
    ],
    [
      "another site's warehouse",
      { location_id: otherSiteWarehouseId },
      'other_site',
      'Warehouse WH-2 belongs to another site.',
    ],
  ])('refuses %s', (_name, fields, code, message) => {
    expectRefused(countOf(fields), code, message);
  });
});

// The quarantine bin in receipts and issues --------------------------------------------------------------

describe('quarantine', () => {
  it('refuses to issue from the quarantine bin or receive into it', () => {
    expectRefused(
      issueOf({ bin_location: 'quarantine' }),
      'quarantined',
      'Bin QUARANTINE of WH-1 holds defective parts; they cannot be issued or used.',
    );
    expectRefused(
      {
        type: 'stock.receive',
        userId: users.storekeeper,
        payload: { lines: [{ part_id: bolt, location_id: warehouseId, bin_location: 'QUARANTINE', qty: 1 }] },
      },
      'quarantine_bin',
      'Bin QUARANTINE is for defective returns; receive into another bin.',
    );
  });

  it('queues a receipt with unit costs and a supplier reference (no extra effect)', () => {
    const queued = submit({
      type: 'stock.receive',
      userId: users.storekeeper,
      payload: {
        lines: [
          { part_id: bolt, location_id: warehouseId, bin_location: 'A-01-01', qty: 2, unit_cost: 0.45 },
        ],
        supplier_ref: 'PO-7',
      },
    });
    expect(effectsOf(queued.opId)).toEqual([
      { entity: 'stock', key: stockKey(bolt, warehouseId, 'A-01-01'), delta: 2, data: null },
    ]);
  });
});
