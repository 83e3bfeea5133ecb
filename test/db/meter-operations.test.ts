// meter.reading and meter.replace through amms_push, as an enrolled station's own role, against the
// real PostgreSQL: readings in time order (refused quoting the neighbouring readings), at most one
// run hour per clock hour, the latest reading re-aligning the meter (down only with a reason),
// back-dated readings joining the history only, daily logs of days a reading already counts, and
// replaced meters keeping the asset's total continuous. The same rules hold for writes that do not
// go through the operations (the triggers of migration 0014).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertAsset,
  insertAssetIdentity,
  insertAssetMeter,
  insertUser,
  pgErrorOf,
} from '../helpers/base-fixture.ts';
import {
  connect,
  envelope,
  expectApplied,
  expectRejected,
  type Envelope,
  type Json,
} from '../helpers/push-ops.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { buildTwoTenants, type TwoTenants } from '../helpers/two-tenants.ts';

const WATCHED = ['meter_readings', 'meter_replacements', 'asset_meters', 'daily_logs', 'audit_logs'] as const;

let db: TestDatabase;
let fx: TwoTenants;
let su: pg.Client;
let station: pg.Client;
let supervisor: string;
let manager: string;

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await buildTwoTenants(db.url);
  su = await connect(db.url);
  station = await connect(fx.a.station.url);
  supervisor = fx.a.supervisorId;
  manager = await insertUser(su, fx.a.tenantId, 'manager', { site_id: fx.a.siteId });
});

afterAll(async () => {
  await station.end();
  await su.end();
  await fx.cleanup();
  await db.drop();
});

/** A new asset of tenant A at its site with a client code and a meter. */
async function newAsset(code: string, meter: Json = { current_run_hours: 1000 }): Promise<string> {
  const assetId = await insertAsset(su, fx.a.tenantId, fx.a.buildingId, { name: `Excavator ${code}` });
  await insertAssetIdentity(su, fx.a.tenantId, assetId, { client_code: code });
  await insertAssetMeter(su, fx.a.tenantId, assetId, meter);
  return assetId;
}

const reading = (assetId: string, readAt: string, value: number, extra: Json = {}): Envelope =>
  envelope('meter.reading', supervisor, { asset_id: assetId, read_at: readAt, reading: value, ...extra });

const dailyLog = (assetId: string, date: string, hours: number): Envelope =>
  envelope('daily_log.record', supervisor, {
    asset_id: assetId,
    date,
    run_hours_added: hours,
    fuel_liters_added: hours * 20,
  });

async function meter(assetId: string): Promise<{ hours: number; km: number | null }> {
  const { rows } = await su.query<{ hours: number; km: number | null }>(
    'SELECT current_run_hours::float8 AS hours, current_odometer::float8 AS km FROM asset_meters WHERE asset_id = $1',
    [assetId],
  );
  const row = rows[0];
  if (!row) throw new Error('no meter');
  return row;
}

const applied = (op: Envelope) => expectApplied(station, su, op);
const rejected = (op: Envelope, code: string, reason: string | RegExp) =>
  expectRejected(station, su, WATCHED, op, code, reason);

