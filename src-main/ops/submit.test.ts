// Queueing operations on the station (submitOperation, submitBatch) against a real SQLite station
// cache in a temporary folder. The few mirror rows the checks need are written straight into the
// mirror tables, as the sync engine would have left them. Covers payload validation messages,
// unknown types, users and roles, the cache checks of each operation type (stock with what is
// already pending, quantities, scope, daily logs), what a queued operation leaves behind (outbox
// row and pending effects) and batches (all or nothing, with the failing index).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import type { UserRole } from '../../db/schema/pg/enums.ts';
import { StationCache } from '../cache/station-cache.ts';
import { OpError } from '../core/errors.ts';
import { stockKey, walletKey } from './overlay.ts';
import { OPERATIONS } from '../../src-preload/contract/operations.ts';
import { BatchError, submitBatch, submitOperation, type SubmitInput } from './submit.ts';
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

const retiredKeeper = uuidv7();
const retiredTech = uuidv7();
const bolt = uuidv7(); // BOLT-M8, counted in pieces
const oil = uuidv7(); // OIL-15W40, in litres
const generator = uuidv7(); // Generator 7, logged on 2025-03-01

let dir: string;
let cache: StationCache;

// Fixture ------------------------------------------------------------------------------------------

type Row = Record<string, string | number | null>;

/** Inserts a mirror row as the sync engine would store it (stamps filled in). */
function mirror(table: string, row: Row): void {
  const full: Row = {
    tenant_id: tenantId,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    row_version: 1,
    change_xid: 1000,
    ...row,
  };
  const columns = Object.keys(full);
  cache.writer
    .prepare(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    )
    .run(...Object.values(full));
}

function location(id: string, type: string, code: string, site: string, parent: string | null): void {
  mirror('locations', { id, parent_id: parent, name: code, type, code, site_id: site, is_active: 1 });
}

function user(id: string, role: UserRole, fullName: string, isActive = 1): void {
  mirror('users', {
    id,
    email: `${id}@example.test`,
    full_name: fullName,
    role,
    password_hash: 'scrypt$x',
    site_id: siteId,
    is_active: isActive,
  });
}

function part(id: string, sku: string, unit: string): void {
  mirror('parts', { id, sku, name: sku, min_level: 0, unit, unit_cost: 1, is_active: 1 });
}

