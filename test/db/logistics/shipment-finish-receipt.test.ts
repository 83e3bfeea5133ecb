// shipment.finish_receipt, the one test file of the operation type, on the real PostgreSQL through
// amms_push: seals checked, what was not scanned becomes missing, the final state, returnable passes
// coming back, only the receiving station finishes; every refusal, and that a refusal changes
// nothing; and who may do it, on both sides.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalStation } from '../../helpers/local-station.ts';
import { logisticsRoleSamples } from '../../helpers/logistics-roles.ts';
import {
  assetRow,
  buildLogisticsWorld,
  logisticsState,
  movementsOf,
  newAsset,
  newPart,
  newUnitTree,
  shipmentRow,
  type Json,
  type LogisticsWorld,
  type PushResult,
  type UnitTree,
  type WorldStation,
} from '../../helpers/logistics-world.ts';
import { usePushFixture } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';

let db: TestDatabase;
let w: LogisticsWorld;
let nboGate: WorldStation;
let msaGate: WorldStation;
let msaGate2: WorldStation;
let sender: string;
let receiver: string;

beforeAll(async () => {
  db = await createTestDatabase();
  w = await buildLogisticsWorld(db.url);
  nboGate = w.nbo.stations[0];
  msaGate = w.msa.stations[0];
  msaGate2 = w.msa.stations[1];
  sender = w.nbo.users.logistics_clerk;
  receiver = w.msa.users.logistics_clerk;
});

afterAll(async () => {
  await w.cleanup();
  await db.drop();
});

function applied(result: PushResult): Json {
  expect(result, JSON.stringify(result)).toMatchObject({ outcome: 'applied', duplicate: false });
  return result.result ?? {};
}

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

interface Truck {
  id: string;
  ref: string;
  tree: UnitTree;
  single: { id: string; code: string };
  part: { id: string; sku: string; bin: string };
}

/** A truck from NBO to MSA with a unit (3 components), a single asset and 6 pieces of a part, sealed. */
async function dispatchedTruck(extra: Json = {}, seals: string[] = ['SL-1', 'SL-2']): Promise<Truck> {
  const id = randomUUID();
  const ref = w.nextRef(nboGate);
  applied(
    await w.push(nboGate, 'shipment.open', sender, {
      shipment_id: id,
      gate_pass_ref: ref,
      destination_id: w.msa.siteId,
      vehicle_reg: 'KBZ 900T',
      driver_name: 'Ali Hassan',
      driver_id_number: 'A1234567',
      ...extra,
    }),
  );
  const tree = await newUnitTree(w, w.nbo.yardId);
  const single = await newAsset(w, w.nbo.yardId, { status: 'out_of_service' }, 'GEN');
  const part = await newPart(w, 10);
  applied(await w.push(nboGate, 'shipment.load', sender, { shipment_id: id, asset_id: tree.unitId }));
  applied(await w.push(nboGate, 'shipment.load', sender, { shipment_id: id, asset_id: single.id }));
  applied(
    await w.push(nboGate, 'shipment.load', sender, {
      shipment_id: id,
      part_id: part.id,
      location_id: w.nbo.warehouseId,
      bin_location: part.bin,
      qty: 6,
    }),
  );
  applied(await w.push(nboGate, 'shipment.dispatch', sender, { shipment_id: id, seals }));
  return { id, ref, tree, single, part };
}

const intact = (...numbers: string[]): Json[] => numbers.map((n) => ({ seal_number: n, result: 'intact' }));

async function discrepancies(shipmentId: string): Promise<Json[]> {
  const { rows } = await w.su.query<Json>(
    `SELECT code::text, asset_id::text, part_id::text, qty::float8, expected, found, note, other_shipment_id::text
       FROM shipment_discrepancies WHERE shipment_id = $1 ORDER BY code, recorded_at, id`,
    [shipmentId],
  );
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)));
}