describe('meter.reading', () => {
  let ex: string;
  beforeAll(async () => {
    ex = await newAsset('EX-901');
  });

  it('keeps the first reading and leaves a meter that agrees with it as it is', async () => {
    const id = randomUUID();
    const result = await applied(reading(ex, '2025-04-01T18:00+03:00', 1000, { reading_id: id }));
    expect(result).toEqual({
      reading_id: id,
      meter: 'run_hours',
      meter_total: 1000,
      adjustment: 0,
      current: 1000,
    });
    const { rows } = await su.query<Json>(
      `SELECT read_at = '2025-04-01 15:00Z'::timestamptz AS at_utc, read_on::text, reading::float8, source::text,
              recorded_by_user_id::text AS by, op_id IS NOT NULL AS has_op FROM meter_readings WHERE id = $1`,
      [id],
    );
    expect(rows).toEqual([
      { at_utc: true, read_on: '2025-04-01', reading: 1000, source: 'reading', by: supervisor, has_op: true },
    ]);
  });

  it('re-aligns the meter up to the machine when it is the latest reading', async () => {
    expect(await applied(dailyLog(ex, '2025-04-02', 8))).toMatchObject({
      current_run_hours: 1008,
      meter_moved: 8,
    });
    const result = await applied(reading(ex, '2025-04-02T18:00+03:00', 1010));
    expect(result).toMatchObject({ meter_total: 1010, adjustment: 2, current: 1010 });
    expect((await meter(ex)).hours).toBe(1010);
  });

  it('refuses a reading above the reading after it, quoting both neighbours', async () => {
    await rejected(
      reading(ex, '2025-04-02T08:00+03:00', 1011),
      'reading_out_of_order',
      'A reading of 1,011 h on 2025-04-02 08:00 is above the reading after it (1,010 h on 2025-04-02 18:00); ' +
        'the reading before it is 1,000 h on 2025-04-01 18:00. Readings must stay in time order.',
    );
  });

  it('refuses a reading below the reading before it', async () => {
    await rejected(
      reading(ex, '2025-04-03T09:00+03:00', 1005),
      'reading_out_of_order',
      'A reading of 1,005 h on 2025-04-03 09:00 is below the reading before it (1,010 h on 2025-04-02 18:00). ' +
        'Readings must stay in time order.',
    );
  });

  it('quotes the neighbours in the time zone of the new reading', async () => {
    await rejected(
      reading(ex, '2025-04-03T06:00Z', 1005),
      'reading_out_of_order',
      /^A reading of 1,005 h on 2025-04-03 06:00 is below the reading before it \(1,010 h on 2025-04-02 15:00\)/,
    );
  });

  it('refuses more run hours than clock hours since the reading before', async () => {
    await rejected(
      reading(ex, '2025-04-03T06:00+03:00', 1030),
      'reading_implausible',
      'A reading of 1,030 h on 2025-04-03 06:00 would mean 20 run hours in the 12 hours since the reading of ' +
        '1,010 h on 2025-04-02 18:00.',
    );
  });

  it('keeps a back-dated reading between its neighbours without moving the meter', async () => {
    const result = await applied(reading(ex, '2025-04-02T08:00+03:00', 1004));
    expect(result).toMatchObject({ meter_total: 1004, adjustment: 0, current: 1010 });
    expect((await meter(ex)).hours).toBe(1010);
  });

  it('refuses to take the meter down without a reason, and does it with one (audited)', async () => {
    await applied(dailyLog(ex, '2025-04-03', 10));
    expect((await meter(ex)).hours).toBe(1020);
    await rejected(
      reading(ex, '2025-04-03T20:00+03:00', 1016),
      'reading_below_meter',
      'The hour meter shows 1,016 h on 2025-04-03 20:00, but EX-901 (Excavator EX-901) already stands at ' +
        '1,020 h for that time (4 h more). Give a reason to re-align the meter down, or correct the daily log ' +
        'that is wrong.',
    );
    const op = reading(ex, '2025-04-03T20:00+03:00', 1016, { reason: 'Operator over-reported the shift' });
    expect(await applied(op)).toMatchObject({ adjustment: -4, current: 1016 });
    const { rows } = await su.query<{ entity_type: string; changes: Json }>(
      `SELECT a.entity_type, a.changes FROM audit_logs a JOIN op_ledger l ON l.txid = a.txid
        WHERE l.op_id = $1 AND a.entity_type IN ('asset_meters', 'meter_readings') ORDER BY a.id`,
      [op.op_id],
    );
    expect(rows.map((r) => r.entity_type)).toEqual(['meter_readings', 'asset_meters']);
    expect(rows[1]?.changes).toMatchObject({
      before: { current_run_hours: 1020 },
      after: { current_run_hours: 1016 },
    });
  });

  it('does not move the meter for a daily log of a day a reading already counts', async () => {
    expect(await applied(dailyLog(ex, '2025-04-01', 6))).toMatchObject({
      meter_moved: 0,
      current_run_hours: 1016,
    });
    expect(await applied(dailyLog(ex, '2025-04-04', 7))).toMatchObject({
      meter_moved: 7,
      current_run_hours: 1023,
    });
  });

  it('refuses a reading in the future, malformed times and readings', async () => {
    const { rows } = await su.query<{ t: string }>(
      `SELECT to_char(now() + interval '3 hours', 'YYYY-MM-DD"T"HH24:MI"Z"') AS t`,
    );
    await rejected(
      reading(ex, rows[0]?.t ?? '', 2000),
      'invalid_time',
      'The time of the reading cannot be in the future.',
    );
    await rejected(
      reading(ex, '2025-04-05 10:00', 1100),
      'invalid_time',
      '"2025-04-05 10:00" is not a date and time (2026-03-10T17:30+03:00).',
    );
    await rejected(
      reading(ex, '2025-04-05T10:00Z', -1),
      'invalid_reading',
      'The reading of -1 is not possible (0 to 99,999,999).',
    );
    await rejected(
      reading(ex, '2025-04-05T10:00Z', 1100.123),
      'invalid_reading',
      'The reading has more than 2 decimals.',
    );
    await rejected(
      reading(ex, '2025-04-05T10:00Z', 1100, { meter: 'fuel' }),
      'invalid_field',
      '"fuel" is not a meter (run_hours or odometer).',
    );
  });

  it('keeps odometer readings apart from run hours', async () => {
    const truck = await newAsset('DT-901', { current_run_hours: 300, current_odometer: 52000 });
    expect(await applied(reading(truck, '2025-04-01T10:00Z', 52100, { meter: 'odometer' }))).toMatchObject({
      meter: 'odometer',
      adjustment: 100,
      current: 52100,
    });
    // 400 km in two hours is fine for an odometer (no run-hour limit); the run hours did not move.
    expect(await applied(reading(truck, '2025-04-01T12:00Z', 52500, { meter: 'odometer' }))).toMatchObject({
      current: 52500,
    });
    expect(await meter(truck)).toEqual({ hours: 300, km: 52500 });
  });

  it('is refused for a role that may not read meters', async () => {
    const clerk = await insertUser(su, fx.a.tenantId, 'logistics_clerk');
    await rejected(
      envelope('meter.reading', clerk, { asset_id: ex, read_at: '2025-04-06T10:00Z', reading: 1100 }),
      'forbidden',
      /is not allowed to do this \(meter\.reading\)/,
    );
  });

  it('holds for writes outside the operations too (triggers)', async () => {
    const base = {
      tenant_id: fx.a.tenantId,
      asset_id: ex,
      recorded_by_user_id: manager,
      read_on: '2025-04-02',
    };
    const insert = (values: Json) =>
      su.query(
        `INSERT INTO meter_readings SELECT * FROM jsonb_populate_record(NULL::meter_readings,
           jsonb_build_object('id', gen_random_uuid(), 'created_at', now(), 'updated_at', now(),
             'row_version', 1, 'change_xid', pg_current_xact_id()::text, 'meter', 'run_hours',
             'source', 'reading', 'adjustment', 0) || $1::jsonb)`,
        [JSON.stringify({ ...base, ...values })],
      );
    const order = await pgErrorOf(
      insert({ read_at: '2025-04-02T12:00+03:00', reading: 1015, meter_total: 1015 }),
    );
    expect(order.constraint).toBe('meter_readings_in_time_order');
    expect(order.message).toMatch(/^A reading of 1,015 h on 2025-04-02 09:00 is above the reading after it/);
    const total = await pgErrorOf(
      insert({ read_at: '2025-04-02T12:00+03:00', reading: 1005, meter_total: 1500 }),
    );
    expect(total.constraint).toBe('meter_readings_continuous');
    const rewrite = await pgErrorOf(
      su.query(`UPDATE meter_readings SET reading = reading WHERE asset_id = $1`, [ex]),
    );
    expect(rewrite.message).toBe(
      'meter_readings rows are history and cannot be changed; record a new one instead',
    );
    const down = await pgErrorOf(
      su.query('UPDATE asset_meters SET current_run_hours = current_run_hours - 1 WHERE asset_id = $1', [ex]),
    );
    expect(down.constraint).toBe('asset_meters_run_hours_never_decrease');
  });
});

