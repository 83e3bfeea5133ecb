// daily_log.record, the one test file of the operation type: through amms_push a supervisor's run
// hours and fuel for one asset and day, the asset's run-hour meter moving up, one log per asset and
// day, the checks on hours, fuel and dates, and its audit rows; queued on a station the payload
// messages, one log per asset and day (synced or pending), the dates and the pending effects (the
// log and the meter); and who may do it, on both sides.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SubmitInput } from '../../../src-main/ops/submit.ts';
import { insertAsset } from '../../helpers/base-fixture.ts';
import { dailyLogOf, useLocalStation } from '../../helpers/local-station.ts';
import { generator, users } from '../../helpers/ops-test-ids.ts';
import { usePushFixture, type Json } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';

const t = usePushFixture();
const { dailyLog, auditRowsOf, auditSummary, expectActor, expectRejected, expectApplied } = t;
const s = useLocalStation();
const { submit, expectRefused, effectsOf } = s;

async function meterHours(assetId: string): Promise<number | null> {
  const { rows } = await t.su.query<{ h: number }>(
    'SELECT current_run_hours::float8 AS h FROM asset_meters WHERE asset_id = $1',
    [assetId],
  );
  return rows[0]?.h ?? null;
}

// Through amms_push -------------------------------------------------------------------------------

describe('daily_log.record', () => {
  it("records the log for the acting supervisor and moves the asset's run-hour meter up", async () => {
    const before = await meterHours(t.fx.a.unitAssetId);
    expect(before).toBe(1250.5);
    const logId = randomUUID();
    const result = await expectApplied(
      dailyLog(t.usersA.supervisor, {
        log_id: logId,
        date: '2025-05-02',
        run_hours_added: 7.5,
        fuel_liters_added: 55.25,
        notes: '  Filter changed  ',
      }),
    );
    expect(result).toEqual({ log_id: logId, current_run_hours: 1258 });
    expect(await meterHours(t.fx.a.unitAssetId)).toBe(1258);
    const { rows } = await t.su.query<Json>(
      `SELECT tenant_id::text, date::text, supervisor_id::text, asset_id::text, run_hours_added::float8 AS h,
              fuel_liters_added::float8 AS f, notes FROM daily_logs WHERE id = $1`,
      [logId],
    );
    expect(rows).toEqual([
      {
        tenant_id: t.fx.a.tenantId,
        date: '2025-05-02',
        supervisor_id: t.usersA.supervisor,
        asset_id: t.fx.a.unitAssetId,
        h: 7.5,
        f: 55.25,
        notes: 'Filter changed',
      },
    ]);
  });

  it('creates the meter of an asset that has none', async () => {
    const assetId = await insertAsset(t.su, t.fx.a.tenantId, t.fx.a.buildingId);
    expect(await meterHours(assetId)).toBeNull();
    const result = await expectApplied(
      dailyLog(t.usersA.manager, { asset_id: assetId, date: '2025-05-03', run_hours_added: 24 }),
    );
    expect(result).toMatchObject({ current_run_hours: 24 });
    expect(await meterHours(assetId)).toBe(24);
  });

  it('accepts 0 hours (the meter stays) and a log for today', async () => {
    const assetId = await insertAsset(t.su, t.fx.a.tenantId, t.fx.a.buildingId);
    await expectApplied(
      dailyLog(t.usersA.supervisor, { asset_id: assetId, date: '2025-05-04', run_hours_added: 3 }),
    );
    await expectApplied(
      dailyLog(t.usersA.supervisor, {
        asset_id: assetId,
        date: t.today,
        run_hours_added: 0,
        fuel_liters_added: 0,
      }),
    );
    expect(await meterHours(assetId)).toBe(3);
  });

  it('keeps one log per asset and day', async () => {
    // The fixture already has a log of Generator A for 2025-03-01.
    await expectRejected(
      dailyLog(t.usersA.supervisor, { date: '2025-03-01' }),
      'duplicate_daily_log',
      'Generator A already has a daily log for 2025-03-01.',
    );
  });

  it.each<[string, Json, string, string]>([
    [
      'run_hours_added: 24.5',
      { run_hours_added: 24.5 },
      'invalid_hours',
      '24.5 hours in one day is not possible (0 to 24).',
    ],
    [
      'run_hours_added: -1',
      { run_hours_added: -1 },
      'invalid_hours',
      '-1 hours in one day is not possible (0 to 24).',
    ],
    [
      'fuel_liters_added: -0.5',
      { fuel_liters_added: -0.5 },
      'invalid_fuel',
      '-0.5 litres of fuel is not possible.',
    ],
    [
      'fuel_liters_added: 100001',
      { fuel_liters_added: 100001 },
      'invalid_fuel',
      '100001 litres of fuel is not possible.',
    ],
    [
      'run_hours_added as text "8"',
      { run_hours_added: '8' },
      'invalid_number',
      'Run hours and fuel must be numbers.',
    ],
    [
      'fuel_liters_added: null',
      { fuel_liters_added: null },
      'invalid_number',
      'Run hours and fuel must be numbers.',
    ],
    [
      'no run_hours_added',
      { run_hours_added: undefined },
      'invalid_number',
      'Run hours and fuel must be numbers.',
    ],
    [
      'no fuel_liters_added',
      { fuel_liters_added: undefined },
      'invalid_number',
      'Run hours and fuel must be numbers.',
    ],
    ['date: not-a-date', { date: 'not-a-date' }, 'invalid_date', '"not-a-date" is not a date.'],
    ['date: 2025-02-30', { date: '2025-02-30' }, 'invalid_date', '"2025-02-30" is not a date.'],
    ['date: -infinity', { date: '-infinity' }, 'invalid_date', '"-infinity" is not a date.'],
    ['date: yesterday', { date: 'yesterday' }, 'invalid_date', '"yesterday" is not a date.'],
    ['no date', { date: undefined }, 'missing_field', 'The date is missing.'],
    ['date: 2025-6-1', { date: '2025-6-1' }, 'invalid_date', '"2025-6-1" is not a date.'],
    ['date: 01/06/2025', { date: '01/06/2025' }, 'invalid_date', '"01/06/2025" is not a date.'],
    ['no asset_id', { asset_id: undefined }, 'missing_field', 'The asset is missing.'],
  ])('refuses %s', async (_label, fields, code, reason) => {
    await expectRejected(dailyLog(t.usersA.supervisor, { date: '2025-06-01', ...fields }), code, reason);
  });

  it('refuses a day in the future (more than the one day of time-zone leeway)', async () => {
    const { rows } = await t.su.query<{ d: string }>(`SELECT (current_date + 2)::text AS d`);
    await expectRejected(
      dailyLog(t.usersA.supervisor, { date: rows[0]?.d }),
      'invalid_date',
      'A daily log cannot be for a future day.',
    );
  });
});

