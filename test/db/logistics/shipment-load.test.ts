// shipment.load, the one test file of the operation type, on the real PostgreSQL through amms_push as
// enrolled stations' own login roles: assets with their components, a component leaving its unit,
// part lines from bins with what is already loaded on any truck counted; every refusal with its code
// and the clerk's message, and that a refusal changes nothing; and who may do it, on both sides.
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
let keeper: string;

beforeAll(async () => {
  db = await createTestDatabase();
  w = await buildLogisticsWorld(db.url);
  gate1 = w.nbo.stations[0];
  gate2 = w.nbo.stations[1];
  msaGate = w.msa.stations[0];
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

describe('shipment.load: assets', () => {
  it('loads a unit with its components (each hanging on its parent) and says nothing leaves', async () => {
    const s = await openShipment();
    const tree = await newUnitTree(w, w.nbo.yardId);
    const result = applied(
      await w.push(gate1, 'shipment.load', clerk, { shipment_id: s.id, asset_id: tree.unitId }),
    );
    expect(result).toMatchObject({ asset: tree.unitCode, leaves_parent: null, message: null });
    expect([...(result.components as string[])].sort()).toEqual(
      [...tree.componentCodes, tree.grandCode].sort(),
    );
    const movements = await movementsOf(w, s.id);
    expect(movements).toHaveLength(4);
    const byAsset = new Map(movements.map((m) => [m.asset_id, m]));
    expect(byAsset.get(tree.unitId)).toMatchObject({ status: 'loaded', parent_asset_id: null });
    expect(byAsset.get(tree.componentIds[0])).toMatchObject({ parent_asset_id: tree.unitId });
    expect(byAsset.get(tree.componentIds[1])).toMatchObject({ parent_asset_id: tree.unitId });
    expect(byAsset.get(tree.grandId)).toMatchObject({ parent_asset_id: tree.componentIds[0] });
    // Loading moves nothing yet.
    expect(await assetRow(w, tree.unitId)).toMatchObject({ location_id: w.nbo.yardId, status: 'in_service' });
  });

  it('loads a component on its own and says it leaves its unit; loading the unit afterwards takes it along', async () => {
    const s = await openShipment();
    const tree = await newUnitTree(w, w.nbo.yardId);
    const alone = applied(
      await w.push(gate1, 'shipment.load', clerk, { shipment_id: s.id, asset_id: tree.componentIds[0] }),
    );
    expect(alone).toMatchObject({
      leaves_parent: tree.unitCode,
      message: `${tree.componentCodes[0]} leaves its unit ${tree.unitCode}.`,
    });
    applied(await w.push(gate1, 'shipment.load', clerk, { shipment_id: s.id, asset_id: tree.unitId }));
    const byAsset = new Map((await movementsOf(w, s.id)).map((m) => [m.asset_id, m]));
    expect(byAsset.size).toBe(4);
    expect(byAsset.get(tree.componentIds[0])).toMatchObject({
      parent_asset_id: tree.unitId,
      detached_from_asset_id: null,
    });
    expect(byAsset.get(tree.grandId)).toMatchObject({ parent_asset_id: tree.componentIds[0] });
  });

  it('keeps the loading order of a backlog pushed in one batch (one transaction)', async () => {
    const s = await openShipment();
    const assets: { id: string; code: string }[] = [];
    for (let i = 0; i < 8; i++) assets.push(await newAsset(w, w.nbo.yardId));
    const parts: { id: string; sku: string; bin: string }[] = [];
    for (let i = 0; i < 4; i++) parts.push(await newPart(w, 5));
    const ops = assets.flatMap((a, i) => {
      const part = i % 2 === 0 ? parts[i / 2] : undefined;
      const loadAsset = w.envelope('shipment.load', clerk, { shipment_id: s.id, asset_id: a.id });
      if (!part) return [loadAsset];
      const loadPart = w.envelope('shipment.load', clerk, {
        shipment_id: s.id,
        part_id: part.id,
        location_id: w.nbo.warehouseId,
        bin_location: part.bin,
        qty: 1,
      });
      return [loadAsset, loadPart];
    });
    const results = await w.pushBatch(gate1, ops);
    expect(results.map((r) => r.outcome)).toEqual(ops.map(() => 'applied'));
    // What the station and the manifest list by: created_at, then id.
    const movements = await w.su.query<{ asset_id: string }>(
      'SELECT asset_id::text FROM asset_movements WHERE shipment_id = $1 ORDER BY created_at, id',
      [s.id],
    );
    expect(movements.rows.map((r) => r.asset_id)).toEqual(assets.map((a) => a.id));
    const lines = await w.su.query<{ part_id: string }>(
      'SELECT part_id::text FROM shipment_part_lines WHERE shipment_id = $1 ORDER BY created_at, id',
      [s.id],
    );
    expect(lines.rows.map((r) => r.part_id)).toEqual(parts.map((p) => p.id));
  });

  it('refuses an asset scanned twice, and a component already on the truck with its unit', async () => {
    const s = await openShipment();
    const tree = await newUnitTree(w, w.nbo.yardId);
    applied(await w.push(gate1, 'shipment.load', clerk, { shipment_id: s.id, asset_id: tree.unitId }));
    await expectRefused(
      gate1,
      'shipment.load',
      clerk,
      { shipment_id: s.id, asset_id: tree.unitId },
      'scanned_twice',
      `${tree.unitCode} is already on this truck (${s.ref}).`,
    );
    await expectRefused(
      gate1,
      'shipment.load',
      clerk,
      { shipment_id: s.id, asset_id: tree.componentIds[1] },
      'scanned_twice',
      `${tree.componentCodes[1]} is already on this truck (${s.ref}) with its unit ${tree.unitCode}.`,
    );
  });

  it('refuses an asset on another truck, and a unit whose component is on another truck', async () => {
    const first = await openShipment();
    const second = await openShipment(gate2);
    const tree = await newUnitTree(w, w.nbo.yardId);
    applied(
      await w.push(gate1, 'shipment.load', clerk, { shipment_id: first.id, asset_id: tree.componentIds[1] }),
    );
    await expectRefused(
      gate2,
      'shipment.load',
      clerk,
      { shipment_id: second.id, asset_id: tree.componentIds[1] },
      'already_on_shipment',
      `${tree.componentCodes[1]} is already on ${first.ref} loading at ${w.nbo.code}.`,
    );
    await expectRefused(
      gate2,
      'shipment.load',
      clerk,
      { shipment_id: second.id, asset_id: tree.unitId },
      'already_on_shipment',
      `${tree.unitCode}'s component ${tree.componentCodes[1]} is already on ${first.ref} loading at ${w.nbo.code}.`,
    );
  });

  it('refuses an asset that is not at this site, a disposed one and an unknown one', async () => {
    const s = await openShipment();
    const away = await newAsset(w, w.msa.yardId);
    await expectRefused(
      gate1,
      'shipment.load',
      clerk,
      { shipment_id: s.id, asset_id: away.id },
      'asset_other_site',
      `${away.code} is at ${w.msa.code}, not at this site (${w.nbo.code}).`,
    );
    const scrap = await newAsset(w, w.nbo.yardId, { status: 'disposed' });
    await expectRefused(
      gate1,
      'shipment.load',
      clerk,
      { shipment_id: s.id, asset_id: scrap.id },
      'asset_disposed',
      `${scrap.code} is disposed; it cannot be loaded.`,
    );
    await expectRefused(
      gate1,
      'shipment.load',
      clerk,
      { shipment_id: s.id, asset_id: randomUUID() },
      'unknown_asset',
      'That asset does not exist.',
    );
  });

  it('loads only at the sending site, and lets a storekeeper load parts but not assets', async () => {
    const s = await openShipment();
    const unit = await newAsset(w, w.nbo.yardId);
    await expectRefused(
      msaGate,
      'shipment.load',
      w.msa.users.logistics_clerk,
      { shipment_id: s.id, asset_id: unit.id },
      'other_site',
      `${s.ref} leaves from ${w.nbo.code}; it can only be loaded there.`,
    );
    await expectRefused(
      gate1,
      'shipment.load',
      keeper,
      { shipment_id: s.id, asset_id: unit.id },
      'forbidden',
      /^Storekeeper nbo \(storekeeper\) loads parts only; assets are loaded by a logistics clerk\.$/,
    );
    const part = await newPart(w, 5);
    applied(
      await w.push(gate1, 'shipment.load', keeper, {
        shipment_id: s.id,
        part_id: part.id,
        location_id: w.nbo.warehouseId,
        bin_location: part.bin,
        qty: 2,
      }),
    );
    for (const role of ['technician', 'operator'] as const) {
      const result = await w.push(gate1, 'shipment.load', w.nbo.users[role], {
        shipment_id: s.id,
        asset_id: unit.id,
      });
      expect(result).toMatchObject({ outcome: 'rejected', code: 'forbidden' });
    }
  });

  it('refuses an unknown shipment and a payload naming both or neither', async () => {
    const s = await openShipment();
    await expectRefused(
      gate1,
      'shipment.load',
      clerk,
      { shipment_id: randomUUID(), asset_id: randomUUID() },
      'unknown_shipment',
      'That shipment does not exist.',
    );
    await expectRefused(
      gate1,
      'shipment.load',
      clerk,
      { shipment_id: s.id, asset_id: randomUUID(), part_id: randomUUID() },
      'invalid_field',
      'Load an asset or a part, not both at once.',
    );
    await expectRefused(
      gate1,
      'shipment.load',
      clerk,
      { shipment_id: s.id },
      'missing_field',
      'Say what is loaded: an asset or a part.',
    );
  });
});

describe('shipment.load: parts', () => {
  it('adds a part line, and the same part from the same bin grows that line', async () => {
    const s = await openShipment();
    const part = await newPart(w, 10, 'B-02');
    const load = (qty: number) =>
      w.push(gate1, 'shipment.load', clerk, {
        shipment_id: s.id,
        part_id: part.id,
        location_id: w.nbo.warehouseId,
        bin_location: ' b-02 ',
        qty,
      });
    const first = applied(await load(3));
    const second = applied(await load(4));
    expect(first).toMatchObject({ sku: part.sku, bin_location: 'B-02', qty: 3, line_qty: 3, free_after: 7 });
    expect(second).toMatchObject({ line_id: first.line_id, qty: 4, line_qty: 7, free_after: 3 });
    // The bin still holds everything until dispatch.
    expect(await stockQty(w, part.id, w.nbo.warehouseId, 'B-02')).toBe(10);
  });

  it('counts what is loaded on any truck against the bin', async () => {
    const a = await openShipment();
    const b = await openShipment(gate2);
    const part = await newPart(w, 5);
    const payload = (shipment: string, qty: number): Json => ({
      shipment_id: shipment,
      part_id: part.id,
      location_id: w.nbo.warehouseId,
      bin_location: part.bin,
      qty,
    });
    applied(await w.push(gate1, 'shipment.load', clerk, payload(a.id, 4)));
    await expectRefused(
      gate2,
      'shipment.load',
      clerk,
      payload(b.id, 2),
      'insufficient_stock',
      `Only 1 of ${part.sku} free in bin ${part.bin} (4 more already loaded on trucks); cannot load 2.`,
    );
    await expectRefused(
      gate2,
      'shipment.load',
      clerk,
      payload(b.id, 6),
      'insufficient_stock',
      `Only 1 of ${part.sku} free in bin ${part.bin} (4 more already loaded on trucks); cannot load 6.`,
    );
    applied(await w.push(gate2, 'shipment.load', clerk, payload(b.id, 1)));
  });

  it('refuses a bin without the part, more than it holds, the quarantine bin, another site and bad quantities', async () => {
    const s = await openShipment();
    const part = await newPart(w, 3);
    const base = {
      shipment_id: s.id,
      part_id: part.id,
      location_id: w.nbo.warehouseId,
      bin_location: part.bin,
    };
    await expectRefused(
      gate1,
      'shipment.load',
      clerk,
      { ...base, bin_location: 'Z-99', qty: 1 },
      'no_stock',
      `There is no ${part.sku} in bin Z-99 of ${w.nbo.warehouseCode}.`,
    );
    await expectRefused(
      gate1,
      'shipment.load',
      clerk,
      { ...base, qty: 4 },
      'insufficient_stock',
      `Only 3 of ${part.sku} left in bin ${part.bin}; cannot load 4.`,
    );
    await expectRefused(
      gate1,
      'shipment.load',
      clerk,
      { ...base, bin_location: 'QUARANTINE', qty: 1 },
      'quarantined',
      `Bin QUARANTINE of ${w.nbo.warehouseCode} holds defective parts; they cannot be loaded.`,
    );
    await expectRefused(
      gate1,
      'shipment.load',
      clerk,
      { ...base, location_id: w.msa.warehouseId, qty: 1 },
      'other_site',
      `Warehouse ${w.msa.warehouseCode} belongs to another site.`,
    );
    await expectRefused(
      gate1,
      'shipment.load',
      clerk,
      { ...base, qty: 1.5 },
      'invalid_quantity',
      `${part.sku} is counted in whole pieces; 1.5 is not a whole number.`,
    );
    await expectRefused(
      gate1,
      'shipment.load',
      clerk,
      { ...base, qty: 0 },
      'invalid_quantity',
      'The quantity loaded must be more than zero.',
    );
  });
});

// Who may do it: through amms_push (the push fixture's tenant A) and queued on a station.
const samples = logisticsRoleSamples(usePushFixture(), useLocalStation());
describeRoles('shipment.load', samples('shipment.load'));
