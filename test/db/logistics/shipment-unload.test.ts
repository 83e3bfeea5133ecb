// shipment.unload, the one test file of the operation type, on the real PostgreSQL through amms_push:
// a unit comes off with its components, part lines in part or whole; refusals; and who may do it, on
// both sides.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalStation } from '../../helpers/local-station.ts';
import { logisticsRoleSamples } from '../../helpers/logistics-roles.ts';
import {
  buildLogisticsWorld,
  logisticsState,
  movementsOf,
  newPart,
  newUnitTree,
  type Json,
  type LogisticsWorld,
  type PushResult,
  type WorldStation,
} from '../../helpers/logistics-world.ts';
import { usePushFixture } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';

let db: TestDatabase;
let w: LogisticsWorld;
let gate1: WorldStation;
let gate2: WorldStation;
let clerk: string;
let keeper: string;

beforeAll(async () => {
  db = await createTestDatabase();
  w = await buildLogisticsWorld(db.url);
  gate1 = w.nbo.stations[0];
  gate2 = w.nbo.stations[1];
  clerk = w.nbo.users.logistics_clerk;
  keeper = w.nbo.users.storekeeper;
});

afterAll(async () => {
  await w.cleanup();
  await db.drop();
});

function applied(result: PushResult): Json {
  expect(result, JSON.stringify(result)).toMatchObject({ outcome: 'applied', duplicate: false });
  return result.result ?? {};
}

/** Pushes an operation that must be refused with code and message, changing nothing. */
async function expectRefused(
  station: WorldStation,
  type: string,
  userId: string,
  payload: Json,
  code: string,
  reason: string | RegExp,
): Promise<void> {
  const before = await logisticsState(w);
  const result = await w.push(station, type, userId, payload);
  expect(result, JSON.stringify(result)).toMatchObject({ outcome: 'rejected', code, result: null });
  if (typeof reason === 'string') expect(result.reason).toBe(reason);
  else expect(result.reason).toMatch(reason);
  expect(await logisticsState(w)).toEqual(before);
}

function openPayload(station: WorldStation, extra: Json = {}): Json {
  return {
    shipment_id: randomUUID(),
    gate_pass_ref: w.nextRef(station),
    destination_id: w.msa.siteId,
    vehicle_reg: 'kda 123a',
    driver_name: 'Peter Otieno',
    driver_id_number: '22334455',
    ...extra,
  };
}

async function openShipment(
  station: WorldStation = gate1,
  extra: Json = {},
): Promise<{ id: string; ref: string }> {
  const payload = openPayload(station, extra);
  applied(await w.push(station, 'shipment.open', clerk, payload));
  return { id: payload.shipment_id as string, ref: payload.gate_pass_ref as string };
}

describe('shipment.unload', () => {
  it('takes a unit off with its components, and refuses a component loaded with its unit', async () => {
    const s = await openShipment();
    const tree = await newUnitTree(w, w.nbo.yardId);
    applied(await w.push(gate1, 'shipment.load', clerk, { shipment_id: s.id, asset_id: tree.unitId }));
    await expectRefused(
      gate1,
      'shipment.unload',
      clerk,
      { shipment_id: s.id, asset_id: tree.componentIds[0] },
      'loaded_with_unit',
      `${tree.componentCodes[0]} is loaded with its unit ${tree.unitCode}; unload ${tree.unitCode} to take it off.`,
    );
    const result = applied(
      await w.push(gate1, 'shipment.unload', clerk, { shipment_id: s.id, asset_id: tree.unitId }),
    );
    expect(result).toMatchObject({ asset: tree.unitCode, unloaded: 4 });
    expect((await movementsOf(w, s.id)).map((m) => m.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    // It can go on another truck now.
    const other = await openShipment(gate2);
    applied(await w.push(gate2, 'shipment.load', clerk, { shipment_id: other.id, asset_id: tree.unitId }));
    await expectRefused(
      gate1,
      'shipment.unload',
      clerk,
      { shipment_id: s.id, asset_id: tree.unitId },
      'not_on_shipment',
      `${tree.unitCode} is not on ${s.ref}.`,
    );
  });

  it('takes part of a line or all of it off, never more than is on it', async () => {
    const s = await openShipment();
    const part = await newPart(w, 10);
    const base = {
      shipment_id: s.id,
      part_id: part.id,
      location_id: w.nbo.warehouseId,
      bin_location: part.bin,
    };
    applied(await w.push(gate1, 'shipment.load', clerk, { ...base, qty: 6 }));
    expect(applied(await w.push(gate1, 'shipment.unload', keeper, { ...base, qty: 2 }))).toMatchObject({
      line_qty: 4,
    });
    await expectRefused(
      gate1,
      'shipment.unload',
      clerk,
      { ...base, qty: 5 },
      'invalid_quantity',
      `Only 4 of ${part.sku} from bin ${part.bin} are on ${s.ref}; cannot unload 5.`,
    );
    expect(applied(await w.push(gate1, 'shipment.unload', clerk, base))).toMatchObject({
      qty: 4,
      line_qty: 0,
    });
    await expectRefused(
      gate1,
      'shipment.unload',
      clerk,
      base,
      'not_on_shipment',
      `No ${part.sku} from bin ${part.bin} is on ${s.ref}.`,
    );
  });
});

// Who may do it: through amms_push (the push fixture's tenant A) and queued on a station.
const samples = logisticsRoleSamples(usePushFixture(), useLocalStation());
describeRoles('shipment.unload', samples('shipment.unload'));
