// The station side of an operation's tests: a real SQLite station cache in a temporary folder
// (a new one for every test), its mirror filled as the sync engine would have left it (the ids of
// test/helpers/ops-test-ids.ts), and queueing through submitOperation with the station's registry,
// exactly as the core queues what a screen or `amms station submit` sends. Used by each operation's
// test file in test/db/<domain>/ (its local checks, next to its server tests) and by
// src-main/ops/submit.test.ts (queueing itself).
//
//   const s = useLocalStation();                 // registers beforeEach/afterEach for the file
//   s.expectRefused(issueOf({ qty: 9 }), 'insufficient_stock', 'Only 8 of BOLT-M8 left ...');
//
// The world: tenant Acme (Agile Mode off); the station's site SITE-1 with building BLD-1 and
// warehouse WH-1, another site SITE-2 with WH-2; one user per role (NAMES) and Tom Tech, Olga Away
// (a technician of SITE-2), Rob Retired (an inactive technician holding 2 BOLT-M8), Rita Retired
// and Tom Retired (inactive); BOLT-M8 (pieces) and OIL-15W40 (litres); in WH-1 8 BOLT-M8 in
// A-01-01, 2 in QUARANTINE and 0.3 L of oil in T-01, in WH-2 50 BOLT-M8 in A-01-01; wallets: Tia
// Tech 5 BOLT-M8 and 1.5 L oil, Tom Tech 1, Olga Away 9; Generator 7 with a work order in each
// state and a daily log for 2025-03-01.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import type { UserRole } from '../../db/schema/pg/enums.ts';
import { StationCache } from '../../src-main/cache/station-cache.ts';
import { OpError } from '../../src-main/core/errors.ts';
import { pendingDelta, stockKey } from '../../src-main/ops/overlay.ts';
import { submitOperation, type SubmitInput } from '../../src-main/ops/submit.ts';
import { STATION_OPERATIONS } from '../../src-main/station/operations.ts';
import {
  awayTech,
  bolt,
  buildingId,
  generator,
  leaver,
  NAMES,
  NOW,
  oil,
  otherSiteId,
  otherSiteWarehouseId,
  retiredKeeper,
  retiredTech,
  siteId,
  station,
  tech2,
  tenantId,
  users,
  warehouseId,
  wos,
} from './ops-test-ids.ts';

type Row = Record<string, string | number | null>;
type Fields = Record<string, unknown>;

export interface EffectRow {
  entity: string;
  key: string;
  delta: number;
  data: unknown;
}

export interface LocalStation {
  /** The cache of the current test. */
  readonly cache: StationCache;
  /** Inserts a mirror row as the sync engine would store it (stamps filled in). */
  mirror: (table: string, row: Row) => void;
  /** Queues an operation as the core does. */
  submit: (input: SubmitInput) => ReturnType<typeof submitOperation>;
  /** The OpError the call throws (any other outcome fails the test). */
  errorOf: (fn: () => unknown) => OpError;
  /** Asserts that the input is refused with this code and message and that nothing was queued. */
  expectRefused: (input: SubmitInput, code: string, message: string) => void;
  /** Rows of the outbox and of the pending effects. */
  counts: () => { outbox: number; effects: number };
  /** The pending effects an operation left, in order (data parsed). */
  effectsOf: (opId: string) => EffectRow[];
  /** The payload as it was queued in the outbox. */
  queuedPayload: (opId: string) => unknown;
  /** What a bin of WH-1 shows: the mirror plus the pending effects. */
  shownStock: (partId: string, bin: string) => number;
  setAgileMode: (on: boolean) => void;
}

