// meter.reading, the one test file of the operation type: through amms_push machine readings in
// time order (refused quoting the neighbouring readings), at most one run hour per clock hour, the
// latest reading re-aligning the meter (down only with a reason, audited), back-dated readings
// joining the history only, daily logs of days a reading already counts, odometers apart from run
// hours; the same rules for writes that do not go through the operation (the triggers of migration
// 0014); and who may do it, on both sides.
import { randomUUID } from 'node:crypto';
import { describe, expect, it, beforeAll } from 'vitest';
import { uuidv7 } from '../../../db/ids/uuidv7.ts';
import { pgErrorOf } from '../../helpers/base-fixture.ts';
import { useLocalStation } from '../../helpers/local-station.ts';
import { maintenancePush } from '../../helpers/maintenance-push.ts';
import { generator } from '../../helpers/ops-test-ids.ts';
import { usePushFixture, type Json } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';

const t = usePushFixture();
const m = maintenancePush(t);
const s = useLocalStation();

const dailyLog = (assetId: string, date: string, hours: number) => m.record(assetId, date, hours, hours * 20);

describe('meter.reading', () => {
  let ex: string;
  beforeAll(async () => {
    ex = await m.newAsset('EX-901');
  });

  it('keeps the first reading and leaves a meter that agrees with it as it is', async () => {
    const id = randomUUID();
    const result = await t.expectApplied(m.reading(ex, '2025-04-01T18:00+03:00', 1000, { reading_id: id }));
    expect(result).toEqual({
      reading_id: id,
      meter: 'run_hours',
      meter_total: 1000,
      adjustment: 0,
      current: 1000,
    });
    const { rows } = await t.su.query<Json>(
      `SELECT read_at = '2025-04-01 15:00Z'::timestamptz AS at_utc, read_on::text, reading::float8, source::text,
              recorded_by_user_id::text AS by, op_id IS NOT NULL AS has_op FROM meter_readings WHERE id = $1`,
      [id],
    );
    expect(rows).toEqual([
      {
        at_utc: true,
        read_on: '2025-04-01',
        reading: 1000,
        source: 'reading',
        by: t.usersA.supervisor,
        has_op: true,
      },
    ]);
  });

  it('re-aligns the meter up to the machine when it is the latest reading', async () => {
    expect(await t.expectApplied(dailyLog(ex, '2025-04-02', 8))).toMatchObject({
      current_run_hours: 1008,
      meter_moved: 8,
    });
    const result = await t.expectApplied(m.reading(ex, '2025-04-02T18:00+03:00', 1010));
    expect(result).toMatchObject({ meter_total: 1010, adjustment: 2, current: 1010 });
    expect((await m.meter(ex)).hours).toBe(1010);
  });

  it('refuses a reading above the reading after it, quoting both neighbours', async () => {
    await t.expectRejected(
      m.reading(ex, '2025-04-02T08:00+03:00', 1011),
      'reading_out_of_order',
      'A reading of 1,011 h on 2025-04-02 08:00 is above the reading after it (1,010 h on 2025-04-02 18:00); ' +
        'the reading before it is 1,000 h on 2025-04-01 18:00. Readings must stay in time order.',
    );
  });

  it('refuses a reading below the reading before it', async () => {
    await t.expectRejected(
      m.reading(ex, '2025-04-03T09:00+03:00', 1005),
      'reading_out_of_order',
      'A reading of 1,005 h on 2025-04-03 09:00 is below the reading before it (1,010 h on 2025-04-02 18:00). ' +
        'Readings must stay in time order.',
    );
  });

  it('quotes the neighbours in the time zone of the new reading', async () => {
    await t.expectRejected(
      m.reading(ex, '2025-04-03T06:00Z', 1005),
      'reading_out_of_order',
      /^A reading of 1,005 h on 2025-04-03 06:00 is below the reading before it \(1,010 h on 2025-04-02 15:00\)/,
    );
  });

  it('refuses more run hours than clock hours since the reading before', async () => {
    await t.expectRejected(
      m.reading(ex, '2025-04-03T06:00+03:00', 1030),
      'reading_implausible',
      'A reading of 1,030 h on 2025-04-03 06:00 would mean 20 run hours in the 12 hours since the reading of ' +
        '1,010 h on 2025-04-02 18:00.',
    );
  });

  it('keeps a back-dated reading between its neighbours without moving the meter', async () => {
    const result = await t.expectApplied(m.reading(ex, '2025-04-02T08:00+03:00', 1004));
    expect(result).toMatchObject({ meter_total: 1004, adjustment: 0, current: 1010 });
    expect((await m.meter(ex)).hours).toBe(1010);
  });

  it('refuses to take the meter down without a reason, and does it with one (audited)', async () => {
    await t.expectApplied(dailyLog(ex, '2025-04-03', 10));
    expect((await m.meter(ex)).hours).toBe(1020);
    await t.expectRejected(
      m.reading(ex, '2025-04-03T20:00+03:00', 1016),
      'reading_below_meter',
      'The hour meter shows 1,016 h on 2025-04-03 20:00, but EX-901 (Excavator EX-901) already stands at ' +
        '1,020 h for that time (4 h more). Give a reason to re-align the meter down, or correct the daily log ' +
        'that is wrong.',
    );
    const op = m.reading(ex, '2025-04-03T20:00+03:00', 1016, { reason: 'Operator over-reported the shift' });
    expect(await t.expectApplied(op)).toMatchObject({ adjustment: -4, current: 1016 });
    const { rows } = await t.su.query<{ entity_type: string; changes: Json }>(
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
    expect(await t.expectApplied(dailyLog(ex, '2025-04-01', 6))).toMatchObject({
      meter_moved: 0,
      current_run_hours: 1016,
    });
    expect(await t.expectApplied(dailyLog(ex, '2025-04-04', 7))).toMatchObject({
      meter_moved: 7,
      current_run_hours: 1023,
    });
  });

  it('refuses a reading in the future, malformed times and readings', async () => {
    const { rows } = await t.su.query<{ t: string }>(
      `SELECT to_char(now() + interval '3 hours', 'YYYY-MM-DD"T"HH24:MI"Z"') AS t`,
    );
    await t.expectRejected(
      m.reading(ex, rows[0]?.t ?? '', 2000),
      'invalid_time',
      'The time of the reading cannot be in the future.',
    );
    await t.expectRejected(
      m.reading(ex, '2025-04-05 10:00', 1100),
      'invalid_time',
      '"2025-04-05 10:00" is not a date and time (2026-03-10T17:30+03:00).',
    );
    await t.expectRejected(
      m.reading(ex, '2025-04-05T10:00Z', -1),
      'invalid_reading',
      'The reading of -1 is not possible (0 to 99,999,999).',
    );
    await t.expectRejected(
      m.reading(ex, '2025-04-05T10:00Z', 1100.123),
      'invalid_reading',
      'The reading has more than 2 decimals.',
    );
    await t.expectRejected(
      m.reading(ex, '2025-04-05T10:00Z', 1100, { meter: 'fuel' }),
      'invalid_field',
      '"fuel" is not a meter (run_hours or odometer).',
    );
  });

  it('keeps odometer readings apart from run hours', async () => {
    const truck = await m.newAsset('DT-901', { current_run_hours: 300, current_odometer: 52000 });
    expect(
      await t.expectApplied(m.reading(truck, '2025-04-01T10:00Z', 52100, { meter: 'odometer' })),
    ).toMatchObject({
      meter: 'odometer',
      adjustment: 100,
      current: 52100,
    });
    // 400 km in two hours is fine for an odometer (no run-hour limit); the run hours did not move.
    expect(
      await t.expectApplied(m.reading(truck, '2025-04-01T12:00Z', 52500, { meter: 'odometer' })),
    ).toMatchObject({
      current: 52500,
    });
    expect(await m.meter(truck)).toEqual({ hours: 300, km: 52500 });
  });

  it('holds for writes outside the operations too (triggers)', async () => {
    const base = {
      tenant_id: t.fx.a.tenantId,
      asset_id: ex,
      recorded_by_user_id: t.usersA.manager,
      read_on: '2025-04-02',
    };
    const insert = (values: Json) =>
      t.su.query(
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
      t.su.query(`UPDATE meter_readings SET reading = reading WHERE asset_id = $1`, [ex]),
    );
    expect(rewrite.message).toBe(
      'meter_readings rows are history and cannot be changed; record a new one instead',
    );
    const down = await pgErrorOf(
      t.su.query('UPDATE asset_meters SET current_run_hours = current_run_hours - 1 WHERE asset_id = $1', [
        ex,
      ]),
    );
    expect(down.constraint).toBe('asset_meters_run_hours_never_decrease');
  });
});

// The role matrix: the first reading of an asset of its own.
let roleCase = 0;
describeRoles('meter.reading', {
  push: t,
  envelope: async (userId) => {
    roleCase += 1;
    const assetId = await m.newAsset(`EX-R${roleCase}`);
    return t.op('meter.reading', userId, { asset_id: assetId, read_at: '2025-04-01T10:00Z', reading: 1000 });
  },
  station: s,
  input: (userId) => {
    s.mirror('asset_meters', {
      id: uuidv7(),
      asset_id: generator,
      current_run_hours: 1000,
      current_odometer: null,
      last_updated_at: '2026-11-20T00:00:00Z',
    });
    return {
      type: 'meter.reading',
      userId,
      payload: { asset_id: generator, read_at: '2026-11-24T18:00Z', reading: 1004 },
    };
  },
});
