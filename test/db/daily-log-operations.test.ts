// The supervisor's day through amms_push, as enrolled stations' own roles, against the real
// PostgreSQL: corrections (a reason, the meter moving by the difference, old values readable),
// the day lock (submitted by a supervisor, reopened by a manager), one log per asset and day when
// two stations logged the same asset offline (in turn and at the same moment), tank capacity and
// the anomalies kept for the manager. The database holds the same rules for direct writes.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertAsset,
  insertAssetIdentity,
  insertAssetMeter,
  insertRow,
  insertSiteTree,
  insertUser,
  pgErrorOf,
} from '../helpers/base-fixture.ts';
import {
  connect,
  enrolStation,
  envelope,
  expectApplied,
  expectRejected,
  push,
  waitUntilBlocked,
  type Envelope,
  type Json,
} from '../helpers/push-ops.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { buildTwoTenants, dropTestRole, type TwoTenants } from '../helpers/two-tenants.ts';

const WATCHED = [
  'daily_logs',
  'daily_log_corrections',
  'daily_log_days',
  'asset_meters',
  'meter_readings',
  'audit_logs',
] as const;

let db: TestDatabase;
let fx: TwoTenants;
let su: pg.Client;
let station: pg.Client;
let supervisor: string;
let manager: string;
const extraRoles: string[] = [];
const extraClients: pg.Client[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await buildTwoTenants(db.url);
  su = await connect(db.url);
  station = await connect(fx.a.station.url);
  supervisor = fx.a.supervisorId;
  manager = await insertUser(su, fx.a.tenantId, 'manager', {
    site_id: fx.a.siteId,
    full_name: 'Moses Langat',
  });
});

afterAll(async () => {
  for (const client of [station, ...extraClients]) await client.end().catch(() => undefined);
  await su.end();
  for (const role of extraRoles) await dropTestRole(db.url, role);
  await fx.cleanup();
  await db.drop();
});

/** A new loader of tenant A at its site: client code, a 300 L tank, a meter at 2,000 h. */
async function newLoader(code: string, fields: Json = {}): Promise<string> {
  const assetId = await insertAsset(su, fx.a.tenantId, fx.a.buildingId, {
    name: `Loader ${code}`,
    ...fields,
  });
  await insertAssetIdentity(su, fx.a.tenantId, assetId, { client_code: code });
  await insertAssetMeter(su, fx.a.tenantId, assetId, { current_run_hours: 2000 });
  await insertRow(su, 'asset_specs', {
    tenant_id: fx.a.tenantId,
    asset_id: assetId,
    specs: { fuel_tank_litres: 300 },
  });
  return assetId;
}

const record = (assetId: string, date: string, hours: number, fuel: number, extra: Json = {}): Envelope =>
  envelope('daily_log.record', supervisor, {
    asset_id: assetId,
    date,
    run_hours_added: hours,
    fuel_liters_added: fuel,
    ...extra,
  });

const applied = (op: Envelope, client: pg.Client = station) => expectApplied(client, su, op);
const rejected = (op: Envelope, code: string, reason: string | RegExp) =>
  expectRejected(station, su, WATCHED, op, code, reason);

async function meterHours(assetId: string): Promise<number> {
  const { rows } = await su.query<{ h: number }>(
    'SELECT current_run_hours::float8 AS h FROM asset_meters WHERE asset_id = $1',
    [assetId],
  );
  return rows[0]?.h ?? NaN;
}

async function logOf(assetId: string, date: string): Promise<Json[]> {
  const { rows } = await su.query<Json>(
    `SELECT id::text, run_hours_added::float8 AS h, fuel_liters_added::float8 AS f, notes, anomalies
       FROM daily_logs WHERE asset_id = $1 AND date = $2`,
    [assetId, date],
  );
  return rows;
}

