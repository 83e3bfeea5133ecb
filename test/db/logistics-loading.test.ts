// The sending side of a truck on the real PostgreSQL (migration 0013, db/functions/logistics),
// pushed through amms_push as enrolled stations' own login roles: shipment.open (gate pass
// references of the station's own prefix, driver and vehicle, returnable passes), shipment.load
// (assets with their components, a component leaving its unit, part lines from bins with what is
// already loaded counted), shipment.unload, shipment.dispatch (seals, assets in transit, parts out
// of their bins into transit) and shipment.cancel. Every refusal with its code and the clerk's
// message, and that a refusal changes nothing.
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
  type WorldStation,
} from '../helpers/logistics-world.ts';

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
  [gate1, gate2] = w.nbo.stations;
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

describe('shipment.dispatch', () => {
  it('seals the truck, puts every asset in transit (a component loaded alone leaves its unit) and the parts out of their bins', async () => {
    const s = await openShipment();
    const tree = await newUnitTree(w, w.nbo.yardId);
    const other = await newUnitTree(w, w.nbo.yardId);
    const part = await newPart(w, 10);
    applied(await w.push(gate1, 'shipment.load', clerk, { shipment_id: s.id, asset_id: tree.unitId }));
    applied(
      await w.push(gate1, 'shipment.load', clerk, { shipment_id: s.id, asset_id: other.componentIds[1] }),
    );
    applied(
      await w.push(gate1, 'shipment.load', clerk, {
        shipment_id: s.id,
        part_id: part.id,
        location_id: w.nbo.warehouseId,
        bin_location: part.bin,
        qty: 4,
      }),
    );
    const opId = randomUUID();
    const result = applied(
      await w.push(
        gate1,
        'shipment.dispatch',
        clerk,
        { shipment_id: s.id, seals: [' sl-001 ', 'SL-002'] },
        opId,
      ),
    );
    // Every row the dispatch changed has its audit row, naming the clerk and the station.
    const { rows: audit } = await w.su.query<{ entity_type: string; who: string }>(
      `SELECT DISTINCT a.entity_type, a.user_id::text || '@' || a.station_id::text AS who
         FROM audit_logs a JOIN op_ledger l ON l.txid = a.txid WHERE l.op_id = $1 ORDER BY 1`,
      [opId],
    );
    expect(audit).toEqual(
      [
        'asset_movements',
        'assets',
        'inventory_stock',
        'shipment_part_lines',
        'shipment_seals',
        'shipments',
        'stock_movements',
      ].map((entity_type) => ({ entity_type, who: `${clerk}@${gate1.id}` })),
    );
    expect(result).toEqual({
      shipment_id: s.id,
      gate_pass_ref: s.ref,
      assets: 5,
      part_lines: 1,
      seals: ['SL-001', 'SL-002'],
    });
    expect(await shipmentRow(w, s.id)).toMatchObject({ status: 'dispatched', dispatched_by_user_id: clerk });
    expect((await movementsOf(w, s.id)).every((m) => m.status === 'in_transit')).toBe(true);
    for (const id of [tree.unitId, ...tree.componentIds, tree.grandId, other.componentIds[1]])
      expect((await assetRow(w, id)).status).toBe('in_transit');
    expect(await assetRow(w, tree.componentIds[0])).toMatchObject({ parent_id: tree.unitId });
    expect(await assetRow(w, other.componentIds[1])).toMatchObject({
      parent_id: null,
      location_id: w.nbo.yardId,
    });
    expect(await stockQty(w, part.id, w.nbo.warehouseId, part.bin)).toBe(6);
    const { rows: history } = await w.su.query(
      `SELECT movement_type::text, qty_delta::float8, qty_after::float8, shipment_id::text, station_id::text
         FROM stock_movements WHERE part_id = $1`,
      [part.id],
    );
    expect(history).toEqual([
      { movement_type: 'dispatch', qty_delta: -4, qty_after: 6, shipment_id: s.id, station_id: gate1.id },
    ]);
    const { rows: lines } = await w.su.query(
      `SELECT status::text, qty::float8, received_qty::float8 FROM shipment_part_lines WHERE shipment_id = $1`,
      [s.id],
    );
    expect(lines).toEqual([{ status: 'in_transit', qty: 4, received_qty: 0 }]);
    const { rows: seals } = await w.su.query(
      `SELECT seq, seal_number, sealed_by_user_id::text FROM shipment_seals WHERE shipment_id = $1 ORDER BY seq`,
      [s.id],
    );
    expect(seals).toEqual([
      { seq: 1, seal_number: 'SL-001', sealed_by_user_id: clerk },
      { seq: 2, seal_number: 'SL-002', sealed_by_user_id: clerk },
    ]);
    await expectRefused(
      gate1,
      'shipment.load',
      clerk,
      { shipment_id: s.id, asset_id: other.unitId },
      'already_dispatched',
      /^.+ was already dispatched by .+; it can no longer be loaded\.$/,
    );
    // An asset in transit is on an open movement: no other truck takes it.
    const next = await openShipment();
    await expectRefused(
      gate1,
      'shipment.load',
      clerk,
      { shipment_id: next.id, asset_id: other.componentIds[1] },
      'already_on_shipment',
      `${other.componentCodes[1]} is already on ${s.ref}, in transit from ${w.nbo.code} to ${w.msa.code}.`,
    );
  });

  it('refuses a truck without seals or with a seal twice, an empty truck, and another site', async () => {
    const s = await openShipment();
    await expectRefused(
      gate1,
      'shipment.dispatch',
      clerk,
      { shipment_id: s.id, seals: ['SL-1'] },
      'empty_shipment',
      `${s.ref} has nothing loaded; load at least one asset or part before dispatching.`,
    );
    const unit = await newAsset(w, w.nbo.yardId);
    applied(await w.push(gate1, 'shipment.load', clerk, { shipment_id: s.id, asset_id: unit.id }));
    await expectRefused(
      gate1,
      'shipment.dispatch',
      clerk,
      { shipment_id: s.id, seals: [] },
      'no_seals',
      'A truck leaves sealed: enter at least one seal number.',
    );
    await expectRefused(
      gate1,
      'shipment.dispatch',
      clerk,
      { shipment_id: s.id },
      'no_seals',
      'A truck leaves sealed: enter at least one seal number.',
    );
    await expectRefused(
      gate1,
      'shipment.dispatch',
      clerk,
      { shipment_id: s.id, seals: ['SL-1', 'sl-1'] },
      'duplicate_seal',
      'Seal SL-1 is listed twice.',
    );
    await expectRefused(
      msaGate,
      'shipment.dispatch',
      w.msa.users.logistics_clerk,
      { shipment_id: s.id, seals: ['SL-1'] },
      'other_site',
      `${s.ref} leaves from ${w.nbo.code}; it can only be dispatched there.`,
    );
    const result = await w.push(gate1, 'shipment.dispatch', keeper, { shipment_id: s.id, seals: ['SL-1'] });
    expect(result).toMatchObject({ outcome: 'rejected', code: 'forbidden' });
  });

  it('refuses when a bin no longer holds what was loaded from it, or an asset was disposed after loading', async () => {
    const s = await openShipment();
    const part = await newPart(w, 5);
    applied(
      await w.push(gate1, 'shipment.load', clerk, {
        shipment_id: s.id,
        part_id: part.id,
        location_id: w.nbo.warehouseId,
        bin_location: part.bin,
        qty: 5,
      }),
    );
    // The storekeeper issued 2 from the bin meanwhile.
    await w.su.query('UPDATE inventory_stock SET qty_on_hand = 3 WHERE part_id = $1', [part.id]);
    await expectRefused(
      gate1,
      'shipment.dispatch',
      clerk,
      { shipment_id: s.id, seals: ['SL-9'] },
      'insufficient_stock',
      `Only 3 of ${part.sku} left in bin ${part.bin}; cannot dispatch 5.`,
    );
    const t = await openShipment();
    const unit = await newAsset(w, w.nbo.yardId);
    applied(await w.push(gate1, 'shipment.load', clerk, { shipment_id: t.id, asset_id: unit.id }));
    await w.su.query(`UPDATE assets SET status = 'disposed' WHERE id = $1`, [unit.id]);
    await expectRefused(
      gate1,
      'shipment.dispatch',
      clerk,
      { shipment_id: t.id, seals: ['SL-9'] },
      'asset_disposed',
      `${unit.code} was disposed after it was loaded; unload it before dispatching.`,
    );
  });
});

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