describe('meter.replace', () => {
  let gen: string;
  beforeAll(async () => {
    gen = await newAsset('GEN-901', { current_run_hours: 5000 });
    await applied(reading(gen, '2025-05-01T10:00Z', 5000));
  });

  const replace = (fields: Json): Envelope =>
    envelope('meter.replace', supervisor, {
      asset_id: gen,
      replaced_at: '2025-05-02T10:00Z',
      old_final_reading: 5012,
      new_start_reading: 0,
      reason: 'Hour meter stopped; new meter fitted',
      ...fields,
    });

  it('needs a reason and must come after the last reading', async () => {
    await rejected(replace({ reason: ' ' }), 'missing_reason', 'A meter replacement needs a reason.');
    await rejected(
      replace({ replaced_at: '2025-05-01T09:00Z' }),
      'replacement_out_of_order',
      'A meter replacement must come after the last reading of the meter (5,000 h on 2025-05-01 10:00).',
    );
  });

  it('keeps the total continuous: old final + offset before = new start + offset after', async () => {
    const id = randomUUID();
    const result = await applied(replace({ replacement_id: id }));
    expect(result).toEqual({
      replacement_id: id,
      meter: 'run_hours',
      meter_total: 5012,
      offset_after: 5012,
      adjustment: 12,
      current: 5012,
    });
    const { rows } = await su.query<Json>(
      `SELECT old_final_reading::float8 AS old, new_start_reading::float8 AS new, meter_total::float8 AS total,
              offset_before::float8 AS before, offset_after::float8 AS after, replaced_on::text AS day
         FROM meter_replacements WHERE id = $1`,
      [id],
    );
    expect(rows).toEqual([{ old: 5012, new: 0, total: 5012, before: 0, after: 5012, day: '2025-05-02' }]);
    const final = await su.query<Json>(
      `SELECT source::text, reading::float8, meter_total::float8 AS total FROM meter_readings WHERE replacement_id = $1`,
      [id],
    );
    expect(final.rows).toEqual([{ source: 'replacement', reading: 5012, total: 5012 }]);
  });

  it("stores the new meter's readings on the same continuous total", async () => {
    expect(await applied(reading(gen, '2025-05-03T10:00Z', 15))).toMatchObject({
      meter_total: 5027,
      adjustment: 15,
      current: 5027,
    });
    expect((await meter(gen)).hours).toBe(5027);
    // A reading of the new meter that would go backwards is refused in the new meter's terms.
    await rejected(
      reading(gen, '2025-05-04T10:00Z', 10),
      'reading_out_of_order',
      /^A reading of 10 h on 2025-05-04 10:00 is below the reading before it \(15 h on 2025-05-03 10:00\)/,
    );
  });

  it("takes a back-dated reading of the old meter in the old meter's terms", async () => {
    expect(await applied(reading(gen, '2025-05-01T20:00Z', 5006))).toMatchObject({
      meter_total: 5006,
      adjustment: 0,
      current: 5027,
    });
  });

  it('replaces an odometer too', async () => {
    const truck = await newAsset('DT-902', { current_run_hours: 100, current_odometer: 120000 });
    await applied(
      envelope('meter.replace', supervisor, {
        asset_id: truck,
        meter: 'odometer',
        replaced_at: '2025-05-02T10:00Z',
        old_final_reading: 120500,
        new_start_reading: 0,
        reason: 'Instrument cluster replaced',
      }),
    );
    await applied(reading(truck, '2025-05-03T10:00Z', 300, { meter: 'odometer' }));
    expect(await meter(truck)).toEqual({ hours: 100, km: 120800 });
  });

  it('is continuous by constraint for writes outside the operation', async () => {
    const broken = await pgErrorOf(
      su.query(
        `INSERT INTO meter_replacements (tenant_id, asset_id, replaced_at, replaced_on, old_final_reading,
           new_start_reading, meter_total, offset_before, offset_after, reason, recorded_by_user_id)
         VALUES ($1, $2, '2025-06-01T10:00Z', '2025-06-01', 40, 0, 5052, 5012, 5000, 'test', $3)`,
        [fx.a.tenantId, gen, manager],
      ),
    );
    expect(broken.constraint).toBe('meter_replacements_continuous_new');
    const offset = await pgErrorOf(
      su.query(
        `INSERT INTO meter_replacements (tenant_id, asset_id, replaced_at, replaced_on, old_final_reading,
           new_start_reading, meter_total, offset_before, offset_after, reason, recorded_by_user_id)
         VALUES ($1, $2, '2025-06-01T10:00Z', '2025-06-01', 40, 0, 40, 0, 40, 'test', $3)`,
        [fx.a.tenantId, gen, manager],
      ),
    );
    expect(offset.constraint).toBe('meter_replacements_continuous_old');
  });
});