describe('audit trail', () => {
  it('daily_log.record: the log and the meter', async () => {
    const envelope = dailyLog(t.usersA.supervisor, { date: '2025-10-01', run_hours_added: 2 });
    await expectApplied(envelope);
    const rows = await auditRowsOf(envelope.op_id);
    expect(auditSummary(rows)).toEqual(['insert daily_logs', 'update asset_meters']);
    expectActor(rows, t.usersA.supervisor);
  });
});

// Queued on the station ---------------------------------------------------------------------------

describe('daily_log.record on the station', () => {
  describe('payload validation', () => {
    it.each<[string, SubmitInput, string]>([
      [
        '25 run hours',
        dailyLogOf({ run_hours_added: 25 }),
        'Run hours cannot be more than 24 hours in a day',
      ],
      ['negative run hours', dailyLogOf({ run_hours_added: -1 }), 'Run hours cannot be negative'],
      ['negative fuel', dailyLogOf({ fuel_liters_added: -0.5 }), 'Fuel cannot be negative'],
      ['too much fuel', dailyLogOf({ fuel_liters_added: 100_001 }), 'Fuel must be at most 100,000 litres'],
      ['a date in another format', dailyLogOf({ date: '25/11/2026' }), 'Date must be a date like 2026-11-25'],
      ['a missing date', dailyLogOf({ date: undefined }), 'Date must be a date like 2026-11-25'],
      ['too long notes', dailyLogOf({ notes: 'n'.repeat(501) }), 'Notes can be at most 500 characters'],
      ['a log id that is not an id', dailyLogOf({ log_id: 'today' }), 'Log id must be an id'],
    ])('%s', (_name, input, message) => {
      expectRefused(input, 'invalid_input', message);
    });
  });

  it('queues the log with a daily-log effect (the payload) and a meter effect', () => {
    const queued = submit(dailyLogOf({ run_hours_added: 7.5, notes: ' ok ' }));
    expect(queued.summary).toBe('Daily log 2026-11-20 for Generator 7: 7.5 h, 40 L');
    const payload = {
      asset_id: generator,
      date: '2026-11-20',
      run_hours_added: 7.5,
      fuel_liters_added: 40,
      notes: 'ok',
    };
    expect(effectsOf(queued.opId)).toEqual([
      {
        entity: 'daily_log',
        key: `${generator}|2026-11-20`,
        delta: 0,
        data: payload,
      },
      { entity: 'meter', key: generator, delta: 7.5, data: null },
    ]);
  });

  it('refuses a second log for the same asset and day, synced or pending', () => {
    expectRefused(
      dailyLogOf({ date: '2025-03-01' }),
      'duplicate_daily_log',
      'Generator 7 already has a daily log for 2025-03-01.',
    );
    submit(dailyLogOf({ date: '2026-11-24' }));
    expectRefused(
      dailyLogOf({ date: '2026-11-24' }, users.manager),
      'duplicate_daily_log',
      'Generator 7 already has a daily log for 2026-11-24.',
    );
  });

  it('accepts today and tomorrow (time-zone leeway) but not later days', () => {
    submit(dailyLogOf({ date: '2026-11-25' }));
    submit(dailyLogOf({ date: '2026-11-26' }));
    expectRefused(
      dailyLogOf({ date: '2026-11-27' }),
      'invalid_date',
      'A daily log cannot be for a future day.',
    );
  });

  it.each(['2025-02-30', '2025-13-01', '2025-00-10'])('refuses the impossible date %s', (date) => {
    expectRefused(dailyLogOf({ date }), 'invalid_date', `"${date}" is not a date.`);
  });

  it('refuses an unknown asset', () => {
    expectRefused(dailyLogOf({ asset_id: randomUUID() }), 'unknown_asset', 'That asset does not exist.');
  });
});

// Who may do it -----------------------------------------------------------------------------------

describeRoles('daily_log.record', {
  push: t,
  envelope: async (userId) => {
    const assetId = await insertAsset(t.su, t.fx.a.tenantId, t.fx.a.buildingId);
    return dailyLog(userId, { asset_id: assetId, date: '2025-08-01' });
  },
  station: s,
  input: (userId) => dailyLogOf({}, userId),
});
