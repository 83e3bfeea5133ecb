// The receiving side of a truck on the real PostgreSQL (migration 0013, db/functions/logistics),
// through amms_push as enrolled stations' own login roles: shipment.receive (blind, line by line:
// assets with their components, condition and notes, part quantities into bins of the destination,
// extras and wrong items recorded rather than refused) and shipment.finish_receipt (seals checked,
// what was not scanned becomes missing, the final state, returnable passes coming back). Every
// refusal with its code and the clerk's message, and that a refusal changes nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import {
  assetRow,
  buildLogisticsWorld,
  logisticsState,
  movementsOf,
  newAsset,
  newPart,
  newUnitTree,
  shipmentRow,
  stockQty,
  type Json,
  type LogisticsWorld,
  type PushResult,
  type UnitTree,
  type WorldStation,
} from '../helpers/logistics-world.ts';

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
  [msaGate, msaGate2] = w.msa.stations;
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

describe('shipment.receive: assets', () => {
  it('receives a unit with the components that came with it, at the destination, with their status before the trip', async () => {
    const t = await dispatchedTruck();
    const result = applied(
      await w.push(msaGate, 'shipment.receive', receiver, { shipment_id: t.id, asset_id: t.tree.unitId }),
    );
    expect(result).toMatchObject({
      kind: 'manifest',
      asset: t.tree.unitCode,
      components: 3,
      condition: 'ok',
    });
    for (const id of [t.tree.unitId, ...t.tree.componentIds, t.tree.grandId])
      expect(await assetRow(w, id)).toMatchObject({ location_id: w.msa.siteId, status: 'in_service' });
    expect(await assetRow(w, t.tree.componentIds[0])).toMatchObject({ parent_id: t.tree.unitId });
    const received = (await movementsOf(w, t.id))
      .filter((m) => m.status === 'received')
      .map((m) => m.asset_id);
    expect(received.sort()).toEqual([t.tree.unitId, ...t.tree.componentIds, t.tree.grandId].sort());
    expect(await shipmentRow(w, t.id)).toMatchObject({
      status: 'dispatched',
      receiving_station_id: msaGate.id,
    });
    // An out-of-service generator goes back to out of service, damaged with a note.
    applied(
      await w.push(msaGate, 'shipment.receive', receiver, {
        shipment_id: t.id,
        asset_id: t.single.id,
        condition: 'damaged',
        note: 'Cracked radiator',
      }),
    );
    expect(await assetRow(w, t.single.id)).toMatchObject({
      location_id: w.msa.siteId,
      status: 'out_of_service',
    });
    expect(await discrepancies(t.id)).toEqual([
      { code: 'damaged', asset_id: t.single.id, note: 'Cracked radiator' },
    ]);
  });

  it('refuses an asset scanned twice, a component after its unit, and damage without a note', async () => {
    const t = await dispatchedTruck();
    applied(
      await w.push(msaGate, 'shipment.receive', receiver, { shipment_id: t.id, asset_id: t.tree.unitId }),
    );
    await expectRefused(
      msaGate,
      'shipment.receive',
      receiver,
      { shipment_id: t.id, asset_id: t.tree.unitId },
      'scanned_twice',
      `${t.tree.unitCode} was already received from ${t.ref}.`,
    );
    await expectRefused(
      msaGate,
      'shipment.receive',
      receiver,
      { shipment_id: t.id, asset_id: t.tree.componentIds[1] },
      'scanned_twice',
      `${t.tree.componentCodes[1]} was already received from ${t.ref} with its unit ${t.tree.unitCode}.`,
    );
    await expectRefused(
      msaGate,
      'shipment.receive',
      receiver,
      { shipment_id: t.id, asset_id: t.single.id, condition: 'damaged', note: '  ' },
      'missing_note',
      'Say what is damaged: a damaged item needs a note.',
    );
    await expectRefused(
      msaGate,
      'shipment.receive',
      receiver,
      { shipment_id: t.id, asset_id: t.single.id, condition: 'bent' },
      'invalid_field',
      'The condition must be "ok" or "damaged".',
    );
  });

  it('records an asset that is not on the manifest as extra (it is here now) and one on another truck as a wrong item', async () => {
    const t = await dispatchedTruck();
    const stowaway = await newUnitTree(w, w.nbo.yardId);
    const extra = applied(
      await w.push(msaGate, 'shipment.receive', receiver, {
        shipment_id: t.id,
        asset_id: stowaway.componentIds[1],
      }),
    );
    expect(extra).toMatchObject({ kind: 'extra', asset: stowaway.componentCodes[1] });
    expect(await assetRow(w, stowaway.componentIds[1])).toMatchObject({
      location_id: w.msa.siteId,
      parent_id: null,
      status: 'in_service',
    });
    const { rows } = await w.su.query(
      `SELECT status::text, is_extra, from_location_id::text FROM asset_movements WHERE asset_id = $1`,
      [stowaway.componentIds[1]],
    );
    expect(rows).toEqual([{ status: 'received', is_extra: true, from_location_id: w.nbo.yardId }]);

    const otherTruck = await dispatchedTruck();
    const wrong = applied(
      await w.push(msaGate, 'shipment.receive', receiver, {
        shipment_id: t.id,
        asset_id: otherTruck.single.id,
      }),
    );
    expect(wrong).toMatchObject({ kind: 'wrong_item', other_gate_pass: otherTruck.ref });
    // It stays on its own truck's manifest, in transit.
    expect(await assetRow(w, otherTruck.single.id)).toMatchObject({
      status: 'in_transit',
      location_id: w.nbo.yardId,
    });
    expect(await discrepancies(t.id)).toEqual([
      { code: 'extra', asset_id: stowaway.componentIds[1] },
      {
        code: 'wrong_item',
        asset_id: otherTruck.single.id,
        note: `On ${otherTruck.ref}`,
        other_shipment_id: otherTruck.id,
      },
    ]);
  });

  it('lets a storekeeper receive parts but not assets', async () => {
    const t = await dispatchedTruck();
    await expectRefused(
      msaGate,
      'shipment.receive',
      w.msa.users.storekeeper,
      { shipment_id: t.id, asset_id: t.single.id },
      'forbidden',
      /\(storekeeper\) receives parts only; assets are received by a logistics clerk\.$/,
    );
    applied(
      await w.push(msaGate, 'shipment.receive', w.msa.users.storekeeper, {
        shipment_id: t.id,
        part_id: t.part.id,
        qty: 6,
        location_id: w.msa.warehouseId,
        bin_location: 'R-01',
      }),
    );
  });
});