describe('daily_log.correct', () => {
  let loader: string;
  let logId: string;
  const correct = (fields: Json, userId = supervisor): Envelope =>
    envelope('daily_log.correct', userId, {
      log_id: logId,
      run_hours_added: 6,
      fuel_liters_added: 150,
      reason: 'Operator logged the whole shift, the machine stood 2 h',
      ...fields,
    });

  beforeAll(async () => {
    loader = await newLoader('LD-901');
    const result = await applied(record(loader, '2025-06-02', 8, 160, { notes: 'Night shift' }));
    logId = String(result.log_id);
    expect(await meterHours(loader)).toBe(2008);
  });

  it('changes the log with a reason, moves the meter down by the difference and keeps the old values', async () => {
    const op = correct({ expected: { run_hours_added: 8, fuel_liters_added: 160 } });
    const result = await applied(op);
    expect(result).toMatchObject({ log_id: logId, meter_delta: -2, current_run_hours: 2006 });
    expect(await meterHours(loader)).toBe(2006);
    expect(await logOf(loader, '2025-06-02')).toMatchObject([{ h: 6, f: 150, notes: 'Night shift' }]);
    const { rows } = await su.query<Json>(
      `SELECT old_run_hours_added::float8 AS old_h, new_run_hours_added::float8 AS new_h,
              old_fuel_liters_added::float8 AS old_f, new_fuel_liters_added::float8 AS new_f, old_notes, new_notes,
              meter_delta::float8 AS delta, reason, corrected_by_user_id::text AS by, op_id::text AS op
         FROM daily_log_corrections WHERE daily_log_id = $1`,
      [logId],
    );
    expect(rows).toEqual([
      {
        old_h: 8,
        new_h: 6,
        old_f: 160,
        new_f: 150,
        old_notes: 'Night shift',
        new_notes: 'Night shift',
        delta: -2,
        reason: 'Operator logged the whole shift, the machine stood 2 h',
        by: supervisor,
        op: op.op_id,
      },
    ]);
    const audit = await su.query<{ entity_type: string; action: string; changes: Json }>(
      `SELECT a.entity_type, a.action::text, a.changes FROM audit_logs a JOIN op_ledger l ON l.txid = a.txid
        WHERE l.op_id = $1 ORDER BY a.id`,
      [op.op_id],
    );
    expect(audit.rows.map((r) => `${r.action} ${r.entity_type}`)).toEqual([
      'insert daily_log_corrections',
      'update daily_logs',
      'update asset_meters',
    ]);
    expect(audit.rows[1]?.changes).toMatchObject({
      before: { run_hours_added: 8, fuel_liters_added: 160 },
      after: { run_hours_added: 6, fuel_liters_added: 150 },
    });
  });

  it('moves the meter up by the difference too', async () => {
    expect(
      await applied(correct({ run_hours_added: 9, reason: 'Hours read off the wrong sheet' })),
    ).toMatchObject({
      meter_delta: 3,
      current_run_hours: 2009,
    });
  });

  it('refuses a correction without a reason, of a log changed meanwhile, or that changes nothing', async () => {
    await rejected(correct({ reason: '  ' }), 'missing_reason', 'A correction needs a reason.');
    await rejected(
      correct({ expected: { run_hours_added: 8, fuel_liters_added: 160 } }),
      'log_changed',
      'The daily log of LD-901 (Loader LD-901) for 2025-06-02 was changed meanwhile: it now says 9 h and 150 L. ' +
        'Look at it again before correcting.',
    );
    await rejected(
      correct({ run_hours_added: 9 }),
      'no_change',
      'The daily log of LD-901 (Loader LD-901) for 2025-06-02 already says 9 h and 150 L; the correction changes nothing.',
    );
    await rejected(
      correct({ log_id: '01938f6e-8c1a-7b3e-9a51-3c2d4e5f6a7b' }),
      'unknown_log',
      'That daily log does not exist (it may have been refused when it was sent).',
    );
  });

  it('checks the new values like a new log: hours 0 to 24, fuel within the tank', async () => {
    await rejected(
      correct({ run_hours_added: 25 }),
      'invalid_hours',
      '25 hours in one day is not possible (0 to 24).',
    );
    await rejected(
      correct({ fuel_liters_added: 350 }),
      'fuel_above_tank',
      'LD-901 (Loader LD-901) holds at most 300 L of fuel; 350 L is more than its tank.',
    );
  });

  it('changes the notes alone without moving the meter', async () => {
    expect(
      await applied(
        correct({ run_hours_added: 9, notes: 'Night shift, bucket teeth changed', reason: 'Note added' }),
      ),
    ).toMatchObject({ meter_delta: 0, current_run_hours: 2009 });
  });

  it('does not move the meter for a day a later machine reading already counts', async () => {
    await applied(
      envelope('meter.reading', supervisor, {
        asset_id: loader,
        read_at: '2025-06-03T18:00Z',
        reading: 2009,
      }),
    );
    expect(
      await applied(correct({ run_hours_added: 5, reason: 'Checked against the tachograph' })),
    ).toMatchObject({ meter_delta: 0, current_run_hours: 2009 });
  });

  it('is the only way to change a log: direct updates are refused by the database', async () => {
    const hours = await pgErrorOf(
      su.query('UPDATE daily_logs SET run_hours_added = 1 WHERE id = $1', [logId]),
    );
    expect(hours.constraint).toBe('daily_logs_changed_by_correction');
    const moved = await pgErrorOf(
      su.query(`UPDATE daily_logs SET date = '2025-06-01' WHERE id = $1`, [logId]),
    );
    expect(moved.constraint).toBe('daily_logs_asset_date_fixed');
    const history = await pgErrorOf(
      su.query(`UPDATE daily_log_corrections SET reason = 'rewritten' WHERE daily_log_id = $1`, [logId]),
    );
    expect(history.message).toMatch(/are history and cannot be changed/);
  });
});

