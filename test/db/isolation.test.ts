// Tenant isolation against the real PostgreSQL: logged in as station A's own role, nothing of
// tenant B can be read or written, and A's own rows cannot be written directly either. Every
// tenant-owned table is checked for every action (a data-driven matrix printed at the end), then
// the known ways around row-level security are tried one by one.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollStation, revokeStation } from '../../db/admin/enroll-station.ts';
import { readStationFile, stationConnectionString, type StationFile } from '../../db/admin/station-file.ts';
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import { createTestDatabase, withClient, type TestDatabase } from '../helpers/test-database.ts';
import {
  buildTwoTenants,
  dropTestRole,
  IDENTITY_TABLES,
  TENANT_TABLES,
  tenantColumn,
  type TenantTable,
  type TwoTenants,
} from '../helpers/two-tenants.ts';

type Json = Record<string, unknown>;
type Outcome = { ok: true; rowCount: number } | { ok: false; code: string; message: string };

const COLUMNS = [
  'B by id',
  'B in full scan',
  'A visible',
  'INSERT for B',
  'UPDATE B',
  'DELETE B',
  'INSERT for A',
  'UPDATE A',
  'DELETE A',
  'B after',
] as const;
type Column = (typeof COLUMNS)[number];

const DEFENSE_TABLES = [
  'users',
  'parts',
  'inventory_stock',
  'audit_logs',
] as const satisfies readonly TenantTable[];
const DEFENSE_COLUMNS = ['INSERT own (control)', 'INSERT for B', 'UPDATE B', 'DELETE B'] as const;
type DefenseColumn = (typeof DEFENSE_COLUMNS)[number];

let db: TestDatabase;
let fx: TwoTenants;
let su: pg.Client;
let stationA: pg.Client;
/** Every row of tenant B per table, as the superuser saw it before any test ran. */
const bAtStart = new Map<TenantTable, Json[]>();
const matrix = new Map<TenantTable, Partial<Record<Column, string>>>();
const defenseMatrix = new Map<TenantTable, Partial<Record<DefenseColumn, string>>>();

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await buildTwoTenants(db.url);
  su = new pg.Client({ connectionString: db.url });
  await su.connect();
  stationA = new pg.Client({ connectionString: fx.a.station.url });
  await stationA.connect();
  for (const table of TENANT_TABLES) bAtStart.set(table, await snapshot(table, fx.b.tenantId));
});

afterAll(async () => {
  console.log(
    `\nTenant isolation, station A's role against tenant B (and A's own rows)\n${renderTable('table', COLUMNS, matrix)}` +
      `\n\nDefense in depth: a role of amms_station mapped to tenant A WITH direct INSERT/UPDATE/DELETE grants\n` +
      renderTable('table', DEFENSE_COLUMNS, defenseMatrix),
  );
  await stationA.end();
  await su.end();
  await fx.cleanup();
  await db.drop();
});

// Helpers ------------------------------------------------------------------------------------------

const q = (name: string): string => pg.escapeIdentifier(name);

async function attempt(client: pg.ClientBase, sql: string, params: unknown[] = []): Promise<Outcome> {
  try {
    const result = await client.query(sql, params);
    return { ok: true, rowCount: result.rowCount ?? 0 };
  } catch (error) {
    if (error instanceof pg.DatabaseError)
      return { ok: false, code: error.code ?? '?', message: error.message };
    throw error;
  }
}

function describeOutcome(outcome: Outcome): string {
  if (!outcome.ok) return `denied ${outcome.code}`;
  return outcome.rowCount === 1 ? '1 row' : `${outcome.rowCount} rows`;
}

function expectDenied(outcome: Outcome, code = '42501'): void {
  expect(outcome.ok ? `succeeded (${outcome.rowCount} rows)` : outcome.code, JSON.stringify(outcome)).toBe(
    code,
  );
}

function record<C extends string>(
  into: Map<TenantTable, Partial<Record<C, string>>>,
  table: TenantTable,
  column: C,
  cell: string,
): void {
  const row: Partial<Record<C, string>> = into.get(table) ?? {};
  row[column] = cell;
  into.set(table, row);
}