describe('shipment.receive: parts', () => {
  it('puts the quantity into the bin at once and takes it off what is in transit; beyond the manifest is extra', async () => {
    const t = await dispatchedTruck();
    const receive = (qty: number, bin = 'r-01') =>
      w.push(msaGate, 'shipment.receive', receiver, {
        shipment_id: t.id,
        part_id: t.part.id,
        qty,
        location_id: w.msa.warehouseId,
        bin_location: bin,
      });
    expect(applied(await receive(4))).toMatchObject({
      kind: 'manifest',
      qty: 4,
      extra_qty: 0,
      qty_on_hand: 4,
    });
    const lineOf = async (): Promise<Json[]> =>
      (
        await w.su.query<Json>(
          `SELECT status::text, qty::float8, received_qty::float8, received_bin FROM shipment_part_lines WHERE shipment_id = $1`,
          [t.id],
        )
      ).rows;
    expect(await lineOf()).toEqual([{ status: 'in_transit', qty: 6, received_qty: 4, received_bin: 'R-01' }]);
    expect(applied(await receive(3, 'R-02'))).toMatchObject({
      kind: 'manifest',
      qty: 3,
      extra_qty: 1,
      qty_on_hand: 3,
    });
    expect(await lineOf()).toEqual([{ status: 'in_transit', qty: 6, received_qty: 6, received_bin: 'R-02' }]);
    expect(await stockQty(w, t.part.id, w.msa.warehouseId, 'R-01')).toBe(4);
    expect(await stockQty(w, t.part.id, w.msa.warehouseId, 'R-02')).toBe(3);
    expect(await stockQty(w, t.part.id, w.nbo.warehouseId, t.part.bin)).toBe(4);
    const { rows: history } = await w.su.query(
      `SELECT movement_type::text, bin_location, qty_delta::float8, shipment_id::text FROM stock_movements
        WHERE part_id = $1 ORDER BY occurred_at, id`,
      [t.part.id],
    );
    expect(history).toEqual([
      { movement_type: 'dispatch', bin_location: t.part.bin, qty_delta: -6, shipment_id: t.id },
      { movement_type: 'arrival', bin_location: 'R-01', qty_delta: 4, shipment_id: t.id },
      { movement_type: 'arrival', bin_location: 'R-02', qty_delta: 3, shipment_id: t.id },
    ]);
    expect(await discrepancies(t.id)).toEqual([{ code: 'extra', part_id: t.part.id, qty: 1 }]);
    // A part not on the manifest at all is extra too.
    const stranger = await newPart(w, 0);
    expect(
      applied(
        await w.push(msaGate, 'shipment.receive', receiver, {
          shipment_id: t.id,
          part_id: stranger.id,
          qty: 2,
          location_id: w.msa.warehouseId,
          bin_location: 'R-09',
        }),
      ),
    ).toMatchObject({ kind: 'extra', extra_qty: 2 });
  });

  it('puts damaged parts into QUARANTINE only, and usable ones anywhere else', async () => {
    const t = await dispatchedTruck();
    const base = { shipment_id: t.id, part_id: t.part.id, location_id: w.msa.warehouseId };
    await expectRefused(
      msaGate,
      'shipment.receive',
      receiver,
      { ...base, qty: 1, condition: 'damaged', note: 'Crushed box', bin_location: 'R-01' },
      'quarantine_bin',
      'Damaged parts go to bin QUARANTINE, not to R-01.',
    );
    await expectRefused(
      msaGate,
      'shipment.receive',
      receiver,
      { ...base, qty: 1, bin_location: 'quarantine' },
      'quarantine_bin',
      'Bin QUARANTINE is for damaged parts; mark them damaged or choose another bin.',
    );
    await expectRefused(
      msaGate,
      'shipment.receive',
      receiver,
      { ...base, qty: 1, location_id: w.nbo.warehouseId, bin_location: 'R-01' },
      'other_site',
      `Warehouse ${w.nbo.warehouseCode} belongs to another site.`,
    );
    expect(
      applied(
        await w.push(msaGate, 'shipment.receive', receiver, {
          ...base,
          qty: 2,
          condition: 'damaged',
          note: 'Crushed box',
        }),
      ),
    ).toMatchObject({ bin_location: 'QUARANTINE', extra_qty: 0 });
    expect(await stockQty(w, t.part.id, w.msa.warehouseId, 'QUARANTINE')).toBe(2);
    expect(await discrepancies(t.id)).toEqual([
      { code: 'damaged', part_id: t.part.id, qty: 2, note: 'Crushed box' },
    ]);
  });
});