function stock(partId: string, locationId: string, bin: string, qty: number): void {
  mirror('inventory_stock', {
    id: uuidv7(),
    part_id: partId,
    location_id: locationId,
    bin_location: bin,
    qty_on_hand: qty,
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'amms-submit-'));
  cache = StationCache.open(dir);
  cache.transaction(() => {
    location(siteId, 'site', 'SITE-1', siteId, null);
    location(buildingId, 'building', 'BLD-1', siteId, siteId);
    location(warehouseId, 'warehouse', 'WH-1', siteId, buildingId);
    location(otherSiteId, 'site', 'SITE-2', otherSiteId, null);
    location(otherSiteWarehouseId, 'warehouse', 'WH-2', otherSiteId, otherSiteId);
    for (const role of Object.keys(users) as UserRole[]) user(users[role], role, NAMES[role]);
    user(retiredKeeper, 'storekeeper', 'Rita Retired', 0);
    user(retiredTech, 'technician', 'Tom Retired', 0);
    part(bolt, 'BOLT-M8', 'piece');
    part(oil, 'OIL-15W40', 'litre');
    stock(bolt, warehouseId, 'A-01-01', 8);
    stock(oil, warehouseId, 'T-01', 0.3);
    stock(bolt, otherSiteWarehouseId, 'A-01-01', 50);
    mirror('assets', { id: generator, location_id: buildingId, name: 'Generator 7', status: 'in_service' });
    mirror('daily_logs', {
      id: uuidv7(),
      date: '2025-03-01',
      supervisor_id: users.supervisor,
      asset_id: generator,
      run_hours_added: 8,
      fuel_liters_added: 40,
    });
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

function errorOf(fn: () => unknown): OpError {
  try {
    fn();
  } catch (error) {
    if (error instanceof OpError) return error;
    throw error;
  }
  throw new Error('expected the station to refuse the operation');
}

/** Asserts that the input is refused with this code and message and that nothing was queued. */
function expectRefused(input: SubmitInput, code: string, message: string): void {
  const before = counts();
  const error = errorOf(() => submit(input));
  expect({ code: error.code, message: error.message }).toEqual({ code, message });
  expect(counts()).toEqual(before);
}

function counts(): { outbox: number; effects: number } {
  return {
    outbox: cache.reader.prepare('SELECT count(*) FROM outbox').pluck().get() as number,
    effects: cache.reader.prepare('SELECT count(*) FROM pending_effects').pluck().get() as number,
  };
}

interface EffectRow {
  op_id: string;
  entity: string;
  key: string;
  delta: number;
  data: string | null;
}

function effectsOf(opId: string): EffectRow[] {
  return cache.reader
    .prepare('SELECT op_id, entity, key, delta, data FROM pending_effects WHERE op_id = ? ORDER BY rowid')
    .all(opId) as EffectRow[];
}

function line(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { part_id: bolt, location_id: warehouseId, bin_location: 'A-01-01', qty: 1, ...fields };
}

function receive(lines: unknown[], userId: string = users.storekeeper, opId?: string): SubmitInput {
  return { type: 'stock.receive', userId, payload: { lines }, ...(opId ? { opId } : {}) };
}

function issue(fields: Record<string, unknown> = {}, userId: string = users.storekeeper): SubmitInput {
  return {
    type: 'wallet.issue',
    userId,
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

function dailyLog(fields: Record<string, unknown> = {}, userId: string = users.supervisor): SubmitInput {
  return {
    type: 'daily_log.record',
    userId,
    payload: {
      asset_id: generator,
      date: '2026-11-20',
      run_hours_added: 8,
      fuel_liters_added: 40,
      ...fields,
    },
  };
}

// Payload validation ---------------------------------------------------------------------------------

describe('payload validation', () => {
  it.each<[string, SubmitInput, string]>([
    [
      'a zero quantity on line 2',
      receive([line(), line({ qty: 0 })]),
      'Line 2: quantity must be more than zero',
    ],
    ['a negative quantity', receive([line({ qty: -1 })]), 'Line 1: quantity must be more than zero'],
    [
      'a quantity that is text',
      receive([line(), line(), line({ qty: '5' })]),
      'Line 3: quantity must be a number',
    ],
    ['a missing quantity', receive([line({ qty: undefined })]), 'Line 1: quantity must be a number'],
    [
      'too large a quantity',
      receive([line({ qty: 1_000_001 })]),
      'Line 1: quantity must be at most 1,000,000',
    ],
    ['a part that is not an id', receive([line({ part_id: 'BOLT-M8' })]), 'Line 1: part must be an id'],
    ['a missing warehouse', receive([line({ location_id: undefined })]), 'Line 1: warehouse must be an id'],
    [
      'a bad bin',
      receive([line(), line({ bin_location: 'A 01' })]),
      'Line 2: bin must be a bin label such as A-01-03',
    ],
    [
      'a missing bin',
      receive([line({ bin_location: undefined })]),
      'Line 1: bin must be a bin label such as A-01-03',
    ],
    ['no lines', receive([]), 'Receipt needs at least one line'],
    ['201 lines', receive(Array.from({ length: 201 }, () => line())), 'Receipt can have at most 200 lines'],
    [
      'too long a supplier reference',
      {
        type: 'stock.receive',
        userId: users.storekeeper,
        payload: { lines: [line()], supplier_ref: 'x'.repeat(81) },
      },
      'Supplier reference can be at most 80 characters',
    ],
    ['an issue quantity that is text', issue({ qty: 'five' }), 'Quantity must be a number'],
    ['an issue of zero', issue({ qty: 0 }), 'Quantity must be more than zero'],
    ['a missing technician', issue({ technician_id: undefined }), 'Technician must be an id'],
    ['an issue from a bad bin', issue({ bin_location: 'a 1' }), 'Bin must be a bin label such as A-01-03'],
    ['25 run hours', dailyLog({ run_hours_added: 25 }), 'Run hours cannot be more than 24 hours in a day'],
    ['negative run hours', dailyLog({ run_hours_added: -1 }), 'Run hours cannot be negative'],
    ['negative fuel', dailyLog({ fuel_liters_added: -0.5 }), 'Fuel cannot be negative'],
    ['too much fuel', dailyLog({ fuel_liters_added: 100_001 }), 'Fuel must be at most 100,000 litres'],
    ['a date in another format', dailyLog({ date: '25/11/2026' }), 'Date must be a date like 2026-11-25'],
    ['a missing date', dailyLog({ date: undefined }), 'Date must be a date like 2026-11-25'],
    ['too long notes', dailyLog({ notes: 'n'.repeat(501) }), 'Notes can be at most 500 characters'],
    ['a log id that is not an id', dailyLog({ log_id: 'today' }), 'Log id must be an id'],
  ])('%s', (_name, input, message) => {
    expectRefused(input, 'invalid_input', message);
  });

  it('names the first problem when there are several', () => {
    expectRefused(
      receive([line(), line({ qty: 0, bin_location: '' })]),
      'invalid_input',
      'Line 2: bin must be a bin label such as A-01-03',
    );
  });

  it('refuses an operation id that is not a UUID', () => {
    expectRefused(
      receive([line()], users.storekeeper, 'op-1'),
      'invalid_input',
      'The operation id must be a UUID.',
    );
  });

  it('normalises what it queues (bin labels trimmed and upper-cased)', () => {
    const queued = submit(receive([line({ bin_location: ' a-01-01 ' })]));
    const payload = cache.reader
      .prepare('SELECT payload FROM outbox WHERE op_id = ?')
      .pluck()
      .get(queued.opId);
    expect(JSON.parse(payload as string)).toEqual({ lines: [line()] });
  });
});

// Types, users and roles --------------------------------------------------------------------------------

describe('types, users and roles', () => {
  it('refuses an operation type the station does not know', () => {
    expectRefused(
      { type: 'stock.teleport', userId: users.admin, payload: {} },
      'unknown_operation',
      '"stock.teleport" is not an operation this station knows.',
    );
  });

  it.each([
    ['an unknown user', randomUUID()],
    ['an inactive user', retiredKeeper],
  ])('refuses %s', (_name, userId) => {
    expectRefused(
      receive([line()], userId),
      'unknown_user',
      'That user is not an active user of this organisation.',
    );
  });

  const inputs: Record<string, () => SubmitInput> = {
    'stock.receive': () => receive([line()]),
    'wallet.issue': () => issue(),
    'daily_log.record': () => dailyLog(),
  };
  const roles = Object.keys(users) as UserRole[];

  // The counter operations (wallet.return, wo.consume, stock.count) have their role matrix in
  // counter-ops.test.ts, with the cache rows they need.
  describe.each(Object.keys(inputs) as (keyof typeof OPERATIONS)[])('%s', (type) => {
    const allowed = OPERATIONS[type].roles;

    it('allows exactly the roles the server allows', () => {
      expect([...allowed].sort()).toEqual(
        type === 'daily_log.record'
          ? ['admin', 'manager', 'supervisor']
          : ['admin', 'manager', 'storekeeper'],
      );
    });

    it.each(roles)('%s', (role) => {
      const base = inputs[type]?.();
      if (!base) throw new Error(`no sample input for ${type}`);
      const input = { ...base, userId: users[role] };
      if (allowed.includes(role)) {
        expect(submit(input)).toMatchObject({ type });
      } else {
        expectRefused(
          input,
          'forbidden',
          `${NAMES[role]} (${role.replace('_', ' ')}) is not allowed to do this.`,
        );
      }
    });
  });
});

// stock.receive ---------------------------------------------------------------------------------------

describe('stock.receive', () => {
  it('queues the receipt with one pending stock effect per line', () => {
    const queued = submit(
      receive([line({ qty: 7 }), line({ part_id: oil, bin_location: 't-02', qty: 2.5 })], users.manager),
    );
    expect(queued).toEqual({
      opId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      seq: 1,
      type: 'stock.receive',
      summary: 'Receive 7 x BOLT-M8 and 1 more line(s)',
    });
    expect(effectsOf(queued.opId)).toEqual([
      {
        op_id: queued.opId,
        entity: 'stock',
        key: stockKey(bolt, warehouseId, 'A-01-01'),
        delta: 7,
        data: null,
      },
      {
        op_id: queued.opId,
        entity: 'stock',
        key: stockKey(oil, warehouseId, 'T-02'),
        delta: 2.5,
        data: null,
      },
    ]);
    const row = cache.reader.prepare('SELECT * FROM outbox WHERE op_id = ?').get(queued.opId);
    expect(row).toMatchObject({
      seq: 1,
      type: 'stock.receive',
      user_id: users.manager,
      summary: 'Receive 7 x BOLT-M8 and 1 more line(s)',
      created_at: NOW.toISOString(),
      status: 'pending',
      attempts: 0,
      reason_code: null,
      reason: null,
      settled: 0,
    });
  });

  it('keeps a client-chosen operation id and refuses to queue it twice', () => {
    const opId = randomUUID();
    expect(submit(receive([line()], users.storekeeper, opId)).opId).toBe(opId);
    expectRefused(
      receive([line()], users.storekeeper, opId),
      'duplicate_operation',
      `Operation ${opId} is already queued.`,
    );
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['an unknown part', { part_id: randomUUID() }, 'unknown_part', 'That part is not in the catalogue.'],
    [
      'an unknown warehouse',
      { location_id: randomUUID() },
      'unknown_location',
      'That warehouse does not exist.',
    ],
    ['a building', { location_id: buildingId }, 'not_a_warehouse', 'BLD-1 is a building, not a warehouse.'],
    [
      "another site's warehouse",
      { location_id: otherSiteWarehouseId },
      'other_site',
      'Warehouse WH-2 belongs to another site.',
    ],
    [
      'half a piece',
      { qty: 1.5 },
      'invalid_quantity',
      'BOLT-M8 is counted in whole pieces; 1.5 is not a whole number.',
    ],
    [
      'four decimals of a litre',
      { part_id: oil, qty: 1.2345 },
      'invalid_quantity',
      'Line 2: the quantity has more than 3 decimals.',
    ],
  ])('refuses %s', (_name, fields, code, message) => {
    expectRefused(receive([line(), line(fields)]), code, message);
  });
});

// wallet.issue ----------------------------------------------------------------------------------------

describe('wallet.issue', () => {
  it('queues the issue with a stock and a wallet effect', () => {
    const queued = submit(issue({ qty: 3, bin_location: 'a-01-01' }));
    expect(queued.summary).toBe('Issue 3 x BOLT-M8 to Tia Tech');
    expect(effectsOf(queued.opId)).toEqual([
      {
        op_id: queued.opId,
        entity: 'stock',
        key: stockKey(bolt, warehouseId, 'A-01-01'),
        delta: -3,
        data: null,
      },
      { op_id: queued.opId, entity: 'wallet', key: walletKey(users.technician, bolt), delta: 3, data: null },
    ]);
  });

  it('refuses more than is on hand minus what pending issues already took', () => {
    // 8 on hand; 3 and 2 are issued (pending), so 3 are left.
    submit(issue({ qty: 3 }));
    submit(issue({ qty: 2 }));
    expectRefused(
      issue({ qty: 5 }),
      'insufficient_stock',
      'Only 3 of BOLT-M8 left in bin A-01-01; cannot issue 5.',
    );
    expect(submit(issue({ qty: 3 })).type).toBe('wallet.issue');
    expectRefused(
      issue({ qty: 1 }),
      'insufficient_stock',
      'Only 0 of BOLT-M8 left in bin A-01-01; cannot issue 1.',
    );
  });

  it('counts a pending receipt into the same bin as available', () => {
    expectRefused(
      issue({ qty: 10 }),
      'insufficient_stock',
      'Only 8 of BOLT-M8 left in bin A-01-01; cannot issue 10.',
    );
    submit(receive([line({ qty: 2 })]));
    expect(submit(issue({ qty: 10 })).type).toBe('wallet.issue');
  });

  it('refuses a bin that holds none of the part', () => {
    expectRefused(
      issue({ bin_location: 'Z-99' }),
      'insufficient_stock',
      'Only 0 of BOLT-M8 left in bin Z-99; cannot issue 1.',
    );
  });

  it('issues the last decimals of a bin exactly (no floating-point shortfall)', () => {
    // 0.3 L on hand: 0.3 - 0.1 - 0.1 is 0.09999999999999998 in floating point.
    for (let i = 0; i < 3; i++) submit(issue({ part_id: oil, bin_location: 'T-01', qty: 0.1 }));
    expectRefused(
      issue({ part_id: oil, bin_location: 'T-01', qty: 0.001 }),
      'insufficient_stock',
      'Only 0 of OIL-15W40 left in bin T-01; cannot issue 0.001.',
    );
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'a retired technician',
      { technician_id: retiredTech },
      'unknown_technician',
      'That technician is not an active user.',
    ],
    [
      'an unknown technician',
      { technician_id: randomUUID() },
      'unknown_technician',
      'That technician is not an active user.',
    ],
    [
      'a storekeeper as technician',
      { technician_id: users.storekeeper },
      'not_a_technician',
      'Sam Keeper is a storekeeper; only technicians hold a wallet.',
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
    [
      'four decimals of a litre',
      { part_id: oil, bin_location: 'T-01', qty: 0.0005 },
      'invalid_quantity',
      'The quantity has more than 3 decimals.',
    ],
  ])('refuses %s', (_name, fields, code, message) => {
    expectRefused(issue(fields), code, message);
  });
});

// daily_log.record -------------------------------------------------------------------------------------

describe('daily_log.record', () => {
  it('queues the log with a daily-log effect (the payload) and a meter effect', () => {
    const queued = submit(dailyLog({ run_hours_added: 7.5, notes: ' ok ' }));
    expect(queued.summary).toBe('Daily log 2026-11-20 for Generator 7: 7.5 h, 40 L');
    const payload = {
      asset_id: generator,
      date: '2026-11-20',
      run_hours_added: 7.5,
      fuel_liters_added: 40,
      notes: 'ok',
    };
    expect(effectsOf(queued.opId)).toEqual([
      {
        op_id: queued.opId,
        entity: 'daily_log',
        key: `${generator}|2026-11-20`,
        delta: 0,
        data: JSON.stringify(payload),
      },
      { op_id: queued.opId, entity: 'meter', key: generator, delta: 7.5, data: null },
    ]);
  });

  it('refuses a second log for the same asset and day, synced or pending', () => {
    expectRefused(
      dailyLog({ date: '2025-03-01' }),
      'duplicate_daily_log',
      'Generator 7 already has a daily log for 2025-03-01.',
    );
    submit(dailyLog({ date: '2026-11-24' }));
    expectRefused(
      dailyLog({ date: '2026-11-24' }, users.manager),
      'duplicate_daily_log',
      'Generator 7 already has a daily log for 2026-11-24.',
    );
  });

  it('accepts today and tomorrow (time-zone leeway) but not later days', () => {
    submit(dailyLog({ date: '2026-11-25' }));
    submit(dailyLog({ date: '2026-11-26' }));
    expectRefused(
      dailyLog({ date: '2026-11-27' }),
      'invalid_date',
      'A daily log cannot be for a future day.',
    );
  });

  it.each(['2025-02-30', '2025-13-01', '2025-00-10'])('refuses the impossible date %s', (date) => {
    expectRefused(dailyLog({ date }), 'invalid_date', `"${date}" is not a date.`);
  });

  it('refuses an unknown asset', () => {
    expectRefused(dailyLog({ asset_id: randomUUID() }), 'unknown_asset', 'That asset does not exist.');
  });
});

// Batches -----------------------------------------------------------------------------------------------

describe('submitBatch', () => {
  function batchErrorOf(inputs: SubmitInput[]): BatchError {
    const before = counts();
    let caught: unknown;
    try {
      submitBatch(STATION_OPERATIONS, cache, station, inputs, NOW);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BatchError);
    expect(counts()).toEqual(before);
    return caught as BatchError;
  }

  it('queues every entry in order, in one transaction', () => {
    const queued = submitBatch(
      STATION_OPERATIONS,
      cache,
      station,
      [receive([line({ qty: 2 })]), issue({ qty: 10 }), dailyLog()],
      NOW,
    );
    expect(queued.map((q) => [q.seq, q.type])).toEqual([
      [1, 'stock.receive'],
      [2, 'wallet.issue'],
      [3, 'daily_log.record'],
    ]);
    expect(counts()).toEqual({ outbox: 3, effects: 5 });
  });

  it('queues nothing when an entry is invalid, and names its index', () => {
    const error = batchErrorOf([receive([line()]), issue(), dailyLog({ run_hours_added: 30 })]);
    expect({ index: error.index, code: error.code, message: error.message }).toEqual({
      index: 2,
      code: 'invalid_input',
      message: 'Run hours cannot be more than 24 hours in a day',
    });
  });

  it('queues nothing when a later entry fails against what earlier ones queued', () => {
    const error = batchErrorOf([issue({ qty: 6 }), issue({ qty: 3 }), receive([line()])]);
    expect({ index: error.index, code: error.code, message: error.message }).toEqual({
      index: 1,
      code: 'insufficient_stock',
      message: 'Only 2 of BOLT-M8 left in bin A-01-01; cannot issue 3.',
    });
    expect(submit(issue({ qty: 8 })).seq).toBe(1);
  });

  it('refuses the same operation id twice in one batch', () => {
    const opId = randomUUID();
    const error = batchErrorOf([
      receive([line()], users.storekeeper, opId),
      receive([line()], users.admin, opId),
    ]);
    expect({ index: error.index, code: error.code, message: error.message }).toEqual({
      index: 1,
      code: 'duplicate_operation',
      message: `Operation ${opId} is already queued.`,
    });
  });

  it('reports a forbidden entry with its index', () => {
    const error = batchErrorOf([dailyLog(), dailyLog({ date: '2026-11-21' }, users.storekeeper)]);
    expect({ index: error.index, code: error.code, message: error.message }).toEqual({
      index: 1,
      code: 'forbidden',
      message: 'Sam Keeper (storekeeper) is not allowed to do this.',
    });
  });
});