function renderTable<C extends string>(
  corner: string,
  columns: readonly C[],
  rows: Map<TenantTable, Partial<Record<C, string>>>,
): string {
  const header = [corner, ...columns];
  const body = [...rows].map(([table, cells]) => [table, ...columns.map((c) => cells[c] ?? '-')]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join(' | ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-+-'), ...body.map(line)].join('\n');
}

/** All rows of one tenant in one table, as the superuser sees them. */
async function snapshot(table: TenantTable, tenantId: string): Promise<Json[]> {
  const { rows } = await su.query<{ row: Json }>(
    `SELECT to_jsonb(t) AS row FROM ${q(table)} t WHERE ${tenantColumn(table)} = $1 ORDER BY id`,
    [tenantId],
  );
  return rows.map((r) => r.row);
}

async function firstRow(table: TenantTable, id: string): Promise<Json> {
  const { rows } = await su.query<{ row: Json }>(
    `SELECT to_jsonb(t) AS row FROM ${q(table)} t WHERE id::text = $1`,
    [id],
  );
  const row = rows[0]?.row;
  if (!row) throw new Error(`${table} ${id} not found`);
  return row;
}

/** A copy of a row with a new id and new values for its unique keys: a row that would be valid. */
function freshCopy(table: TenantTable, row: Json): Json {
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const copy: Json = { ...row, id: IDENTITY_TABLES.has(table) ? undefined : uuidv7() };
  if (table === 'tenants') copy.slug = `copy-${tag.toLowerCase()}`;
  if (table === 'users')
    Object.assign(copy, { email: `copy.${tag.toLowerCase()}@example.test`, badge_code: null });
  if (table === 'parts') copy.sku = `COPY-${tag}`;
  if (table === 'inventory_stock') copy.bin_location = `Z-${tag}`;
  return copy;
}

/** INSERT of a whole row given as JSON (identity columns left to their default). */
function insertSql(table: TenantTable, row: Json): { sql: string; params: unknown[] } {
  const columns = Object.keys(row)
    .filter((c) => row[c] !== undefined)
    .map(q)
    .join(', ');
  return {
    sql: `INSERT INTO ${q(table)} (${columns}) SELECT ${columns} FROM jsonb_populate_record(NULL::${q(table)}, $1::jsonb)`,
    params: [JSON.stringify(row)],
  };
}

async function rowCountAs(client: pg.ClientBase, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) x`, params);
  return rows[0]?.n ?? -1;
}

/** Creates a LOGIN role in amms_station (not enrolled) and returns its name and URL. */
async function createLoginRole(prefix: string): Promise<{ role: string; url: string }> {
  const role = `amms_st_${prefix}_${randomBytes(5).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  await su.query(`CREATE ROLE ${q(role)} LOGIN PASSWORD ${su.escapeLiteral(password)} IN ROLE amms_station`);
  await su.query(`GRANT CONNECT ON DATABASE ${q(db.name)} TO ${q(role)}`);
  const url = new URL(db.url);
  url.username = role;
  url.password = password;
  return { role, url: url.toString() };
}

// The matrix: every tenant table x every action ---------------------------------------------------