describe('who may do what', () => {
  const allowed: Record<string, readonly string[]> = {
    'shipment.open': ['logistics_clerk', 'supervisor', 'manager', 'admin'],
    'shipment.load': ['logistics_clerk', 'storekeeper', 'supervisor', 'manager', 'admin'],
    'shipment.unload': ['logistics_clerk', 'storekeeper', 'supervisor', 'manager', 'admin'],
    'shipment.dispatch': ['logistics_clerk', 'supervisor', 'manager', 'admin'],
    'shipment.cancel': ['logistics_clerk', 'supervisor', 'manager', 'admin'],
    'shipment.receive': ['logistics_clerk', 'storekeeper', 'supervisor', 'manager', 'admin'],
    'shipment.finish_receipt': ['logistics_clerk', 'supervisor', 'manager', 'admin'],
  };
  const roles = [
    'admin',
    'manager',
    'supervisor',
    'storekeeper',
    'logistics_clerk',
    'technician',
    'operator',
  ] as const;
  it.each(Object.keys(allowed))(
    '%s: the allowed roles get past the role check, the others are refused',
    async (type) => {
      for (const role of roles) {
        // An unknown truck: an allowed role is refused for that, another role before it.
        const result = await w.push(gate1, type, w.nbo.users[role], { shipment_id: randomUUID(), seals: [] });
        if (allowed[type]?.includes(role)) expect(result.code, `${type} ${role}`).not.toBe('forbidden');
        else {
          expect(result, `${type} ${role}`).toMatchObject({ outcome: 'rejected', code: 'forbidden' });
          expect(result.reason).toMatch(
            new RegExp(`\\(${role}\\) is not allowed to do this \\(${type.replace('.', '\\.')}\\)\\.$`),
          );
        }
      }
    },
  );
});
