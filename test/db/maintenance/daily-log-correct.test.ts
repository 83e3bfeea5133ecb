// daily_log.correct, the one test file of the operation type: through amms_push a log's hours, fuel
// or notes changed with a reason, the meter moving by the difference (not for a day a machine
// reading already counts), the old values kept in daily_log_corrections and the audit, the refusals
// (no reason, changed meanwhile, no change, values a new log could not have), and the database
// refusing any other change of a log; and who may do it, on both sides.
import { beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../db/ids/uuidv7.ts';
import { pgErrorOf } from '../../helpers/base-fixture.ts';
import { useLocalStation } from '../../helpers/local-station.ts';
import { maintenancePush } from '../../helpers/maintenance-push.ts';
import { generator, users } from '../../helpers/ops-test-ids.ts';
import { usePushFixture, type Envelope, type Json } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';

const t = usePushFixture();
const m = maintenancePush(t);
const s = useLocalStation();

describe('daily_log.correct', () => {
  let loader: string;
  let logId: string;
  const correct = (fields: Json, userId = t.usersA.supervisor): Envelope =>
    t.op('daily_log.correct', userId, {
      log_id: logId,
      run_hours_added: 6,
      fuel_liters_added: 150,
      reason: 'Operator logged the whole shift, the machine stood 2 h',
      ...fields,
    });

  beforeAll(async () => {
    loader = await m.newLoader('LD-901');
    const result = await t.expectApplied(m.record(loader, '2025-06-02', 8, 160, { notes: 'Night shift' }));
    logId = String(result.log_id);
    expect(await m.meterHours(loader)).toBe(2008);
  });

  it('changes the log with a reason, moves the meter down by the difference and keeps the old values', async () => {
    const op = correct({ expected: { run_hours_added: 8, fuel_liters_added: 160 } });
    const result = await t.expectApplied(op);
    expect(result).toMatchObject({ log_id: logId, meter_delta: -2, current_run_hours: 2006 });
    expect(await m.meterHours(loader)).toBe(2006);
    expect(await m.logOf(loader, '2025-06-02')).toMatchObject([{ h: 6, f: 150, notes: 'Night shift' }]);
    const { rows } = await t.su.query<Json>(
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
        by: t.usersA.supervisor,
        op: op.op_id,
      },
    ]);
    const audit = await t.auditRowsOf(op.op_id);
    expect(audit.map((r) => `${r.action} ${r.entity_type}`)).toEqual([
      'insert daily_log_corrections',
      'update daily_logs',
      'update asset_meters',
    ]);
    t.expectActor(audit, t.usersA.supervisor);
    expect(audit[1]?.changes).toMatchObject({
      before: { run_hours_added: 8, fuel_liters_added: 160 },
      after: { run_hours_added: 6, fuel_liters_added: 150 },
    });
  });

  it('moves the meter up by the difference too', async () => {
    expect(
      await t.expectApplied(correct({ run_hours_added: 9, reason: 'Hours read off the wrong sheet' })),
    ).toMatchObject({ meter_delta: 3, current_run_hours: 2009 });
  });

  it('refuses a correction without a reason, of a log changed meanwhile, or that changes nothing', async () => {
    await t.expectRejected(correct({ reason: '  ' }), 'missing_reason', 'A correction needs a reason.');
    await t.expectRejected(
      correct({ expected: { run_hours_added: 8, fuel_liters_added: 160 } }),
      'log_changed',
      'The daily log of LD-901 (Loader LD-901) for 2025-06-02 was changed meanwhile: it now says 9 h and 150 L. ' +
        'Look at it again before correcting.',
    );
    await t.expectRejected(
      correct({ run_hours_added: 9 }),
      'no_change',
      'The daily log of LD-901 (Loader LD-901) for 2025-06-02 already says 9 h and 150 L; the correction changes nothing.',
    );
    await t.expectRejected(
      correct({ log_id: '01938f6e-8c1a-7b3e-9a51-3c2d4e5f6a7b' }),
      'unknown_log',
      'That daily log does not exist (it may have been refused when it was sent).',
    );
  });

  it('checks the new values like a new log: hours 0 to 24, fuel within the tank', async () => {
    await t.expectRejected(
      correct({ run_hours_added: 25 }),
      'invalid_hours',
      '25 hours in one day is not possible (0 to 24).',
    );
    await t.expectRejected(
      correct({ fuel_liters_added: 350 }),
      'fuel_above_tank',
      'LD-901 (Loader LD-901) holds at most 300 L of fuel; 350 L is more than its tank.',
    );
  });

  it('changes the notes alone without moving the meter', async () => {
    expect(
      await t.expectApplied(
        correct({ run_hours_added: 9, notes: 'Night shift, bucket teeth changed', reason: 'Note added' }),
      ),
    ).toMatchObject({ meter_delta: 0, current_run_hours: 2009 });
  });

  it('does not move the meter for a day a later machine reading already counts', async () => {
    await t.expectApplied(m.reading(loader, '2025-06-03T18:00Z', 2009));
    expect(
      await t.expectApplied(correct({ run_hours_added: 5, reason: 'Checked against the tachograph' })),
    ).toMatchObject({ meter_delta: 0, current_run_hours: 2009 });
  });

  it('is the only way to change a log: direct updates are refused by the database', async () => {
    const hours = await pgErrorOf(
      t.su.query('UPDATE daily_logs SET run_hours_added = 1 WHERE id = $1', [logId]),
    );
    expect(hours.constraint).toBe('daily_logs_changed_by_correction');
    const moved = await pgErrorOf(
      t.su.query(`UPDATE daily_logs SET date = '2025-06-01' WHERE id = $1`, [logId]),
    );
    expect(moved.constraint).toBe('daily_logs_asset_date_fixed');
    const history = await pgErrorOf(
      t.su.query(`UPDATE daily_log_corrections SET reason = 'rewritten' WHERE daily_log_id = $1`, [logId]),
    );
    expect(history.message).toMatch(/are history and cannot be changed/);
  });
});

// The role matrix: a log of the day before, corrected from 8 h to 6 h.
let roleCase = 0;
describeRoles('daily_log.correct', {
  push: t,
  envelope: async (userId) => {
    roleCase += 1;
    const loader = await m.newLoader(`LD-R${roleCase}`);
    const { log_id } = await t.expectApplied(m.record(loader, '2025-07-01', 8, 100));
    return t.op('daily_log.correct', userId, {
      log_id,
      run_hours_added: 6,
      fuel_liters_added: 100,
      reason: 'Stood 2 h',
    });
  },
  station: s,
  input: (userId) => {
    const logId = uuidv7();
    s.mirror('daily_logs', {
      id: logId,
      date: '2026-11-20',
      supervisor_id: users.supervisor,
      asset_id: generator,
      run_hours_added: 8,
      fuel_liters_added: 40,
      anomalies: '[]',
    });
    return {
      type: 'daily_log.correct',
      userId,
      payload: { log_id: logId, run_hours_added: 6, fuel_liters_added: 40, reason: 'Stood 2 h' },
    };
  },
});