describe.each(TENANT_TABLES)('station A on %s', (table) => {
  const col = tenantColumn(table);
  it("cannot see tenant B's rows by id or by full scan, but sees its own", async () => {
    const bIds = fx.b.ids[table];
    const aIds = fx.a.ids[table];
    expect(bIds.length).toBeGreaterThan(0);
    const byId = await rowCountAs(stationA, `SELECT 1 FROM ${q(table)} WHERE id::text = ANY($1)`, [bIds]);
    const { rows } = await stationA.query<{ id: string; tenant: string }>(
      `SELECT id::text AS id, ${col}::text AS tenant FROM ${q(table)}`,
    );
    const bInScan = rows.filter((r) => r.tenant === fx.b.tenantId).length;
    const visibleA = aIds.filter((id) => rows.some((r) => r.id === id)).length;
    record(matrix, table, 'B by id', `${byId} rows`);
    record(matrix, table, 'B in full scan', `${bInScan} of ${bIds.length}`);
    record(matrix, table, 'A visible', `${visibleA} of ${aIds.length}`);
    expect(byId).toBe(0);
    expect(bInScan).toBe(0);
    expect(rows.every((r) => r.tenant === fx.a.tenantId)).toBe(true);
    expect(visibleA).toBe(aIds.length);
  });

  it('cannot INSERT a row for tenant B (42501)', async () => {
    const id = fx.b.ids[table][0] ?? '';
    const { sql, params } = insertSql(table, freshCopy(table, await firstRow(table, id)));
    const outcome = await attempt(stationA, sql, params);
    record(matrix, table, 'INSERT for B', describeOutcome(outcome));
    expectDenied(outcome);
  });

  it("cannot UPDATE tenant B's rows (42501)", async () => {
    const sql =
      table === 'tenants'
        ? `UPDATE tenants SET name = 'Hijacked' WHERE id::text = ANY($1)`
        : `UPDATE ${q(table)} SET tenant_id = '${fx.a.tenantId}' WHERE id::text = ANY($1)`;
    const outcome = await attempt(stationA, sql, [fx.b.ids[table]]);
    record(matrix, table, 'UPDATE B', describeOutcome(outcome));
    expectDenied(outcome);
  });

  it("cannot DELETE tenant B's rows (42501)", async () => {
    const outcome = await attempt(stationA, `DELETE FROM ${q(table)} WHERE id::text = ANY($1)`, [
      fx.b.ids[table],
    ]);
    record(matrix, table, 'DELETE B', describeOutcome(outcome));
    expectDenied(outcome);
  });

  it('cannot write its own rows directly either (INSERT, UPDATE, DELETE: 42501)', async () => {
    const aIds = fx.a.ids[table];
    const { sql, params } = insertSql(table, freshCopy(table, await firstRow(table, aIds[0] ?? '')));
    const inserted = await attempt(stationA, sql, params);
    const updated = await attempt(
      stationA,
      `UPDATE ${q(table)} SET ${col} = ${col} WHERE id::text = ANY($1)`,
      [aIds],
    );
    const deleted = await attempt(stationA, `DELETE FROM ${q(table)} WHERE id::text = ANY($1)`, [aIds]);
    record(matrix, table, 'INSERT for A', describeOutcome(inserted));
    record(matrix, table, 'UPDATE A', describeOutcome(updated));
    record(matrix, table, 'DELETE A', describeOutcome(deleted));
    expectDenied(inserted);
    expectDenied(updated);
    expectDenied(deleted);
  });

  it("leaves tenant B's rows unchanged (superuser view)", async () => {
    const before = bAtStart.get(table);
    const after = await snapshot(table, fx.b.tenantId);
    record(
      matrix,
      table,
      'B after',
      JSON.stringify(after) === JSON.stringify(before) ? 'unchanged' : 'CHANGED',
    );
    expect(after).toEqual(before);
  });
});

// Defense in depth: row-level security holds even if a station role had write grants --------------

describe('a station role that was (wrongly) given direct write grants', () => {
  let role: string;
  let url: string;
  let stationId: string;

  beforeAll(async () => {
    ({ role, url } = await createLoginRole('dd'));
    await su.query(`GRANT INSERT, UPDATE, DELETE ON ${DEFENSE_TABLES.map(q).join(', ')} TO ${q(role)}`);
    stationId = uuidv7();
    await su.query(
      `INSERT INTO stations (id, tenant_id, site_id, name, role_name) VALUES ($1, $2, $3, $4, $5)`,
      [stationId, fx.a.tenantId, fx.a.siteId, 'Over-privileged station', role],
    );
  });

  afterAll(async () => {
    await su.query('DELETE FROM stations WHERE id = $1', [stationId]);
    await dropTestRole(db.url, role);
  });

  it.each(DEFENSE_TABLES)(
    "still cannot insert %s rows for tenant B (RLS WITH CHECK, 42501) nor touch B's rows (0 rows)",
    async (table) => {
      await withClient(url, async (c) => {
        const bIds = fx.b.ids[table];
        // Control: the grant works for its own tenant (rolled back).
        await c.query('BEGIN');
        const own = insertSql(table, freshCopy(table, await firstRow(table, fx.a.ids[table][0] ?? '')));
        const control = await attempt(c, own.sql, own.params);
        await c.query('ROLLBACK');
        const forB = insertSql(table, freshCopy(table, await firstRow(table, bIds[0] ?? '')));
        const inserted = await attempt(c, forB.sql, forB.params);
        const updated = await attempt(c, `UPDATE ${q(table)} SET tenant_id = $2 WHERE id::text = ANY($1)`, [
          bIds,
          fx.a.tenantId,
        ]);
        const deleted = await attempt(c, `DELETE FROM ${q(table)} WHERE id::text = ANY($1)`, [bIds]);
        record(defenseMatrix, table, 'INSERT own (control)', describeOutcome(control));
        record(defenseMatrix, table, 'INSERT for B', describeOutcome(inserted));
        record(defenseMatrix, table, 'UPDATE B', describeOutcome(updated));
        record(defenseMatrix, table, 'DELETE B', describeOutcome(deleted));
        expect(control).toEqual({ ok: true, rowCount: 1 });
        expectDenied(inserted);
        expect(inserted.ok ? '' : inserted.message).toMatch(/row-level security/);
        expect(updated).toEqual({ ok: true, rowCount: 0 });
        expect(deleted).toEqual({ ok: true, rowCount: 0 });
      });
    },
  );
});