describe('shipment.receive: which truck, where, when', () => {
  it('refuses a truck going elsewhere, still loading or cancelled', async () => {
    const t = await dispatchedTruck();
    await expectRefused(
      nboGate,
      'shipment.receive',
      sender,
      { shipment_id: t.id, asset_id: t.single.id },
      'wrong_site',
      `${t.ref} is going to ${w.msa.code}, not to this site (${w.nbo.code}).`,
    );
    const loading = randomUUID();
    const ref = w.nextRef(nboGate);
    applied(
      await w.push(nboGate, 'shipment.open', sender, {
        shipment_id: loading,
        gate_pass_ref: ref,
        destination_id: w.msa.siteId,
        vehicle_reg: 'KBZ 900T',
        driver_name: 'Ali Hassan',
        driver_id_number: 'A1234567',
      }),
    );
    await expectRefused(
      msaGate,
      'shipment.receive',
      receiver,
      { shipment_id: loading, asset_id: t.single.id },
      'not_dispatched',
      `${ref} has not been dispatched yet; it is still loading at ${w.nbo.code}.`,
    );
    applied(await w.push(nboGate, 'shipment.cancel', sender, { shipment_id: loading }));
    await expectRefused(
      msaGate,
      'shipment.receive',
      receiver,
      { shipment_id: loading, asset_id: t.single.id },
      'shipment_cancelled',
      `${ref} was cancelled; there is nothing to receive.`,
    );
  });
});

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

async function nameOf(userId: string): Promise<string> {
  const { rows } = await w.su.query<{ n: string }>('SELECT full_name AS n FROM users WHERE id = $1', [
    userId,
  ]);
  return rows[0]?.n ?? '';
}
