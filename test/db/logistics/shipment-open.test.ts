// shipment.open, the one test file of the operation type, on the real PostgreSQL through amms_push as
// enrolled stations' own login roles: gate pass references of the station's own prefix, driver and
// vehicle, returnable passes; every refusal with its code and the clerk's message, and that a
// refusal changes nothing; and who may do it, on both sides.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalStation } from '../../helpers/local-station.ts';
import { logisticsRoleSamples } from '../../helpers/logistics-roles.ts';
import {
  buildLogisticsWorld,
  logisticsState,
  shipmentRow,
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

beforeAll(async () => {
  db = await createTestDatabase();
  w = await buildLogisticsWorld(db.url);
  gate1 = w.nbo.stations[0];
  gate2 = w.nbo.stations[1];
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

describe('shipment.open', () => {
  it('opens a loading truck from the station site with the gate pass of its own prefix', async () => {
    expect(gate1.prefix).toMatch(/^NBO[0-9]$/);
    expect(gate2.prefix).not.toBe(gate1.prefix);
    const payload = openPayload(gate1, {
      trailer_reg: 'zf 4411',
      jms_reference: 'JMS-77120',
      notes: 'Handle with care',
    });
    const result = applied(await w.push(gate1, 'shipment.open', clerk, payload));
    expect(result).toEqual({
      shipment_id: payload.shipment_id,
      gate_pass_ref: payload.gate_pass_ref,
      destination: w.msa.code,
    });
    expect(await shipmentRow(w, payload.shipment_id as string)).toMatchObject({
      status: 'loading',
      origin_location_id: w.nbo.siteId,
      destination_location_id: w.msa.siteId,
      vehicle_reg: 'KDA 123A',
      trailer_reg: 'ZF 4411',
      driver_name: 'Peter Otieno',
      driver_id_number: '22334455',
      jms_reference: 'JMS-77120',
      notes: 'Handle with care',
      is_returnable: false,
      created_by_user_id: clerk,
    });
    const { rows } = await w.su.query<{ user_id: string; station_id: string }>(
      `SELECT user_id::text, station_id::text FROM audit_logs WHERE entity_type = 'shipments' AND entity_id = $1`,
      [payload.shipment_id],
    );
    expect(rows).toEqual([{ user_id: clerk, station_id: gate1.id }]);
  });

  it('opens a returnable pass with its expected return date', async () => {
    const payload = openPayload(gate1, { returnable: true, expected_return_date: '2999-01-31' });
    applied(await w.push(gate1, 'shipment.open', w.nbo.users.supervisor, payload));
    expect(await shipmentRow(w, payload.shipment_id as string)).toMatchObject({
      is_returnable: true,
      expected_return_date: '2999-01-31',
    });
  });

  it("refuses a gate pass reference of another station's prefix, one already used and a shipment id that exists", async () => {
    const other = w.nextRef(gate2);
    await expectRefused(
      gate1,
      'shipment.open',
      clerk,
      { ...openPayload(gate1), gate_pass_ref: other },
      'invalid_gate_pass',
      `${other} is not a gate pass reference of this station; its references are GP-${gate1.prefix}-0001, GP-${gate1.prefix}-0002 and so on.`,
    );
    const first = await openShipment(gate1);
    await expectRefused(
      gate1,
      'shipment.open',
      clerk,
      { ...openPayload(gate1), gate_pass_ref: first.ref },
      'gate_pass_taken',
      `Gate pass ${first.ref} is already used by another shipment.`,
    );
    await expectRefused(
      gate1,
      'shipment.open',
      clerk,
      { ...openPayload(gate1), shipment_id: first.id },
      'duplicate_shipment',
      'That shipment already exists.',
    );
  });

  it('refuses a destination at its own site or unknown, and missing or malformed truck details', async () => {
    await expectRefused(
      gate1,
      'shipment.open',
      clerk,
      openPayload(gate1, { destination_id: w.nbo.warehouseId }),
      'same_site',
      `${w.nbo.warehouseCode} is at this site; a truck goes to another site.`,
    );
    await expectRefused(
      gate1,
      'shipment.open',
      clerk,
      openPayload(gate1, { destination_id: randomUUID() }),
      'unknown_location',
      'That destination does not exist.',
    );
    const cases: [Json, string, string][] = [
      [{ vehicle_reg: '  ' }, 'missing_field', 'The vehicle registration is missing.'],
      [{ vehicle_reg: 'KDA_123' }, 'invalid_field', '"KDA_123" is not a valid vehicle registration.'],
      [{ driver_name: null }, 'missing_field', "The driver's name is missing."],
      [{ driver_id_number: '' }, 'missing_field', "The driver's identity document number is missing."],
      [{ driver_id_number: 'x' }, 'invalid_field', '"x" is not a valid identity document number.'],
      [
        { returnable: true },
        'missing_field',
        'A returnable pass needs the date the goods are expected back.',
      ],
      [{ returnable: 'yes' }, 'invalid_field', 'Returnable must be true or false.'],
      [
        { expected_return_date: '2999-01-01' },
        'invalid_field',
        'Only a returnable pass has an expected return date.',
      ],
      [
        { returnable: true, expected_return_date: '2020-01-01' },
        'invalid_date',
        'The expected return date cannot be in the past.',
      ],
      [
        { returnable: true, expected_return_date: '2999-02-30' },
        'invalid_date',
        '"2999-02-30" is not a date.',
      ],
      [{ gate_pass_ref: '' }, 'missing_field', 'The gate pass reference is missing.'],
    ];
    for (const [extra, code, reason] of cases)
      await expectRefused(gate1, 'shipment.open', clerk, openPayload(gate1, extra), code, reason);
  });

  it('is for logistics clerks, supervisors, managers and admins', async () => {
    for (const role of ['storekeeper', 'technician', 'operator'] as const) {
      const result = await w.push(gate1, 'shipment.open', w.nbo.users[role], openPayload(gate1));
      expect(result).toMatchObject({ outcome: 'rejected', code: 'forbidden' });
    }
    for (const role of ['manager', 'admin'] as const)
      applied(await w.push(gate1, 'shipment.open', w.nbo.users[role], openPayload(gate1)));
  });
});

// Who may do it: through amms_push (the push fixture's tenant A) and queued on a station.
const samples = logisticsRoleSamples(usePushFixture(), useLocalStation());
describeRoles('shipment.open', samples('shipment.open'));