describe('shipment.finish_receipt', () => {
  it('checks every seal, makes what was not scanned missing and ends received with discrepancies', async () => {
    const t = await dispatchedTruck({}, ['SL-1', 'SL-2', 'SL-3']);
    applied(
      await w.push(msaGate, 'shipment.receive', receiver, {
        shipment_id: t.id,
        asset_id: t.tree.componentIds[0],
      }),
    );
    applied(
      await w.push(msaGate, 'shipment.receive', receiver, {
        shipment_id: t.id,
        part_id: t.part.id,
        qty: 2,
        location_id: w.msa.warehouseId,
        bin_location: 'R-01',
      }),
    );
    const result = applied(
      await w.push(msaGate, 'shipment.finish_receipt', receiver, {
        shipment_id: t.id,
        seals: [
          { seal_number: 'sl-1', result: 'intact' },
          { seal_number: 'SL-2', result: 'broken' },
          { seal_number: 'SL-3', result: 'mismatch', found_number: 'sl-9' },
        ],
        note: 'Driver says seal 2 was cut at the weighbridge',
      }),
    );
    expect(result).toMatchObject({ status: 'received_with_discrepancies', gate_pass_ref: t.ref });
    expect(await shipmentRow(w, t.id)).toMatchObject({
      status: 'received_with_discrepancies',
      received_by_user_id: receiver,
      receipt_note: 'Driver says seal 2 was cut at the weighbridge',
    });
    // The component came off on its own (with its own component); the unit, its other
    // component and the generator are missing: in transit, where they were last recorded.
    expect(await assetRow(w, t.tree.componentIds[0])).toMatchObject({
      location_id: w.msa.siteId,
      status: 'in_service',
    });
    expect(await assetRow(w, t.tree.grandId)).toMatchObject({ location_id: w.msa.siteId });
    for (const id of [t.tree.unitId, t.tree.componentIds[1], t.single.id])
      expect(await assetRow(w, id)).toMatchObject({ status: 'in_transit', location_id: w.nbo.yardId });
    const byAsset = new Map((await movementsOf(w, t.id)).map((m) => [m.asset_id, m.status]));
    expect(byAsset.get(t.tree.unitId)).toBe('missing');
    expect(byAsset.get(t.tree.grandId)).toBe('received');
    const { rows: lines } = await w.su.query(
      `SELECT status::text, qty::float8, received_qty::float8 FROM shipment_part_lines WHERE shipment_id = $1`,
      [t.id],
    );
    expect(lines).toEqual([{ status: 'received', qty: 6, received_qty: 2 }]);
    const { rows: seals } = await w.su.query(
      `SELECT seal_number, check_result::text, found_number, checked_by_user_id::text FROM shipment_seals
        WHERE shipment_id = $1 ORDER BY seq`,
      [t.id],
    );
    expect(seals).toEqual([
      { seal_number: 'SL-1', check_result: 'intact', found_number: null, checked_by_user_id: receiver },
      { seal_number: 'SL-2', check_result: 'broken', found_number: null, checked_by_user_id: receiver },
      { seal_number: 'SL-3', check_result: 'mismatch', found_number: 'SL-9', checked_by_user_id: receiver },
    ]);
    const found = await discrepancies(t.id);
    expect(
      found
        .filter((d) => d.code === 'missing')
        .map((d) => d.asset_id ?? d.part_id)
        .sort(),
    ).toEqual([t.tree.unitId, t.tree.componentIds[1], t.single.id, t.part.id].sort());
    expect(found.find((d) => d.part_id === t.part.id)).toMatchObject({ qty: 4 });
    expect(found.filter((d) => d.code !== 'missing')).toEqual([
      { code: 'seal_broken', expected: 'SL-2' },
      { code: 'seal_mismatch', expected: 'SL-3', found: 'SL-9' },
    ]);
    // The sending site's station reads the same discrepancies.
    const { rows: seen } = await nboGate.client.query(
      'SELECT count(*)::int AS n FROM shipment_discrepancies WHERE shipment_id = $1',
      [t.id],
    );
    expect(seen).toEqual([{ n: found.length }]);
    await expectRefused(
      msaGate,
      'shipment.receive',
      receiver,
      { shipment_id: t.id, asset_id: t.single.id },
      'already_received',
      /^GP-.+ was already received by .+\.$/,
    );
  });

  it('ends received when everything came off intact', async () => {
    const t = await dispatchedTruck({}, ['SL-7']);
    applied(
      await w.push(msaGate, 'shipment.receive', receiver, { shipment_id: t.id, asset_id: t.tree.unitId }),
    );
    applied(
      await w.push(msaGate, 'shipment.receive', receiver, { shipment_id: t.id, asset_id: t.single.id }),
    );
    applied(
      await w.push(msaGate, 'shipment.receive', receiver, {
        shipment_id: t.id,
        part_id: t.part.id,
        qty: 6,
        location_id: w.msa.warehouseId,
        bin_location: 'R-01',
      }),
    );
    const result = applied(
      await w.push(msaGate, 'shipment.finish_receipt', receiver, {
        shipment_id: t.id,
        seals: intact('SL-7'),
      }),
    );
    expect(result).toEqual({
      shipment_id: t.id,
      gate_pass_ref: t.ref,
      status: 'received',
      discrepancies: [],
    });
    expect((await movementsOf(w, t.id)).every((m) => m.status === 'received')).toBe(true);
  });

  it('refuses unchecked, unknown or twice-listed seals and a mismatch without the number found', async () => {
    const t = await dispatchedTruck({}, ['SL-1', 'SL-2']);
    const finish = (seals: Json[]): Json => ({ shipment_id: t.id, seals });
    await expectRefused(
      msaGate,
      'shipment.finish_receipt',
      receiver,
      finish(intact('SL-1')),
      'seal_not_checked',
      'Check seal SL-2 before finishing.',
    );
    await expectRefused(
      msaGate,
      'shipment.finish_receipt',
      receiver,
      finish(intact('SL-1', 'SL-2', 'SL-8')),
      'unknown_seal',
      `Seal SL-8 is not on ${t.ref} (its seals: SL-1, SL-2).`,
    );
    await expectRefused(
      msaGate,
      'shipment.finish_receipt',
      receiver,
      finish(intact('SL-1', 'SL-1', 'SL-2')),
      'duplicate_seal',
      'Seal SL-1 is listed twice.',
    );
    await expectRefused(
      msaGate,
      'shipment.finish_receipt',
      receiver,
      finish([...intact('SL-1'), { seal_number: 'SL-2', result: 'mismatch' }]),
      'missing_field',
      'Seal SL-2: enter the number found on the truck.',
    );
    await expectRefused(
      msaGate,
      'shipment.finish_receipt',
      receiver,
      finish([...intact('SL-1'), { seal_number: 'SL-2', result: 'mismatch', found_number: 'SL-2' }]),
      'invalid_field',
      'Seal SL-2: the number found is the number on the pass; the seal is intact or broken.',
    );
    await expectRefused(
      msaGate,
      'shipment.finish_receipt',
      receiver,
      finish([...intact('SL-1'), { seal_number: 'SL-2', result: 'gone' }]),
      'invalid_field',
      'Seal SL-2: the result must be intact, broken or mismatch.',
    );
    await expectRefused(
      msaGate,
      'shipment.finish_receipt',
      receiver,
      { shipment_id: t.id },
      'missing_field',
      "Check the seals: give each seal's result.",
    );
    const result = await w.push(
      msaGate,
      'shipment.finish_receipt',
      w.msa.users.storekeeper,
      finish(intact('SL-1', 'SL-2')),
    );
    expect(result).toMatchObject({ outcome: 'rejected', code: 'forbidden' });
  });

  it('marks a returnable pass returned when the truck bringing its goods back is received', async () => {
    const out = await dispatchedTruck({ returnable: true, expected_return_date: '2999-06-30' }, ['SL-1']);
    applied(
      await w.push(msaGate, 'shipment.receive', receiver, { shipment_id: out.id, asset_id: out.single.id }),
    );
    applied(
      await w.push(msaGate, 'shipment.finish_receipt', receiver, {
        shipment_id: out.id,
        seals: intact('SL-1'),
      }),
    );
    expect(await shipmentRow(w, out.id)).toMatchObject({ is_returnable: true, returned_at: null });
    // The way back: MSA to NBO, naming the pass.
    const back = randomUUID();
    const badRoute = await w.push(nboGate, 'shipment.open', sender, {
      shipment_id: randomUUID(),
      gate_pass_ref: w.nextRef(nboGate),
      destination_id: w.msa.siteId,
      vehicle_reg: 'KCA 1B',
      driver_name: 'Ali Hassan',
      driver_id_number: 'A1234567',
      return_of_shipment_id: out.id,
    });
    expect(badRoute).toMatchObject({
      outcome: 'rejected',
      code: 'return_route',
      reason: `${out.ref} went from ${w.nbo.code} to ${w.msa.code}; its goods go back from ${w.msa.code} to ${w.nbo.code}.`,
    });
    applied(
      await w.push(msaGate, 'shipment.open', receiver, {
        shipment_id: back,
        gate_pass_ref: w.nextRef(msaGate),
        destination_id: w.nbo.siteId,
        vehicle_reg: 'KCA 1B',
        driver_name: 'Ali Hassan',
        driver_id_number: 'A1234567',
        return_of_shipment_id: out.id,
      }),
    );
    applied(await w.push(msaGate, 'shipment.load', receiver, { shipment_id: back, asset_id: out.single.id }));
    applied(await w.push(msaGate, 'shipment.dispatch', receiver, { shipment_id: back, seals: ['RT-1'] }));
    applied(
      await w.push(nboGate, 'shipment.receive', sender, { shipment_id: back, asset_id: out.single.id }),
    );
    applied(
      await w.push(nboGate, 'shipment.finish_receipt', sender, { shipment_id: back, seals: intact('RT-1') }),
    );
    expect(await shipmentRow(w, out.id)).toMatchObject({ returned_by_shipment_id: back });
    expect((await shipmentRow(w, out.id)).returned_at).not.toBeNull();
    expect(await assetRow(w, out.single.id)).toMatchObject({
      location_id: w.nbo.siteId,
      status: 'out_of_service',
    });
    const again = await w.push(msaGate, 'shipment.open', receiver, {
      shipment_id: randomUUID(),
      gate_pass_ref: w.nextRef(msaGate),
      destination_id: w.nbo.siteId,
      vehicle_reg: 'KCA 1B',
      driver_name: 'Ali Hassan',
      driver_id_number: 'A1234567',
      return_of_shipment_id: out.id,
    });
    expect(again).toMatchObject({
      outcome: 'rejected',
      code: 'already_returned',
      reason: `The goods of ${out.ref} are already back.`,
    });
  });

  it('lets a missing asset that turns up where it was be loaded again, with its status before the trip', async () => {
    const t = await dispatchedTruck({}, ['SL-1']);
    applied(
      await w.push(msaGate, 'shipment.finish_receipt', receiver, {
        shipment_id: t.id,
        seals: intact('SL-1'),
      }),
    );
    expect(await assetRow(w, t.single.id)).toMatchObject({ status: 'in_transit' });
    // It was left on the dock at NBO: it goes on the next truck and arrives.
    const next = randomUUID();
    applied(
      await w.push(nboGate, 'shipment.open', sender, {
        shipment_id: next,
        gate_pass_ref: w.nextRef(nboGate),
        destination_id: w.msa.siteId,
        vehicle_reg: 'KBZ 900T',
        driver_name: 'Ali Hassan',
        driver_id_number: 'A1234567',
      }),
    );
    applied(await w.push(nboGate, 'shipment.load', sender, { shipment_id: next, asset_id: t.single.id }));
    applied(await w.push(nboGate, 'shipment.dispatch', sender, { shipment_id: next, seals: ['SL-1'] }));
    applied(
      await w.push(msaGate, 'shipment.receive', receiver, { shipment_id: next, asset_id: t.single.id }),
    );
    expect(await assetRow(w, t.single.id)).toMatchObject({
      status: 'out_of_service',
      location_id: w.msa.siteId,
    });
  });

  it('only the station receiving the truck finishes it', async () => {
    const t = await dispatchedTruck({}, ['SL-1']);
    applied(
      await w.push(msaGate, 'shipment.receive', receiver, { shipment_id: t.id, asset_id: t.single.id }),
    );
    await expectRefused(
      msaGate2,
      'shipment.finish_receipt',
      receiver,
      { shipment_id: t.id, seals: intact('SL-1') },
      'receiving_elsewhere',
      `${t.ref} is being received at Gate 1 ${w.msa.code} by ${await nameOf(receiver)}; finish it there.`,
    );
  });
});

// Who may do it: through amms_push (the push fixture's tenant A) and queued on a station.
const samples = logisticsRoleSamples(usePushFixture(), useLocalStation());
describeRoles('shipment.finish_receipt', samples('shipment.finish_receipt'));

async function nameOf(userId: string): Promise<string> {
  const { rows } = await w.su.query<{ n: string }>('SELECT full_name AS n FROM users WHERE id = $1', [
    userId,
  ]);
  return rows[0]?.n ?? '';
}