describe('the day lock: daily_log.submit_day and daily_log.reopen_day', () => {
  const day = '2025-06-10';
  let first: string;
  let second: string;
  const submit = (fields: Json = {}, userId = supervisor) =>
    envelope('daily_log.submit_day', userId, { date: day, ...fields });
  const reopen = (fields: Json = {}, userId = manager) =>
    envelope('daily_log.reopen_day', userId, {
      date: day,
      reason: 'Night shift sheets came late',
      ...fields,
    });
  const lockedMessage =
    /^The daily logs of SITE-A for 2025-06-10 were submitted by supervisor A on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC; a manager must reopen the day before they can change\.$/;

  beforeAll(async () => {
    first = await newLoader('LD-910');
    second = await newLoader('LD-911');
    await applied(record(first, day, 4, 60));
  });

  it('submits the day of the station’s site and counts its logs', async () => {
    const result = await applied(submit());
    expect(result).toMatchObject({ site_id: fx.a.siteId, date: day, logs: 1, flagged: 0 });
    const { rows } = await su.query<Json>(
      `SELECT status::text, submitted_by_user_id::text AS by, reopened_at FROM daily_log_days WHERE id = $1`,
      [result.day_id],
    );
    expect(rows).toEqual([{ status: 'submitted', by: supervisor, reopened_at: null }]);
    await rejected(
      submit(),
      'day_already_submitted',
      /^The daily logs of SITE-A for 2025-06-10 were already submitted by supervisor A on .* UTC\.$/,
    );
  });

  it('locks the day: no new log, no correction, not even a direct write', async () => {
    await rejected(record(second, day, 5, 70), 'day_submitted', lockedMessage);
    const [log] = await logOf(first, day);
    await rejected(
      envelope('daily_log.correct', supervisor, {
        log_id: log?.id,
        run_hours_added: 5,
        fuel_liters_added: 60,
        reason: 'late fix',
      }),
      'day_submitted',
      lockedMessage,
    );
    const direct = await pgErrorOf(
      su.query(`INSERT INTO daily_logs (tenant_id, date, supervisor_id, asset_id) VALUES ($1, $2, $3, $4)`, [
        fx.a.tenantId,
        day,
        supervisor,
        second,
      ]),
    );
    expect(direct.constraint).toBe('daily_logs_day_submitted');
    expect(direct.message).toMatch(lockedMessage);
    // Other days stay open.
    await applied(record(second, '2025-06-11', 5, 70));
  });

  it('is reopened by a manager only, with a reason', async () => {
    await rejected(
      reopen({}, supervisor),
      'forbidden',
      /is not allowed to do this \(daily_log\.reopen_day\)/,
    );
    await rejected(reopen({ reason: '' }), 'missing_reason', 'Reopening a day needs a reason.');
    const result = await applied(reopen());
    const { rows } = await su.query<Json>(
      `SELECT status::text, reopened_by_user_id::text AS by, reopen_reason FROM daily_log_days WHERE id = $1`,
      [result.day_id],
    );
    expect(rows).toEqual([
      { status: 'reopened', by: manager, reopen_reason: 'Night shift sheets came late' },
    ]);
    await rejected(
      reopen(),
      'day_not_submitted',
      'The daily logs of SITE-A for 2025-06-10 are not submitted; there is nothing to reopen.',
    );
  });

  it('takes logs again once reopened, and is submitted again', async () => {
    await applied(record(second, day, 5, 70));
    expect(await applied(submit())).toMatchObject({ logs: 2 });
    const { rows } = await su.query<Json>(
      `SELECT status::text, reopen_reason FROM daily_log_days WHERE site_id = $1 AND date = $2`,
      [fx.a.siteId, day],
    );
    expect(rows).toEqual([{ status: 'submitted', reopen_reason: 'Night shift sheets came late' }]);
  });

  it("submits only the station's own site, and no future day", async () => {
    const other = await insertSiteTree(su, fx.a.tenantId);
    await rejected(
      submit({ site_id: other.siteId }),
      'other_site',
      /is another site; a station submits its own site's days\.$/,
    );
    const { rows } = await su.query<{ d: string }>(`SELECT (current_date + 2)::text AS d`);
    await rejected(
      submit({ date: rows[0]?.d }),
      'invalid_date',
      'A day cannot be submitted before it has begun.',
    );
  });
});

