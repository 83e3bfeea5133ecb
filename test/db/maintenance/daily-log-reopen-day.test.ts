// daily_log.reopen_day, the one test file of the operation type: through amms_push a manager
// reopens a submitted day of the station's site with a reason (kept on the day), the day takes logs
// again and is submitted again; a day that is not submitted has nothing to reopen; and who may do
// it (managers and admins only), on both sides.
import { beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../db/ids/uuidv7.ts';
import { useLocalStation } from '../../helpers/local-station.ts';
import { maintenancePush } from '../../helpers/maintenance-push.ts';
import { siteId, users } from '../../helpers/ops-test-ids.ts';
import { usePushFixture, type Json } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';

const t = usePushFixture();
const m = maintenancePush(t);
const s = useLocalStation();

describe('daily_log.reopen_day', () => {
  const day = '2025-06-10';
  let second: string;
  const submit = () => t.op('daily_log.submit_day', t.usersA.supervisor, { date: day });
  const reopen = (fields: Json = {}) =>
    t.op('daily_log.reopen_day', t.usersA.manager, {
      date: day,
      reason: 'Night shift sheets came late',
      ...fields,
    });

  beforeAll(async () => {
    const first = await m.newLoader('LD-910');
    second = await m.newLoader('LD-911');
    await t.expectApplied(m.record(first, day, 4, 60));
    await t.expectApplied(submit());
  });

  it('is reopened by a manager with a reason', async () => {
    await t.expectRejected(reopen({ reason: '' }), 'missing_reason', 'Reopening a day needs a reason.');
    const result = await t.expectApplied(reopen());
    const { rows } = await t.su.query<Json>(
      `SELECT status::text, reopened_by_user_id::text AS by, reopen_reason FROM daily_log_days WHERE id = $1`,
      [result.day_id],
    );
    expect(rows).toEqual([
      { status: 'reopened', by: t.usersA.manager, reopen_reason: 'Night shift sheets came late' },
    ]);
    await t.expectRejected(
      reopen(),
      'day_not_submitted',
      'The daily logs of SITE-A for 2025-06-10 are not submitted; there is nothing to reopen.',
    );
  });

  it('takes logs again once reopened, and is submitted again', async () => {
    await t.expectApplied(m.record(second, day, 5, 70));
    expect(await t.expectApplied(submit())).toMatchObject({ logs: 2 });
    const { rows } = await t.su.query<Json>(
      `SELECT status::text, reopen_reason FROM daily_log_days WHERE site_id = $1 AND date = $2`,
      [t.fx.a.siteId, day],
    );
    expect(rows).toEqual([{ status: 'submitted', reopen_reason: 'Night shift sheets came late' }]);
  });
});

// The role matrix: a day of its own, submitted by the supervisor, reopened by each role.
let roleCase = 0;
describeRoles('daily_log.reopen_day', {
  push: t,
  envelope: async (userId) => {
    roleCase += 1;
    const date = `2025-08-${String(roleCase).padStart(2, '0')}`;
    await t.expectApplied(t.op('daily_log.submit_day', t.usersA.supervisor, { date }));
    return t.op('daily_log.reopen_day', userId, { date, reason: 'Late sheets' });
  },
  station: s,
  input: (userId) => {
    s.mirror('daily_log_days', {
      id: uuidv7(),
      site_id: siteId,
      date: '2026-11-20',
      status: 'submitted',
      submitted_by_user_id: users.supervisor,
      submitted_at: '2026-11-20T18:00:00Z',
    });
    return { type: 'daily_log.reopen_day', userId, payload: { date: '2026-11-20', reason: 'Late sheets' } };
  },
});