// Escapes --------------------------------------------------------------------------------------------

const asStationA = <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => withClient(fx.a.station.url, fn);

describe('station A trying to get around row-level security', () => {
  it('cannot create views, functions, tables or schemas, nor temporary objects (42501)', async () => {
    await asStationA(async (c) => {
      for (const sql of [
        `CREATE VIEW public.leak AS SELECT * FROM parts`,
        `CREATE FUNCTION public.leak() RETURNS int LANGUAGE sql AS 'SELECT 1'`,
        `CREATE TABLE public.leak (id int)`,
        `CREATE TABLE leak (id int)`,
        `CREATE SCHEMA leak`,
        `CREATE TEMPORARY TABLE leak (id int)`,
        `CREATE TEMPORARY VIEW leak AS SELECT 1 AS x`,
      ]) {
        expectDenied(await attempt(c, sql));
      }
    });
  });

  it('cannot switch tenant by shadowing the stations table with a temporary table, even if TEMPORARY were granted', async () => {
    await su.query(`GRANT TEMPORARY ON DATABASE ${q(db.name)} TO ${q(fx.a.station.roleName)}`);
    try {
      await asStationA(async (c) => {
        await c.query(
          'CREATE TEMPORARY TABLE stations (tenant_id uuid, role_name text, revoked_at timestamptz)',
        );
        await c.query('INSERT INTO stations VALUES ($1, session_user, NULL)', [fx.b.tenantId]);
        const { rows } = await c.query<{ t: string | null }>('SELECT current_station_tenant_id()::text AS t');
        expect(rows[0]?.t).toBe(fx.a.tenantId);
        expect(await rowCountAs(c, 'SELECT 1 FROM parts WHERE tenant_id = $1', [fx.b.tenantId])).toBe(0);
        expect(await rowCountAs(c, 'SELECT 1 FROM public.tenants WHERE id = $1', [fx.b.tenantId])).toBe(0);
        expect(await rowCountAs(c, 'SELECT 1 FROM public.users WHERE tenant_id = $1', [fx.b.tenantId])).toBe(
          0,
        );
      });
    } finally {
      await su.query(`REVOKE TEMPORARY ON DATABASE ${q(db.name)} FROM ${q(fx.a.station.roleName)}`);
    }
  });

  it('sees only its own parts through the security_invoker view part_stock_levels', async () => {
    const { rows: all } = await su.query<{ tenant_id: string }>(
      'SELECT tenant_id::text FROM part_stock_levels',
    );
    expect(new Set(all.map((r) => r.tenant_id))).toEqual(new Set([fx.a.tenantId, fx.b.tenantId]));
    const { rows } = await stationA.query<{ tenant_id: string; part_id: string; qty_on_hand: string }>(
      'SELECT tenant_id::text, part_id::text, qty_on_hand::text FROM part_stock_levels',
    );
    expect(rows).toEqual([{ tenant_id: fx.a.tenantId, part_id: fx.a.partId, qty_on_hand: '40.000' }]);
  });

  it("gets nothing from the recursive hierarchy functions for B's ids and the full trees for A's", async () => {
    const codes = async (sql: string, id: string): Promise<string[]> => {
      const { rows } = await stationA.query<{ label: string }>(sql, [id]);
      return rows.map((r) => r.label);
    };
    const locSubtree = `SELECT code || '@' || depth AS label FROM location_subtree($1)`;
    const locPath = `SELECT code || '@' || depth AS label FROM location_path($1)`;
    const assetSubtree = `SELECT name || '@' || depth AS label FROM asset_subtree($1)`;
    const assetPath = `SELECT name || '@' || depth AS label FROM asset_path($1)`;
    expect(await codes(locSubtree, fx.b.siteId)).toEqual([]);
    expect(await codes(locPath, fx.b.warehouseId)).toEqual([]);
    expect(await codes(assetSubtree, fx.b.unitAssetId)).toEqual([]);
    expect(await codes(assetPath, fx.b.componentAssetId)).toEqual([]);
    expect(await codes(locSubtree, fx.a.siteId)).toEqual(['SITE-A@0', 'BLD-A@1', 'WH-A@2']);
    expect(await codes(locPath, fx.a.warehouseId)).toEqual(['SITE-A@0', 'BLD-A@1', 'WH-A@2']);
    expect(await codes(assetSubtree, fx.a.unitAssetId)).toEqual(['Generator A@0', 'Alternator A@1']);
    expect(await codes(assetPath, fx.a.componentAssetId)).toEqual(['Generator A@0', 'Alternator A@1']);
  });

  it('cannot call or read anything in amms_private; current_station_tenant_id() is its own tenant', async () => {
    for (const sql of [
      'SELECT amms_private.acting_station_id()',
      `SELECT amms_private.audit_clean('{}'::jsonb)`,
      'SELECT amms_private.audit_suppressed()',
      'SELECT * FROM amms_private.schema_migrations',
    ]) {
      expectDenied(await attempt(stationA, sql));
    }
    const { rows } = await stationA.query<{ t: string }>('SELECT current_station_tenant_id()::text AS t');
    expect(rows[0]?.t).toBe(fx.a.tenantId);
  });

  it("cannot SET ROLE to B's station nor SET SESSION AUTHORIZATION (42501)", async () => {
    await asStationA(async (c) => {
      expectDenied(await attempt(c, `SET ROLE ${q(fx.b.station.roleName)}`));
      expectDenied(await attempt(c, `SET SESSION AUTHORIZATION ${q(fx.b.station.roleName)}`));
      expectDenied(await attempt(c, `SET ROLE postgres`));
      // Becoming the group role is allowed, and changes nothing: the tenant comes from session_user.
      await c.query('SET ROLE amms_station');
      expect(await rowCountAs(c, 'SELECT 1 FROM parts WHERE tenant_id = $1', [fx.b.tenantId])).toBe(0);
      expect(await rowCountAs(c, 'SELECT 1 FROM parts WHERE tenant_id = $1', [fx.a.tenantId])).toBe(1);
    });
  });

  it('gets an error, not B’s rows, from every tenant table with row_security = off', async () => {
    await asStationA(async (c) => {
      await c.query('SET row_security = off');
      for (const table of TENANT_TABLES) {
        const outcome = await attempt(c, `SELECT * FROM ${q(table)}`);
        expectDenied(outcome);
        expect(outcome.ok ? '' : outcome.message).toMatch(/row-level security/);
      }
    });
  });

  it('sees exactly the same rows after setting amms.user_id, amms.bulk_load, amms.tenant_id or amms.station_id', async () => {
    await asStationA(async (c) => {
      const visible = async (): Promise<string> => {
        const counts: string[] = [];
        for (const table of TENANT_TABLES) {
          const { rows } = await c.query<{ a: number; b: number }>(
            `SELECT count(*) FILTER (WHERE ${tenantColumn(table)} = $1)::int AS a,
                    count(*) FILTER (WHERE ${tenantColumn(table)} <> $1)::int AS b FROM ${q(table)}`,
            [fx.a.tenantId],
          );
          counts.push(`${table}:${rows[0]?.a ?? -1}/${rows[0]?.b ?? -1}`);
        }
        return counts.join(' ');
      };
      const baseline = await visible();
      expect(baseline).not.toMatch(/\/[1-9]/);
      await c.query(`SELECT set_config('amms.user_id', $1, false)`, [fx.b.supervisorId]);
      await c.query(`SET amms.bulk_load = on`);
      await c.query(`SELECT set_config('amms.tenant_id', $1, false)`, [fx.b.tenantId]);
      await c.query(`SELECT set_config('amms.station_id', $1, false)`, [fx.b.station.id]);
      expect(await visible()).toBe(baseline);
      const { rows } = await c.query<{ t: string }>('SELECT current_station_tenant_id()::text AS t');
      expect(rows[0]?.t).toBe(fx.a.tenantId);
    });
  });

  it("cannot see B's audit rows and cannot change or delete its own (42501)", async () => {
    const aIds = fx.a.ids.audit_logs;
    expect(
      await rowCountAs(stationA, 'SELECT 1 FROM audit_logs WHERE id::text = ANY($1)', [fx.b.ids.audit_logs]),
    ).toBe(0);
    expect(await rowCountAs(stationA, 'SELECT 1 FROM audit_logs WHERE id::text = ANY($1)', [aIds])).toBe(
      aIds.length,
    );
    expectDenied(
      await attempt(stationA, `UPDATE audit_logs SET changes = '{}' WHERE id::text = ANY($1)`, [aIds]),
    );
    expectDenied(await attempt(stationA, 'DELETE FROM audit_logs WHERE id::text = ANY($1)', [aIds]));
    expectDenied(await attempt(stationA, 'TRUNCATE audit_logs'));
    const { rows } = await su.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_logs WHERE id::text = ANY($1)',
      [aIds],
    );
    expect(rows[0]?.n).toBe(aIds.length);
  });

  it('a revoked station can no longer connect, and its open session is ended', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amms-station-revoked-'));
    let file: StationFile;
    try {
      await enrollStation({
        adminUrl: db.url,
        tenantSlug: fx.a.slug,
        siteCode: fx.a.siteCode,
        dir,
        name: 'Lost laptop',
      });
      file = readStationFile(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const url = stationConnectionString(file);
    try {
      const open = new pg.Client({ connectionString: url });
      open.on('error', () => undefined);
      await open.connect();
      try {
        expect(await rowCountAs(open, 'SELECT 1 FROM parts')).toBe(1);
        await revokeStation(db.url, file.stationId);
        // revokeStation terminates the station's open sessions (57P01 admin_shutdown, or a closed socket).
        const after = await open.query('SELECT * FROM public.parts').then(
          (r) => `${r.rowCount} rows`,
          (e: unknown) => (e instanceof pg.DatabaseError ? e.code : 'connection closed'),
        );
        expect(['57P01', 'connection closed']).toContain(after);
      } finally {
        await open.end().catch(() => undefined);
      }
      const late = new pg.Client({ connectionString: url });
      const error = await late.connect().then(
        () => null,
        (e: unknown) => e,
      );
      await late.end().catch(() => undefined);
      expect(error).toBeInstanceOf(pg.DatabaseError);
      expect((error as pg.DatabaseError).code).toBe('28P01');
    } finally {
      await dropTestRole(db.url, file.database.user); // only if the revocation did not happen
    }
  });

  it('a login role in amms_station without a stations row sees zero rows everywhere', async () => {
    const { role, url } = await createLoginRole('nostation');
    try {
      await withClient(url, async (c) => {
        for (const table of TENANT_TABLES) {
          expect(await rowCountAs(c, `SELECT 1 FROM ${q(table)}`), table).toBe(0);
        }
        expect(await rowCountAs(c, 'SELECT 1 FROM part_stock_levels')).toBe(0);
        expect(await rowCountAs(c, `SELECT 1 FROM location_subtree($1)`, [fx.a.siteId])).toBe(0);
        const { rows } = await c.query<{ t: string | null }>('SELECT current_station_tenant_id()::text AS t');
        expect(rows[0]?.t).toBeNull();
      });
    } finally {
      await dropTestRole(db.url, role);
    }
  });

  it('leaves every row of tenant B untouched after all of the above', async () => {
    for (const table of TENANT_TABLES) {
      const rows = await snapshot(table, fx.b.tenantId);
      expect(rows, table).toEqual(bAtStart.get(table));
      expect(
        rows.map((r) => String(r.id)),
        table,
      ).toEqual(fx.b.ids[table]);
    }
  });
});
