// Stations through a transaction pooler (migration 0016, docs/adr/0018): the isolation stays keyed
// on the station's login role. Through the real PgBouncer, a station logs in with its own role and
// password and, with its claim, sees exactly what it sees connected directly; and on a pooler
// session (the server side of the pool, reached directly here to play the "next client") nothing
// is visible or writable without a valid claim, a claim lives for its transaction only, and no
// session can read another's query text.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeStation } from '../../db/admin/enroll-station.ts';
import { stationClaim } from '../../db/auth/pool-key.ts';
import { startPgBouncer, type PgBouncer } from '../../db/pooler/pgbouncer.ts';
import { ensurePoolerRoles, type PoolerRoles } from '../../db/pooler/pooler-roles.ts';
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import { createTestDatabase, withClient, type TestDatabase } from '../helpers/test-database.ts';
import { buildTwoTenants, TENANT_TABLES, tenantColumn, type TwoTenants } from '../helpers/two-tenants.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let db: TestDatabase;
let fx: TwoTenants;
let roles: PoolerRoles;
let bouncer: PgBouncer;
let bouncerDir: string;

const passwordOf = (url: string): string => decodeURIComponent(new URL(url).password);
const claimOf = (station: { roleName: string; url: string }): string =>
  stationClaim(station.roleName, passwordOf(station.url));

function viaPooler(stationUrl: string, password?: string): string {
  const url = new URL(stationUrl);
  url.port = String(bouncer.port);
  if (password !== undefined) url.password = password;
  return url.toString();
}

function poolSessionUrl(): string {
  const url = new URL(db.url);
  url.username = roles.serverUser;
  url.password = roles.serverPassword;
  return url.toString();
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Row counts of every tenant table, per tenant id, as this session sees them. */
async function visibleRows(client: pg.Client): Promise<Record<string, Record<string, number>>> {
  const seen: Record<string, Record<string, number>> = {};
  for (const table of TENANT_TABLES) {
    const column = tenantColumn(table);
    const { rows } = await client.query<{ t: string; n: number }>(
      `SELECT ${column}::text AS t, count(*)::int AS n FROM ${table} GROUP BY 1 ORDER BY 1`,
    );
    seen[table] = Object.fromEntries(rows.map((r) => [r.t, r.n]));
  }
  return seen;
}

/** Runs fn in one transaction of the client, after claiming `claim` (if any). */
async function inTransaction<T>(client: pg.Client, claim: string | null, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    if (claim !== null) await client.query(`SELECT set_config('amms.station', $1, true)`, [claim]);
    return await fn();
  } finally {
    await client.query('ROLLBACK');
  }
}

async function tenantOf(client: pg.Client): Promise<string | null> {
  const { rows } = await client.query<{ t: string | null }>('SELECT current_station_tenant_id()::text AS t');
  return rows[0]?.t ?? null;
}

async function loginError(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
  return 'connected';
}

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await buildTwoTenants(db.url);
  roles = await ensurePoolerRoles(db.adminUrl, [db.name]);
  const server = new URL(db.adminUrl);
  bouncerDir = mkdtempSync(join(tmpdir(), 'amms-pgbouncer-'));
  bouncer = await startPgBouncer({
    dir: bouncerDir,
    pgHost: server.hostname,
    pgPort: Number(server.port),
    roles,
    poolSize: 2,
  });
});

afterAll(async () => {
  await bouncer.close();
  rmSync(bouncerDir, { recursive: true, force: true });
  await fx.cleanup();
  await db.drop();
});

describe('a station through PgBouncer (transaction pooling)', () => {
  it('logs in as its own role and, with its claim, sees exactly what it sees directly', async () => {
    const direct = await connect(fx.a.station.url);
    const pooled = await connect(viaPooler(fx.a.station.url));
    try {
      const expected = await visibleRows(direct);
      expect(Object.keys(expected.parts ?? {})).toEqual([fx.a.tenantId]);
      const seen = await inTransaction(pooled, claimOf(fx.a.station), async () => ({
        rows: await visibleRows(pooled),
        tenant: await tenantOf(pooled),
      }));
      expect(seen.tenant).toBe(fx.a.tenantId);
      expect(seen.rows).toEqual(expected);
      // Without the claim, the same pooled connection is nobody.
      const bare = await inTransaction(pooled, null, () => visibleRows(pooled));
      for (const table of TENANT_TABLES) expect(bare[table], table).toEqual({});
    } finally {
      await direct.end();
      await pooled.end();
    }
  });

  it("is refused with a wrong password, an unknown role, or as the pool's server role", async () => {
    expect(await loginError(viaPooler(fx.a.station.url, 'not the password'))).toMatch(
      /password authentication failed|SASL authentication failed/,
    );
    const unknown = new URL(viaPooler(fx.a.station.url));
    unknown.username = 'amms_st_nobody';
    expect(await loginError(unknown.toString())).not.toBe('connected');
    const server = new URL(viaPooler(fx.a.station.url, roles.serverPassword));
    server.username = roles.serverUser;
    expect(await loginError(server.toString())).not.toBe('connected');
    // The pooler's own auth user is in its auth file; logged in as a client it is nobody.
    const auth = new URL(viaPooler(fx.a.station.url, roles.authPassword));
    auth.username = roles.authUser;
    const client = await connect(auth.toString());
    try {
      const rows = await inTransaction(client, null, () => visibleRows(client));
      for (const table of TENANT_TABLES) expect(rows[table], table).toEqual({});
    } finally {
      await client.end();
    }
  });

  it('cannot read the SCRAM verifiers the pooler authenticates with', async () => {
    const pooled = await connect(viaPooler(fx.a.station.url));
    try {
      const error = await inTransaction(pooled, claimOf(fx.a.station), () =>
        pooled.query(`SELECT * FROM amms_pool_auth($1)`, [fx.b.station.roleName]).then(
          () => null,
          (e: unknown) => e as pg.DatabaseError,
        ),
      );
      expect(error?.code).toBe('42501');
    } finally {
      await pooled.end();
    }
  });
});

