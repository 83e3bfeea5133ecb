// shipment.dispatch, the one test file of the operation type, on the real PostgreSQL through
// amms_push: seals, assets in transit (a component loaded alone leaves its unit), parts out of their
// bins into transit; every refusal, and that a refusal changes nothing; and who may do it, on both
// sides.
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
  type WorldStation,
} from '../../helpers/logistics-world.ts';
import { usePushFixture } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';

let db: TestDatabase;
let w: LogisticsWorld;
let gate1: WorldStation;
let msaGate: WorldStation;
let clerk: string;
let keeper: string;

beforeAll(async () => {
  db = await createTestDatabase();
  w = await buildLogisticsWorld(db.url);
  gate1 = w.nbo.stations[0];
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

// Who may do it: through amms_push (the push fixture's tenant A) and queued on a station.
const samples = logisticsRoleSamples(usePushFixture(), useLocalStation());
describeRoles('shipment.dispatch', samples('shipment.dispatch'));
