// Who may push through amms_push: only enrolled, active stations (not other roles, not a revoked
// station); the acting user must be an active user of the station's tenant whose role the
// operation type allows (every role against every type, with the contract's roles, is the role
// matrix in each type's own test file, test/db/<domain>/<type>.test.ts: test/helpers/role-matrix.ts);
// and every type in op_types names an apply function of amms_private.
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { revokeStation } from '../../../db/admin/enroll-station.ts';
import { OPERATIONS } from '../../../src-preload/contract/operations.ts';
import { pgErrorOf } from '../../helpers/base-fixture.ts';
import { usePushFixture, type Envelope } from '../../helpers/push-fixture.ts';
import { stockHelpers } from '../../helpers/stock-push.ts';

const t = usePushFixture();
const { enrolExtraStationA, op, push, dailyLog, ledgerRows, expectRejected, expectApplied } = t;
const { newPart } = stockHelpers(t);

// Who may push ----------------------------------------------------------------------------------------

describe('who may push', () => {
  async function loginRole(prefix: string, inStationGroup: boolean): Promise<string> {
    const role = `amms_test_${prefix}_${randomBytes(5).toString('hex')}`;
    const password = randomBytes(18).toString('base64url');
    await t.su.query(
      `CREATE ROLE ${pg.escapeIdentifier(role)} LOGIN PASSWORD ${t.su.escapeLiteral(password)}${
        inStationGroup ? ' IN ROLE amms_station' : ''
      }`,
    );
    t.dropRoleAtEnd(role);
    await t.su.query(
      `GRANT CONNECT ON DATABASE ${pg.escapeIdentifier(t.db.name)} TO ${pg.escapeIdentifier(role)}`,
    );
    const url = new URL(t.db.url);
    url.username = role;
    url.password = password;
    return url.toString();
  }

  async function pushErrorAs(
    url: string,
    envelope: Envelope,
    fn = 'amms_push',
  ): Promise<{ code?: string; message: string }> {
    const client = await t.connect(url);
    try {
      const error = await pgErrorOf(client.query(`SELECT ${fn}(1, $1::jsonb)`, [JSON.stringify(envelope)]));
      return { code: error.code, message: error.message };
    } finally {
      await client.end();
    }
  }

  it('a role that is not a station cannot reach amms_push', async () => {
    const url = await loginRole('outsider', false);
    const envelope = dailyLog(t.usersA.supervisor, { date: '2025-07-02' });
    expect(await pushErrorAs(url, envelope, 'public.amms_push')).toEqual({
      code: '42501',
      message: 'permission denied for schema public',
    });
    expect(await ledgerRows(envelope.op_id)).toEqual([]);
  });

  it('a role that is not a station cannot execute amms_push even with USAGE on schema public', async () => {
    const url = await loginRole('outsider', false);
    await t.su.query(`GRANT USAGE ON SCHEMA public TO ${pg.escapeIdentifier(new URL(url).username)}`);
    const envelope = dailyLog(t.usersA.supervisor, { date: '2025-07-02' });
    expect(await pushErrorAs(url, envelope)).toEqual({
      code: '42501',
      message: 'permission denied for function amms_push',
    });
    expect(await ledgerRows(envelope.op_id)).toEqual([]);
  });

  it('a member of amms_station that was never enrolled is refused', async () => {
    const url = await loginRole('ghost', true);
    const envelope = dailyLog(t.usersA.supervisor, { date: '2025-07-03' });
    expect(await pushErrorAs(url, envelope)).toEqual({
      code: '42501',
      message: 'Only an enrolled, active station can push operations',
    });
    expect(await ledgerRows(envelope.op_id)).toEqual([]);
  });

  it('a station marked revoked is refused even while its role still exists', async () => {
    const station = await enrolExtraStationA('revoked');
    const session = await t.connect(station.url);
    await expectApplied(dailyLog(t.usersA.supervisor, { date: '2025-07-04' }), session);
    await t.su.query('UPDATE stations SET revoked_at = now() WHERE id = $1', [station.id]);
    const envelope = dailyLog(t.usersA.supervisor, { date: '2025-07-05' });
    expect(await pushErrorAs(station.url, envelope)).toEqual({
      code: '42501',
      message: 'Only an enrolled, active station can push operations',
    });
    expect(await ledgerRows(envelope.op_id)).toEqual([]);
  });

  it('a station revoked with revokeStation cannot log in any more', async () => {
    const station = await enrolExtraStationA('dropped');
    await revokeStation(t.db.url, station.id);
    const error = await t.connect(station.url).then(
      async (c) => {
        await c.end();
        return undefined;
      },
      (e: unknown) => e as pg.DatabaseError,
    );
    expect(error?.code).toBe('28P01');
    expect(error?.message).toBe(`password authentication failed for user "${station.roleName}"`);
    const { rows } = await t.su.query<{ revoked: boolean; role_exists: boolean }>(
      `SELECT revoked_at IS NOT NULL AS revoked, EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) AS role_exists
         FROM stations WHERE id = $1`,
      [station.id],
    );
    expect(rows).toEqual([{ revoked: true, role_exists: false }]);
  });
});

// The acting user -------------------------------------------------------------------------------------

describe('the acting user', () => {
  it.each([
    ['an inactive user', () => t.inactiveStorekeeper],
    ["a user of another tenant (B's supervisor)", () => t.fx.b.supervisorId],
    ['an unknown id', () => randomUUID()],
    ['no user at all', () => undefined],
  ])('refuses %s with unknown_user', async (_label, userOf) => {
    const { partId } = await newPart('piece');
    await expectRejected(
      op('stock.receive', userOf(), {
        lines: [{ part_id: partId, location_id: t.fx.a.warehouseId, bin_location: 'U-01', qty: 1 }],
      }),
      'unknown_user',
      'The user who did this is not an active user of this organisation.',
    );
  });

  it('refuses a user id that is not a uuid as a malformed envelope', async () => {
    const error = await pgErrorOf(push(t.stationA, { ...op('stock.receive', 'bob', { lines: [] }) }));
    expect({ code: error.code, message: error.message }).toEqual({
      code: '22023',
      message: 'Malformed operation envelope',
    });
  });
});

// The server's operation types ---------------------------------------------------------------------------

describe('op_types', () => {
  it('every op type names an existing apply function in amms_private', async () => {
    const { rows } = await t.su.query<{ op_type: string; schema: string }>(
      `SELECT t.op_type, n.nspname AS schema FROM amms_private.op_types t
         JOIN pg_proc p ON p.oid = t.apply_function JOIN pg_namespace n ON n.oid = p.pronamespace`,
    );
    expect(rows.map((r) => r.schema)).toEqual(rows.map(() => 'amms_private'));
    expect(rows).toHaveLength(Object.keys(OPERATIONS).length);
  });
});