describe('a pooler session (the server side of the pool)', () => {
  it('is nobody without a valid claim: no rows, no tenant, no push', async () => {
    const pool = await connect(poolSessionUrl());
    try {
      const forged = [
        null,
        '',
        fx.a.station.roleName,
        `${fx.a.station.roleName}:`,
        `${fx.a.station.roleName}:${claimOf(fx.b.station).split(':')[1] ?? ''}`,
        `${fx.b.station.roleName}:${claimOf(fx.a.station).split(':')[1] ?? ''}`,
        `${fx.a.station.roleName}:${passwordOf(fx.a.station.url)}`,
      ];
      for (const claim of forged) {
        await inTransaction(pool, claim, async () => {
          expect(await tenantOf(pool), String(claim)).toBeNull();
          const rows = await visibleRows(pool);
          for (const table of TENANT_TABLES)
            expect(rows[table], `${table} with ${String(claim)}`).toEqual({});
          const push = await pool
            .query(`SELECT amms_push(1, $1::jsonb)`, [
              JSON.stringify({
                op_id: uuidv7(),
                type: 'daily_log.record',
                user_id: fx.a.supervisorId,
                seq: 1,
                payload: {},
              }),
            ])
            .then(
              () => null,
              (e: unknown) => e as pg.DatabaseError,
            );
          expect(push?.code).toBe('42501');
        });
      }
    } finally {
      await pool.end();
    }
  });

  it('acts for the station of a valid claim in that transaction only, and pushes as that station', async () => {
    const pool = await connect(poolSessionUrl());
    try {
      const opId = uuidv7();
      await pool.query('BEGIN');
      await pool.query(`SELECT set_config('amms.station', $1, true)`, [claimOf(fx.a.station)]);
      expect(await tenantOf(pool)).toBe(fx.a.tenantId);
      await pool.query(`SELECT amms_push(1, $1::jsonb)`, [
        JSON.stringify({
          op_id: opId,
          type: 'daily_log.record',
          user_id: fx.a.supervisorId,
          seq: 1,
          payload: {
            asset_id: fx.a.unitAssetId,
            date: '2026-12-01',
            run_hours_added: 2,
            fuel_liters_added: 10,
          },
        }),
      ]);
      await pool.query('COMMIT');
      // The next transaction on this server connection (another client's) is nobody again,
      // even after the claim was also set for the whole session by a careless client.
      expect(await inTransaction(pool, null, () => tenantOf(pool))).toBeNull();
      const ledger = await withClient(db.url, (su) =>
        su.query<{ station_id: string }>('SELECT station_id::text FROM op_ledger WHERE op_id = $1', [opId]),
      );
      expect(ledger.rows).toEqual([{ station_id: fx.a.station.id }]);
    } finally {
      await pool.end();
    }
  });

  it('keeps a claim set for the whole session from reaching a client that claims for itself', async () => {
    const pool = await connect(poolSessionUrl());
    try {
      await pool.query(`SELECT set_config('amms.station', $1, false)`, [claimOf(fx.b.station)]);
      expect(await inTransaction(pool, claimOf(fx.a.station), () => tenantOf(pool))).toBe(fx.a.tenantId);
    } finally {
      await pool.end();
    }
  });

  it("cannot read other sessions' query texts (the pool's sessions share one role)", async () => {
    const pool = await connect(poolSessionUrl());
    const other = await connect(poolSessionUrl());
    try {
      await other.query(`SELECT 'secret text of another station'`);
      const error = await pool.query('SELECT query FROM pg_stat_activity').then(
        () => null,
        (e: unknown) => e as pg.DatabaseError,
      );
      expect(error?.code).toBe('42501');
    } finally {
      await pool.end();
      await other.end();
    }
  });

  it('ignores a claim in a station’s own session: a direct station stays itself', async () => {
    const direct = await connect(fx.a.station.url);
    try {
      expect(await inTransaction(direct, claimOf(fx.b.station), () => tenantOf(direct))).toBe(fx.a.tenantId);
    } finally {
      await direct.end();
    }
  });

  it('stops acting for a revoked station at once, and the pooler refuses its login', async () => {
    const pool = await connect(poolSessionUrl());
    try {
      const claim = claimOf(fx.b.station);
      expect(await inTransaction(pool, claim, () => tenantOf(pool))).toBe(fx.b.tenantId);
      await revokeStation(db.url, fx.b.station.id);
      expect(await inTransaction(pool, claim, () => tenantOf(pool))).toBeNull();
      expect(await loginError(viaPooler(fx.b.station.url))).not.toBe('connected');
    } finally {
      await pool.end();
    }
  });
});
