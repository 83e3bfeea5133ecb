// Races of the logistics clerk's work on the real PostgreSQL, through amms_push as enrolled
// stations' own login roles: two stations of one site loading the same asset onto two trucks
// (pushed after working offline, and at the very same moment), two stations of the destination
// receiving the same truck, a dispatch and a cancel of the same truck. Each converges with one
// winner and a readable rejection for the other. Also what the database itself enforces whatever
// the functions do (one open movement per asset, a line's received quantity within what was
// loaded) and that stock is conserved through a whole trip: bins plus in transit plus missing.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectPgError, insertMovement } from '../helpers/base-fixture.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import {
  assetRow,
  buildLogisticsWorld,
  movementsOf,
  newAsset,
  newPart,
  shipmentRow,
  type Json,
  type LogisticsWorld,
  type PushResult,
  type WorldStation,
} from '../helpers/logistics-world.ts';

let db: TestDatabase;
let w: LogisticsWorld;
let gate1: WorldStation;
let gate2: WorldStation;
let msa1: WorldStation;
let msa2: WorldStation;
let clerk: string;
let receiver: string;

beforeAll(async () => {
  db = await createTestDatabase();
  w = await buildLogisticsWorld(db.url);
  [gate1, gate2] = w.nbo.stations;
  [msa1, msa2] = w.msa.stations;
  clerk = w.nbo.users.logistics_clerk;
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

async function open(station: WorldStation, userId = clerk): Promise<{ id: string; ref: string }> {
  const id = randomUUID();
  const ref = w.nextRef(station);
  const to = station === msa1 || station === msa2 ? w.nbo.siteId : w.msa.siteId;
  applied(
    await w.push(station, 'shipment.open', userId, {
      shipment_id: id,
      gate_pass_ref: ref,
      destination_id: to,
      vehicle_reg: 'KBX 221Q',
      driver_name: 'Joseph Mutua',
      driver_id_number: '30112233',
    }),
  );
  return { id, ref };
}

/** Runs an operation inside a transaction left open on the station's connection (it holds its locks). */
async function pushAndHold(
  station: WorldStation,
  type: string,
  userId: string,
  payload: Json,
): Promise<PushResult> {
  await station.client.query('BEGIN');
  return w.push(station, type, userId, payload);
}

/** Starts a push that will wait for the other station's locks; resolves once it is applied or refused. */
async function waitsFor(
  holder: WorldStation,
  contender: Promise<PushResult>,
  contenderClient: pg.Client,
): Promise<PushResult> {
  // The contender is really blocked on a lock before the holder commits.
  for (let i = 0; i < 100; i++) {
    const { rows } = await w.su.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid = $1`,
      [(contenderClient as unknown as { processID: number }).processID],
    );
    if ((rows[0]?.n ?? 0) > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await holder.client.query('COMMIT');
  return contender;
}

describe('two stations of one site load the same asset onto two trucks', () => {
  it('after working offline: the first pushed wins, the other is told which truck has it', async () => {
    const a = await open(gate1);
    const b = await open(gate2);
    const unit = await newAsset(w, w.nbo.yardId);
    // Both stations queued the load while offline; gate 2 comes online first.
    applied(await w.push(gate2, 'shipment.load', clerk, { shipment_id: b.id, asset_id: unit.id }));
    const late = await w.push(gate1, 'shipment.load', clerk, { shipment_id: a.id, asset_id: unit.id });
    expect(late).toMatchObject({
      outcome: 'rejected',
      code: 'already_on_shipment',
      reason: `${unit.code} is already on ${b.ref} loading at ${w.nbo.code}.`,
    });
    expect((await movementsOf(w, a.id)).length).toBe(0);
    expect((await movementsOf(w, b.id)).map((m) => m.asset_id)).toEqual([unit.id]);
  });

  it('at the same moment: the second waits for the first and is refused', async () => {
    const a = await open(gate1);
    const b = await open(gate2);
    const unit = await newAsset(w, w.nbo.yardId);
    applied(await pushAndHold(gate1, 'shipment.load', clerk, { shipment_id: a.id, asset_id: unit.id }));
    const second = w.push(gate2, 'shipment.load', clerk, { shipment_id: b.id, asset_id: unit.id });
    const result = await waitsFor(gate1, second, gate2.client);
    expect(result).toMatchObject({
      outcome: 'rejected',
      code: 'already_on_shipment',
      reason: `${unit.code} is already on ${a.ref} loading at ${w.nbo.code}.`,
    });
  });

  it('the database keeps one open movement per asset whatever writes it', async () => {
    const unit = await newAsset(w, w.nbo.yardId);
    await insertMovement(w.su, w.tenantId, unit.id, w.nbo.yardId, w.msa.siteId);
    await expectPgError(
      insertMovement(w.su, w.tenantId, unit.id, w.nbo.yardId, w.msa.siteId, { status: 'in_transit' }),
      '23505',
      'asset_movements_one_open_per_asset',
    );
  });
});

describe('two stations of the destination receive the same truck', () => {
  async function dispatched(): Promise<{ id: string; ref: string; units: { id: string; code: string }[] }> {
    const s = await open(gate1);
    const units = [await newAsset(w, w.nbo.yardId), await newAsset(w, w.nbo.yardId)];
    for (const unit of units)
      applied(await w.push(gate1, 'shipment.load', clerk, { shipment_id: s.id, asset_id: unit.id }));
    applied(await w.push(gate1, 'shipment.dispatch', clerk, { shipment_id: s.id, seals: ['S-1'] }));
    return { ...s, units };
  }

  it('after working offline: the first station pushed receives it, the other is told where it is being received', async () => {
    const s = await dispatched();
    const [u1, u2] = s.units as [{ id: string; code: string }, { id: string; code: string }];
    // Both gates scanned both units while offline; gate 2 of MSA pushes first.
    applied(await w.push(msa2, 'shipment.receive', receiver, { shipment_id: s.id, asset_id: u1.id }));
    applied(await w.push(msa2, 'shipment.receive', receiver, { shipment_id: s.id, asset_id: u2.id }));
    const name = (
      await w.su.query<{ n: string }>('SELECT full_name AS n FROM users WHERE id = $1', [receiver])
    ).rows[0]?.n;
    const reason = `${s.ref} is being received at Gate 2 ${w.msa.code} by ${name}; finish it there.`;
    for (const unit of [u1, u2]) {
      expect(
        await w.push(msa1, 'shipment.receive', receiver, { shipment_id: s.id, asset_id: unit.id }),
      ).toMatchObject({
        outcome: 'rejected',
        code: 'receiving_elsewhere',
        reason,
      });
    }
    expect(
      await w.push(msa1, 'shipment.finish_receipt', receiver, {
        shipment_id: s.id,
        seals: [{ seal_number: 'S-1', result: 'intact' }],
      }),
    ).toMatchObject({ outcome: 'rejected', code: 'receiving_elsewhere' });
    applied(
      await w.push(msa2, 'shipment.finish_receipt', receiver, {
        shipment_id: s.id,
        seals: [{ seal_number: 'S-1', result: 'intact' }],
      }),
    );
    expect(await shipmentRow(w, s.id)).toMatchObject({ status: 'received', receiving_station_id: msa2.id });
    const { rows } = await w.su.query(
      'SELECT count(*)::int AS n FROM shipment_receipt_lines WHERE shipment_id = $1',
      [s.id],
    );
    expect(rows).toEqual([{ n: 2 }]);
  });

  it('at the same moment: one receives, the other waits and is refused', async () => {
    const s = await dispatched();
    const [u1] = s.units as [{ id: string; code: string }];
    applied(await pushAndHold(msa1, 'shipment.receive', receiver, { shipment_id: s.id, asset_id: u1.id }));
    const second = w.push(msa2, 'shipment.receive', receiver, { shipment_id: s.id, asset_id: u1.id });
    expect(await waitsFor(msa1, second, msa2.client)).toMatchObject({
      outcome: 'rejected',
      code: 'receiving_elsewhere',
    });
    expect(await assetRow(w, u1.id)).toMatchObject({ location_id: w.msa.siteId });
  });

  it('two finishes at the same moment: one finishes, the other is told it was received', async () => {
    const s = await dispatched();
    const seals = [{ seal_number: 'S-1', result: 'intact' }];
    applied(await pushAndHold(msa1, 'shipment.finish_receipt', receiver, { shipment_id: s.id, seals }));
    const second = w.push(msa2, 'shipment.finish_receipt', receiver, { shipment_id: s.id, seals });
    const result = await waitsFor(msa1, second, msa2.client);
    expect(result).toMatchObject({ outcome: 'rejected', code: 'already_received' });
    expect(result.reason).toMatch(new RegExp(`^${s.ref} was already received by .+\\.$`));
  });
});

describe('a dispatch and a cancel of the same truck', () => {
  async function loaded(): Promise<{ id: string; ref: string }> {
    const s = await open(gate1);
    const unit = await newAsset(w, w.nbo.yardId);
    applied(await w.push(gate1, 'shipment.load', clerk, { shipment_id: s.id, asset_id: unit.id }));
    return s;
  }
  const supervisor = (): string => w.nbo.users.supervisor;

  it('dispatch first: the cancel is refused, the truck is on its way', async () => {
    const s = await loaded();
    applied(await w.push(gate1, 'shipment.dispatch', clerk, { shipment_id: s.id, seals: ['X-1'] }));
    const cancel = await w.push(gate2, 'shipment.cancel', supervisor(), {
      shipment_id: s.id,
      reason: 'Not needed',
    });
    expect(cancel).toMatchObject({ outcome: 'rejected', code: 'already_dispatched' });
    expect(cancel.reason).toMatch(
      new RegExp(`^${s.ref} was already dispatched by .+; it can no longer be cancelled\\.$`),
    );
    expect(await shipmentRow(w, s.id)).toMatchObject({ status: 'dispatched' });
  });

  it('cancel first: the dispatch is refused, nothing left its place', async () => {
    const s = await loaded();
    applied(await w.push(gate2, 'shipment.cancel', supervisor(), { shipment_id: s.id }));
    const dispatch = await w.push(gate1, 'shipment.dispatch', clerk, { shipment_id: s.id, seals: ['X-1'] });
    expect(dispatch).toMatchObject({ outcome: 'rejected', code: 'shipment_cancelled' });
    expect(dispatch.reason).toMatch(
      new RegExp(`^${s.ref} was cancelled by .+; it can no longer be dispatched\\.$`),
    );
    const { rows } = await w.su.query(
      'SELECT count(*)::int AS n FROM shipment_seals WHERE shipment_id = $1',
      [s.id],
    );
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('at the same moment: whichever commits first wins, the other is refused', async () => {
    const s = await loaded();
    applied(await pushAndHold(gate1, 'shipment.dispatch', clerk, { shipment_id: s.id, seals: ['X-1'] }));
    const cancel = w.push(gate2, 'shipment.cancel', supervisor(), { shipment_id: s.id });
    expect(await waitsFor(gate1, cancel, gate2.client)).toMatchObject({
      outcome: 'rejected',
      code: 'already_dispatched',
    });
    const t = await loaded();
    applied(await pushAndHold(gate2, 'shipment.cancel', supervisor(), { shipment_id: t.id }));
    const dispatch = w.push(gate1, 'shipment.dispatch', clerk, { shipment_id: t.id, seals: ['X-1'] });
    expect(await waitsFor(gate2, dispatch, gate1.client)).toMatchObject({
      outcome: 'rejected',
      code: 'shipment_cancelled',
    });
  });

  it('the state machine is the database’s too', async () => {
    const s = await loaded();
    await expectPgError(
      w.su.query(`UPDATE shipments SET status = 'received', received_at = now() WHERE id = $1`, [s.id]),
      '23514',
      'shipments_status_transition',
    );
  });
});

describe('stock through a whole trip', () => {
  it('is never negative and never in two places: bins + in transit + missing stay what there was', async () => {
    const part = await newPart(w, 20);
    const total = async (): Promise<number> => {
      const { rows } = await w.su.query<{ n: number }>(
        `SELECT ((SELECT coalesce(sum(qty_on_hand), 0) FROM inventory_stock WHERE part_id = $1)
               + (SELECT coalesce(sum(qty - received_qty), 0) FROM shipment_part_lines
                   WHERE part_id = $1 AND status IN ('in_transit', 'received', 'missing')))::float8 AS n`,
        [part.id],
      );
      return rows[0]?.n ?? -1;
    };
    const s = await open(gate1);
    const load = {
      shipment_id: s.id,
      part_id: part.id,
      location_id: w.nbo.warehouseId,
      bin_location: part.bin,
    };
    applied(await w.push(gate1, 'shipment.load', clerk, { ...load, qty: 12 }));
    expect(await total()).toBe(20);
    applied(await w.push(gate1, 'shipment.dispatch', clerk, { shipment_id: s.id, seals: ['Q-1'] }));
    expect(await total()).toBe(20);
    applied(
      await w.push(msa1, 'shipment.receive', receiver, {
        shipment_id: s.id,
        part_id: part.id,
        qty: 7,
        location_id: w.msa.warehouseId,
        bin_location: 'K-1',
      }),
    );
    expect(await total()).toBe(20);
    applied(
      await w.push(msa1, 'shipment.finish_receipt', receiver, {
        shipment_id: s.id,
        seals: [{ seal_number: 'Q-1', result: 'intact' }],
      }),
    );
    // 8 left in NBO's bin, 7 arrived at MSA, 5 missing on the line.
    expect(await total()).toBe(20);
    await expectPgError(
      w.su.query('UPDATE shipment_part_lines SET received_qty = qty + 1 WHERE shipment_id = $1', [s.id]),
      '23514',
      'shipment_part_lines_received_qty_range',
    );
    await expectPgError(
      w.su.query('UPDATE shipment_part_lines SET shipment_id = $2 WHERE shipment_id = $1', [
        s.id,
        (await open(gate1)).id,
      ]),
      '23514',
      'shipment_part_lines_shipment_fixed',
    );
  });
});