describe('one log per asset and day across two stations', () => {
  let second: { id: string; roleName: string; url: string };
  let stationTwo: pg.Client;

  beforeAll(async () => {
    second = await enrolStation(db.url, fx.a.slug, fx.a.siteCode, 'Counter 2');
    extraRoles.push(second.roleName);
    stationTwo = await connect(second.url);
    extraClients.push(stationTwo);
  });

  it('keeps the log that reached the server first and refuses the other, naming the first', async () => {
    const loader = await newLoader('LD-920');
    // Both stations queued a log for the same asset and day while offline; station 1 syncs first.
    const fromOne = record(loader, '2025-06-15', 7, 140);
    const fromTwo = record(loader, '2025-06-15', 9, 180);
    await applied(fromOne);
    const result = await push(stationTwo, fromTwo);
    expect(result).toMatchObject({
      outcome: 'rejected',
      code: 'duplicate_daily_log',
      reason:
        'LD-920 (Loader LD-920) already has a daily log for 2025-06-15: 7 h and 140 L recorded by supervisor A ' +
        'at Station A. Correct that log instead of adding a second one.',
    });
    expect(await logOf(loader, '2025-06-15')).toMatchObject([{ h: 7, f: 140 }]);
    expect(await meterHours(loader)).toBe(2007);
  });

  it('refuses the second of two pushes at the same moment once the first commits', async () => {
    const loader = await newLoader('LD-921');
    const one = await connect(fx.a.station.url);
    extraClients.push(one);
    await one.query('BEGIN');
    expect(await push(one, record(loader, '2025-06-16', 6, 120))).toMatchObject({ outcome: 'applied' });
    const pid = (await stationTwo.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0;
    const racing = push(stationTwo, record(loader, '2025-06-16', 8, 160));
    await waitUntilBlocked(su, pid);
    await one.query('COMMIT');
    const result = await racing;
    expect(result).toMatchObject({ outcome: 'rejected', code: 'duplicate_daily_log' });
    expect(result.reason).toMatch(
      /^LD-921 \(Loader LD-921\) already has a daily log for 2025-06-16: 6 h and 120 L/,
    );
    expect(await logOf(loader, '2025-06-16')).toMatchObject([{ h: 6, f: 120 }]);
    expect(await meterHours(loader)).toBe(2006);
  });
});

describe('tank capacity and anomalies', () => {
  it('refuses fuel above the tank and accepts a full tank', async () => {
    const loader = await newLoader('LD-930');
    await rejected(
      record(loader, '2025-06-20', 8, 300.5),
      'fuel_above_tank',
      'LD-930 (Loader LD-930) holds at most 300 L of fuel; 300.5 L is more than its tank.',
    );
    await applied(record(loader, '2025-06-20', 8, 300));
  });

  it('keeps the anomalies the supervisor confirmed, for the manager', async () => {
    const loader = await newLoader('LD-931');
    const anomalies = [{ code: 'hours_above_normal', message: '14 h is far above its usual 6 h a day.' }];
    expect(await applied(record(loader, '2025-06-20', 14, 250, { anomalies }))).toMatchObject({ anomalies });
    expect(await logOf(loader, '2025-06-20')).toMatchObject([{ anomalies }]);
    await rejected(
      record(loader, '2025-06-21', 4, 60, { anomalies: [{ code: 'made_up', message: 'x' }] }),
      'invalid_field',
      /is not a known anomaly with a message\.$/,
    );
  });

  it('flags on its own what it can see: fuel without hours, hours while out of service', async () => {
    const idle = await newLoader('LD-932');
    expect(await applied(record(idle, '2025-06-20', 0, 40))).toMatchObject({
      anomalies: [{ code: 'fuel_without_hours', message: '40 L of fuel with no run hours.' }],
    });
    const broken = await newLoader('LD-933', { status: 'out_of_service' });
    expect(await applied(record(broken, '2025-06-20', 5, 80))).toMatchObject({
      anomalies: [{ code: 'hours_out_of_service', message: '5 h on an asset that is out of service.' }],
    });
  });
});
