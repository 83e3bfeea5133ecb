// shipment.cancel, the one test file of the operation type, on the real PostgreSQL through amms_push:
// a loading truck ends cancelled with who and why and its assets are free again; refusals; and who
// may do it, on both sides.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalStation } from '../../helpers/local-station.ts';
import { logisticsRoleSamples } from '../../helpers/logistics-roles.ts';
import {
  assetRow,
  buildLogisticsWorld,
  logisticsState,
  newAsset,
  newPart,
  newUnitTree,
  shipmentRow,
  stockQty,
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
let msaGate: WorldStation;
let clerk: string;

beforeAll(async () => {
  db = await createTestDatabase();
  w = await buildLogisticsWorld(db.url);
  gate1 = w.nbo.stations[0];
  gate2 = w.nbo.stations[1];
  msaGate = w.msa.stations[0];
  clerk = w.nbo.users.logistics_clerk;
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

describe('shipment.cancel', () => {
  it('ends a loading truck as cancelled with who and why; its assets can go on another truck', async () => {
    const s = await openShipment();
    const tree = await newUnitTree(w, w.nbo.yardId);
    const part = await newPart(w, 5);
    applied(await w.push(gate1, 'shipment.load', clerk, { shipment_id: s.id, asset_id: tree.unitId }));
    applied(
      await w.push(gate1, 'shipment.load', clerk, {
        shipment_id: s.id,
        part_id: part.id,
        location_id: w.nbo.warehouseId,
        bin_location: part.bin,
        qty: 5,
      }),
    );
    const result = applied(
      await w.push(gate1, 'shipment.cancel', w.nbo.users.supervisor, {
        shipment_id: s.id,
        reason: 'Truck broke down',
      }),
    );
    expect(result).toEqual({ shipment_id: s.id, gate_pass_ref: s.ref, assets: 4, part_lines: 1 });
    expect(await shipmentRow(w, s.id)).toMatchObject({
      status: 'cancelled',
      cancel_reason: 'Truck broke down',
      cancelled_by_user_id: w.nbo.users.supervisor,
    });
    expect(await assetRow(w, tree.unitId)).toMatchObject({ location_id: w.nbo.yardId, status: 'in_service' });
    expect(await stockQty(w, part.id, w.nbo.warehouseId, part.bin)).toBe(5);
    const next = await openShipment(gate2);
    applied(await w.push(gate2, 'shipment.load', clerk, { shipment_id: next.id, asset_id: tree.unitId }));
    applied(
      await w.push(gate2, 'shipment.load', clerk, {
        shipment_id: next.id,
        part_id: part.id,
        location_id: w.nbo.warehouseId,
        bin_location: part.bin,
        qty: 5,
      }),
    );
    await expectRefused(
      gate1,
      'shipment.cancel',
      clerk,
      { shipment_id: s.id },
      'shipment_cancelled',
      /^GP-.+ was cancelled by .+; it can no longer be cancelled\.$/,
    );
  });

  it('refuses a dispatched truck and another site', async () => {
    const s = await openShipment();
    const unit = await newAsset(w, w.nbo.yardId);
    applied(await w.push(gate1, 'shipment.load', clerk, { shipment_id: s.id, asset_id: unit.id }));
    await expectRefused(
      msaGate,
      'shipment.cancel',
      w.msa.users.logistics_clerk,
      { shipment_id: s.id },
      'other_site',
      `${s.ref} leaves from ${w.nbo.code}; it can only be cancelled there.`,
    );
    applied(await w.push(gate1, 'shipment.dispatch', clerk, { shipment_id: s.id, seals: ['SL-5'] }));
    await expectRefused(
      gate1,
      'shipment.cancel',
      clerk,
      { shipment_id: s.id },
      'already_dispatched',
      /^GP-.+ was already dispatched by .+; it can no longer be cancelled\.$/,
    );
  });
});

// Who may do it: through amms_push (the push fixture's tenant A) and queued on a station.
const samples = logisticsRoleSamples(usePushFixture(), useLocalStation());
describeRoles('shipment.cancel', samples('shipment.cancel'));