export function useLocalStation(): LocalStation {
  let dir: string | undefined;
  let current: StationCache | undefined;
  const cache = (): StationCache => {
    if (!current) throw new Error('the station cache exists only inside a test');
    return current;
  };

  const mirror = (table: string, row: Row): void => {
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
    cache()
      .writer.prepare(
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      )
      .run(...Object.values(full));
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'amms-local-station-'));
    current = StationCache.open(dir);
    current.transaction(() => {
      fillWorld(mirror);
    });
  });

  afterEach(() => {
    current?.close();
    current = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const submit = (input: SubmitInput): ReturnType<typeof submitOperation> =>
    submitOperation(STATION_OPERATIONS, cache(), station, input, NOW);

  const counts = (): { outbox: number; effects: number } => ({
    outbox: cache().reader.prepare('SELECT count(*) FROM outbox').pluck().get() as number,
    effects: cache().reader.prepare('SELECT count(*) FROM pending_effects').pluck().get() as number,
  });

  const errorOf = (fn: () => unknown): OpError => {
    try {
      fn();
    } catch (error) {
      if (error instanceof OpError) return error;
      throw error;
    }
    throw new Error('expected the station to refuse the operation');
  };

  return {
    get cache() {
      return cache();
    },
    mirror,
    submit,
    errorOf,
    counts,
    expectRefused: (input, code, message) => {
      const before = counts();
      const error = errorOf(() => submit(input));
      expect({ code: error.code, message: error.message }).toEqual({ code, message });
      expect(counts()).toEqual(before);
    },
    effectsOf: (opId) =>
      (
        cache()
          .reader.prepare(
            'SELECT entity, key, delta, data FROM pending_effects WHERE op_id = ? ORDER BY rowid',
          )
          .all(opId) as { entity: string; key: string; delta: number; data: string | null }[]
      ).map((e) => ({ ...e, data: e.data === null ? null : (JSON.parse(e.data) as unknown) })),
    queuedPayload: (opId) =>
      JSON.parse(
        cache().reader.prepare('SELECT payload FROM outbox WHERE op_id = ?').pluck().get(opId) as string,
      ) as unknown,
    shownStock: (partId, bin) =>
      ((cache()
        .reader.prepare(
          'SELECT qty_on_hand FROM inventory_stock WHERE part_id = ? AND location_id = ? AND bin_location = ?',
        )
        .pluck()
        .get(partId, warehouseId, bin) as number | undefined) ?? 0) +
      pendingDelta(cache().reader, 'stock', stockKey(partId, warehouseId, bin)),
    setAgileMode: (on) => {
      cache()
        .writer.prepare('UPDATE tenants SET settings = ?')
        .run(JSON.stringify({ agile_mode: on }));
    },
  };
}

function fillWorld(mirror: (table: string, row: Row) => void): void {
  function location(id: string, type: string, code: string, site: string, parent: string | null): void {
    mirror('locations', { id, parent_id: parent, name: code, type, code, site_id: site, is_active: 1 });
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
  function part(id: string, sku: string, name: string, unit: string, unitCost: number): void {
    mirror('parts', { id, sku, name, min_level: 0, unit, unit_cost: unitCost, is_active: 1 });
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
  user(retiredKeeper, 'storekeeper', 'Rita Retired', siteId, 0);
  user(retiredTech, 'technician', 'Tom Retired', siteId, 0);
  part(bolt, 'BOLT-M8', 'Bolt', 'piece', 0.4);
  part(oil, 'OIL-15W40', 'Oil', 'litre', 4.5);
  stock(bolt, 'A-01-01', 8);
  stock(bolt, 'QUARANTINE', 2);
  stock(oil, 'T-01', 0.3);
  stock(bolt, 'A-01-01', 50, otherSiteWarehouseId);
  wallet(users.technician, bolt, 5);
  wallet(users.technician, oil, 1.5);
  wallet(tech2, bolt, 1);
  wallet(awayTech, bolt, 9);
  wallet(leaver, bolt, 2);
  mirror('assets', { id: generator, location_id: buildingId, name: 'Generator 7', status: 'in_service' });
  for (const [status, id] of Object.entries(wos)) {
    mirror('work_orders', {
      id,
      code: `WO-${status.toUpperCase().replace('_', '-')}`,
      asset_id: generator,
      status,
      origin: 'cm',
      priority: 'normal',
      title: `A ${status} work order`,
      closed_at: status === 'closed' ? '2026-11-01T00:00:00Z' : null,
    });
  }
  mirror('daily_logs', {
    id: uuidv7(),
    date: '2025-03-01',
    supervisor_id: users.supervisor,
    asset_id: generator,
    run_hours_added: 8,
    fuel_liters_added: 40,
  });
}

// Inputs of each operation type with sensible defaults (override any field; `undefined` drops it) --

/** A receipt line: 1 BOLT-M8 into A-01-01 of WH-1. */
export function lineOf(fields: Fields = {}): Fields {
  return { part_id: bolt, location_id: warehouseId, bin_location: 'A-01-01', qty: 1, ...fields };
}

export function receiveOf(lines: unknown[], userId: string = users.storekeeper, opId?: string): SubmitInput {
  return { type: 'stock.receive', userId, payload: { lines }, ...(opId ? { opId } : {}) };
}

/** 1 BOLT-M8 from A-01-01 to Tia Tech. */
export function issueOf(fields: Fields = {}, userId: string = users.storekeeper): SubmitInput {
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

/** 1 BOLT-M8 from Tia Tech's wallet into A-01-02. */
export function returnOf(fields: Fields = {}, userId: string = users.storekeeper): SubmitInput {
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

/** 1 BOLT-M8 on WO-READY from Tia Tech's wallet. */
export function consumeOf(fields: Fields = {}, userId: string = users.storekeeper): SubmitInput {
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

/** The fields of a consumption straight from bin A-01-01 of WH-1. */
export const fromBin = { source: 'warehouse', location_id: warehouseId, bin_location: 'A-01-01' };

/** BOLT-M8 in A-01-01 counted at 6. */
export function countOf(fields: Fields = {}, userId: string = users.storekeeper): SubmitInput {
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

/** Generator 7 on 2026-11-20: 8 h, 40 L, by Sue Visor. */
export function dailyLogOf(fields: Fields = {}, userId: string = users.supervisor): SubmitInput {
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
