// shipment.receive, the one test file of the operation type, on the real PostgreSQL through amms_push
// as enrolled stations' own login roles: blind, line by line (assets with their components,
// condition and notes, part quantities into bins of the destination, extras and wrong items recorded
// rather than refused), which truck, where and when; every refusal with its code and the clerk's
// message, and that a refusal changes nothing; and who may do it, on both sides.
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
  stockQty,
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
let sender: string;
let receiver: string;

beforeAll(async () => {
  db = await createTestDatabase();
  w = await buildLogisticsWorld(db.url);
  nboGate = w.nbo.stations[0];
  msaGate = w.msa.stations[0];
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

  it('keeps the scanning order of a backlog pushed in one batch (one transaction)', async () => {
    const t = await dispatchedTruck();
    const extras: { id: string; code: string }[] = [];
    for (let i = 0; i < 4; i++) extras.push(await newAsset(w, w.msa.yardId));
    const scanned = [t.single.id, ...extras.map((a) => a.id), t.tree.unitId];
    const results = await w.pushBatch(
      msaGate,
      scanned.map((asset_id) => w.envelope('shipment.receive', receiver, { shipment_id: t.id, asset_id })),
    );
    expect(results.map((r) => r.outcome)).toEqual(scanned.map(() => 'applied'));
    // What the Receive screen and the receiving report list by: received_at, then id.
    const { rows } = await w.su.query<{ asset_id: string }>(
      'SELECT asset_id::text FROM shipment_receipt_lines WHERE shipment_id = $1 ORDER BY received_at, id',
      [t.id],
    );
    expect(rows.map((r) => r.asset_id)).toEqual(scanned);
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

// Who may do it: through amms_push (the push fixture's tenant A) and queued on a station.
const samples = logisticsRoleSamples(usePushFixture(), useLocalStation());
describeRoles('shipment.receive', samples('shipment.receive'));
