// daily_log.submit_day, the one test file of the operation type: through amms_push a supervisor
// submits the day of the station's site (its logs counted), and the day is locked: no new log, no
// correction, not even a direct write (the database's own trigger); a day is submitted once, only
// for the station's own site and not before it has begun; and who may do it, on both sides.
// (Reopening the day and submitting it again: daily-log-reopen-day.test.ts.)
import { beforeAll, describe, expect, it } from 'vitest';
import { insertSiteTree, pgErrorOf } from '../../helpers/base-fixture.ts';
import { useLocalStation } from '../../helpers/local-station.ts';
import { maintenancePush } from '../../helpers/maintenance-push.ts';
import { usePushFixture, type Json } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';

const t = usePushFixture();
const m = maintenancePush(t);
const s = useLocalStation();

/** The refusal of any change of a submitted day of SITE-A, 2025-06-10. */
const LOCKED_2025_06_10 =
  /^The daily logs of SITE-A for 2025-06-10 were submitted by supervisor A on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC; a manager must reopen the day before they can change\.$/;

describe('daily_log.submit_day', () => {
  const day = '2025-06-10';
  let first: string;
  let second: string;
  const submit = (fields: Json = {}) =>
    t.op('daily_log.submit_day', t.usersA.supervisor, { date: day, ...fields });

  beforeAll(async () => {
    first = await m.newLoader('LD-910');
    second = await m.newLoader('LD-911');
    await t.expectApplied(m.record(first, day, 4, 60));
  });

  it('submits the day of the station’s site and counts its logs', async () => {
    const result = await t.expectApplied(submit());
    expect(result).toMatchObject({ site_id: t.fx.a.siteId, date: day, logs: 1, flagged: 0 });
    const { rows } = await t.su.query<Json>(
      `SELECT status::text, submitted_by_user_id::text AS by, reopened_at FROM daily_log_days WHERE id = $1`,
      [result.day_id],
    );
    expect(rows).toEqual([{ status: 'submitted', by: t.usersA.supervisor, reopened_at: null }]);
    await t.expectRejected(
      submit(),
      'day_already_submitted',
      /^The daily logs of SITE-A for 2025-06-10 were already submitted by supervisor A on .* UTC\.$/,
    );
  });

  it('locks the day: no new log, no correction, not even a direct write', async () => {
    await t.expectRejected(m.record(second, day, 5, 70), 'day_submitted', LOCKED_2025_06_10);
    const [log] = await m.logOf(first, day);
    await t.expectRejected(
      t.op('daily_log.correct', t.usersA.supervisor, {
        log_id: log?.id,
        run_hours_added: 5,
        fuel_liters_added: 60,
        reason: 'late fix',
      }),
      'day_submitted',
      LOCKED_2025_06_10,
    );
    const direct = await pgErrorOf(
      t.su.query(
        `INSERT INTO daily_logs (tenant_id, date, supervisor_id, asset_id) VALUES ($1, $2, $3, $4)`,
        [t.fx.a.tenantId, day, t.usersA.supervisor, second],
      ),
    );
    expect(direct.constraint).toBe('daily_logs_day_submitted');
    expect(direct.message).toMatch(LOCKED_2025_06_10);
    // Other days stay open.
    await t.expectApplied(m.record(second, '2025-06-11', 5, 70));
  });

  it("submits only the station's own site, and no future day", async () => {
    const other = await insertSiteTree(t.su, t.fx.a.tenantId);
    await t.expectRejected(
      submit({ site_id: other.siteId }),
      'other_site',
      /is another site; a station submits its own site's days\.$/,
    );
    const { rows } = await t.su.query<{ d: string }>(`SELECT (current_date + 2)::text AS d`);
    await t.expectRejected(
      submit({ date: rows[0]?.d }),
      'invalid_date',
      'A day cannot be submitted before it has begun.',
    );
  });
});

// The role matrix: a day of its own for each role.
let roleCase = 0;
describeRoles('daily_log.submit_day', {
  push: t,
  envelope: (userId) => {
    roleCase += 1;
    return Promise.resolve(
      t.op('daily_log.submit_day', userId, { date: `2025-08-${String(roleCase).padStart(2, '0')}` }),
    );
  },
  station: s,
  input: (userId) => ({ type: 'daily_log.submit_day', userId, payload: { date: '2026-11-20' } }),
});
