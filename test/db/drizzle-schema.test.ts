// The Drizzle definitions in db/schema/pg must describe exactly the tables the SQL migrations create.
// One side is getTableConfig() of every table in pgTables, the other the catalog of a freshly migrated
// database; every difference is collected and reported at once. Check expressions, default
// expressions and partial-index predicates are compared by letting PostgreSQL parse the Drizzle
// text on a copy of each table (schema drizzle_probe) and reading both back in canonical form.
import { eq, getTableName, is, SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { getTableConfig, PgDialect, type Index, type PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import {
  locations,
  pgEnums,
  pgTables,
  tenants,
  type LocationType,
  type TenantSettings,
} from '../../db/schema/pg/index.ts';
import { createTestDatabase, withClient, type TestDatabase } from '../helpers/test-database.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

const PROBE_SCHEMA = 'drizzle_probe';
const dialect = new PgDialect();
const drizzleTables: [string, PgTable][] = Object.entries(pgTables);

// Shapes: everything is reduced to comparable strings, keyed by name. -------------------------------

interface TableShape {
  columnOrder: string[];
  columns: Map<string, string>;
  primaryKey: string;
  uniques: Map<string, string>;
  indexes: Map<string, string>;
  foreignKeys: Map<string, string>;
  checks: Map<string, string>;
}

/** format_type() spelling: numeric(12,2), timestamp(3) with time zone. */
function normalizeType(type: string): string {
  return type
    .trim()
    .toLowerCase()
    .replace(/\s*\(\s*/g, '(')
    .replace(/\s*,\s*/g, ',')
    .replace(/\s*\)/g, ')');
}

function describeColumn(c: {
  type: string;
  notNull: boolean;
  hasDefault: boolean;
  identity: string | undefined;
  generated: boolean;
}): string {
  return [
    normalizeType(c.type),
    c.notNull ? 'NOT NULL' : 'NULL',
    c.hasDefault ? 'DEFAULT' : 'no default',
    c.identity ? `IDENTITY ${c.identity}` : '',
    c.generated ? 'GENERATED' : '',
  ]
    .filter((part) => part !== '')
    .join(' ');
}

const list = (names: readonly string[]): string => `(${names.join(', ')})`;

function describeForeignKey(fk: {
  columns: string[];
  foreignTable: string;
  foreignColumns: string[];
  onUpdate: string;
  onDelete: string;
  matchFull: boolean;
}): string {
  return (
    `${list(fk.columns)} REFERENCES ${fk.foreignTable} ${list(fk.foreignColumns)}` +
    ` ON UPDATE ${fk.onUpdate} ON DELETE ${fk.onDelete}${fk.matchFull ? ' MATCH FULL' : ''}`
  );
}

function describeIndex(ix: { unique: boolean; method: string; columns: string[]; partial: boolean }): string {
  return `${ix.unique ? 'UNIQUE ' : ''}${ix.method} ${list(ix.columns)}${ix.partial ? ' WHERE (partial)' : ''}`;
}

/** Adds to a map, reporting a name defined twice on one side. */
function put(map: Map<string, string>, key: string, value: string, where: string, problems: string[]): void {
  if (map.has(key)) problems.push(`${where}: ${key} is defined twice`);
  map.set(key, value);
}

function emptyShape(): TableShape {
  return {
    columnOrder: [],
    columns: new Map(),
    primaryKey: '()',
    uniques: new Map(),
    indexes: new Map(),
    foreignKeys: new Map(),
    checks: new Map(),
  };
}

function renderSql(value: SQL): string {
  const query = dialect.sqlToQuery(value);
  if (query.params.length > 0) {
    throw new Error(`expression has bound parameters (${JSON.stringify(query.params)}): ${query.sql}`);
  }
  return query.sql;
}

/** The SQL text of a column default as Drizzle would write it. */
function renderDefault(value: unknown): string {
  if (is(value, SQL)) return renderSql(value);
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return `'${JSON.stringify(value).replaceAll("'", "''")}'`;
}

/** The keys of a Drizzle index: column names, or SQL expressions. */
function indexKeys(ix: Index): (string | SQL)[] {
  return ix.config.columns.map((key) =>
    is(key, SQL) ? key : 'name' in key && key.name !== undefined ? key.name : '<unknown>',
  );
}

function drizzleShape(tableName: string, table: PgTable, problems: string[]): TableShape {
  const config = getTableConfig(table);
  const where = `drizzle ${tableName}`;
  const shape = emptyShape();
  const primary: string[] = [];
  for (const c of config.columns) {
    shape.columnOrder.push(c.name);
    put(
      shape.columns,
      c.name,
      describeColumn({
        type: c.getSQLType(),
        notNull: c.notNull,
        hasDefault: c.hasDefault,
        identity:
          c.generatedIdentity?.type === 'byDefault'
            ? 'BY DEFAULT'
            : c.generatedIdentity
              ? 'ALWAYS'
              : undefined,
        generated: c.generated !== undefined,
      }),
      `${where} column`,
      problems,
    );
    if (c.primary) primary.push(c.name);
    if (c.isUnique) {
      const suffix = c.uniqueType === 'not distinct' ? ' NULLS NOT DISTINCT' : '';
      put(
        shape.uniques,
        c.uniqueName ?? '<unnamed>',
        `${list([c.name])}${suffix}`,
        `${where} unique`,
        problems,
      );
    }
  }
  for (const pk of config.primaryKeys) primary.push(...pk.columns.map((c) => c.name));
  shape.primaryKey = list(primary);
  for (const u of config.uniqueConstraints) {
    const suffix = u.nullsNotDistinct ? ' NULLS NOT DISTINCT' : '';
    put(
      shape.uniques,
      u.getName() ?? '<unnamed>',
      `${list(u.columns.map((c) => c.name))}${suffix}`,
      `${where} unique`,
      problems,
    );
  }
  for (const ix of config.indexes) {
    const columns = indexKeys(ix).map((key) => (typeof key === 'string' ? key : '<expression>'));
    put(
      shape.indexes,
      ix.config.name ?? '<unnamed>',
      describeIndex({
        unique: ix.config.unique,
        method: ix.config.method ?? 'btree',
        columns,
        partial: ix.config.where !== undefined,
      }),
      `${where} index`,
      problems,
    );
  }
  for (const fk of config.foreignKeys) {
    const ref = fk.reference();
    put(
      shape.foreignKeys,
      fk.getName(),
      describeForeignKey({
        columns: ref.columns.map((c) => c.name),
        foreignTable: getTableName(ref.foreignTable),
        foreignColumns: ref.foreignColumns.map((c) => c.name),
        onUpdate: fk.onUpdate ?? 'no action',
        onDelete: fk.onDelete ?? 'no action',
        matchFull: false,
      }),
      `${where} foreign key`,
      problems,
    );
  }
  for (const ck of config.checks) put(shape.checks, ck.name, 'CHECK', `${where} check`, problems);
  return shape;
}

// The catalog side. ---------------------------------------------------------------------------------

interface ColumnRow {
  table: string;
  name: string;
  type: string;
  not_null: boolean;
  has_default: boolean;
  identity: string;
  generated: string;
  default_expr: string | null;
}

interface ConstraintRow {
  table: string;
  name: string;
  type: 'p' | 'u' | 'f' | 'c';
  columns: string[];
  foreign_table: string | null;
  foreign_columns: string[];
  on_update: string;
  on_delete: string;
  match_type: string;
  nulls_not_distinct: boolean;
  definition: string;
}

interface IndexRow {
  table: string;
  name: string;
  is_unique: boolean;
  method: string;
  columns: string[];
  predicate: string | null;
}

interface Catalog {
  columns: ColumnRow[];
  constraints: ConstraintRow[];
  indexes: IndexRow[];
}

const COLUMNS_SQL = `
  SELECT c.relname::text AS table, a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type,
         a.attnotnull AS not_null, a.atthasdef AS has_default, a.attidentity::text AS identity,
         a.attgenerated::text AS generated, pg_get_expr(d.adbin, d.adrelid) AS default_expr
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
   ORDER BY c.relname, a.attnum`;

// Not-null constraints (contype 'n' since PostgreSQL 18) are compared through the columns.
const CONSTRAINTS_SQL = `
  SELECT c.relname::text AS table, con.conname::text AS name, con.contype::text AS type,
         ARRAY(SELECT a.attname::text
                 FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                ORDER BY k.ord) AS columns,
         fc.relname::text AS foreign_table,
         ARRAY(SELECT a.attname::text
                 FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                ORDER BY k.ord) AS foreign_columns,
         con.confupdtype::text AS on_update, con.confdeltype::text AS on_delete,
         con.confmatchtype::text AS match_type,
         coalesce(ix.indnullsnotdistinct, false) AS nulls_not_distinct,
         pg_get_constraintdef(con.oid) AS definition
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_class fc ON fc.oid = con.confrelid
    LEFT JOIN pg_index ix ON ix.indexrelid = con.conindid AND con.contype IN ('p', 'u')
   WHERE n.nspname = $1 AND con.contype IN ('p', 'u', 'f', 'c')
   ORDER BY 1, 2`;

// Indexes of their own: those behind primary keys and unique constraints are compared as constraints.
const INDEXES_SQL = `
  SELECT t.relname::text AS table, i.relname::text AS name, ix.indisunique AS is_unique,
         am.amname::text AS method,
         ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k, true)
                 FROM generate_series(1, ix.indnkeyatts) AS k ORDER BY k) AS columns,
         pg_get_expr(ix.indpred, ix.indrelid) AS predicate
    FROM pg_index ix
    JOIN pg_class i ON i.oid = ix.indexrelid
    JOIN pg_class t ON t.oid = ix.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    JOIN pg_am am ON am.oid = i.relam
   WHERE n.nspname = $1
     AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                      WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid
                        AND con.contype IN ('p', 'u', 'x'))
   ORDER BY 1, 2`;

async function readCatalog(client: pg.Client, schema: string): Promise<Catalog> {
  const columns = await client.query<ColumnRow>(COLUMNS_SQL, [schema]);
  const constraints = await client.query<ConstraintRow>(CONSTRAINTS_SQL, [schema]);
  const indexes = await client.query<IndexRow>(INDEXES_SQL, [schema]);
  return { columns: columns.rows, constraints: constraints.rows, indexes: indexes.rows };
}

const FK_ACTIONS: Record<string, string> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

/** pg_get_indexdef quotes identifiers that need it; Drizzle holds the bare column name. */
const unquote = (name: string): string => (/^"[^"]+"$/.test(name) ? name.slice(1, -1) : name);

function catalogShapes(catalog: Catalog, problems: string[]): Map<string, TableShape> {
  const shapes = new Map<string, TableShape>();
  const shapeOf = (table: string): TableShape => {
    let shape = shapes.get(table);
    if (!shape) {
      shape = emptyShape();
      shapes.set(table, shape);
    }
    return shape;
  };
  for (const c of catalog.columns) {
    const shape = shapeOf(c.table);
    shape.columnOrder.push(c.name);
    const identity = c.identity === 'a' ? 'ALWAYS' : c.identity === 'd' ? 'BY DEFAULT' : undefined;
    put(
      shape.columns,
      c.name,
      describeColumn({
        type: c.type,
        notNull: c.not_null,
        hasDefault: c.has_default || identity !== undefined,
        identity,
        generated: c.generated !== '',
      }),
      `database ${c.table} column`,
      problems,
    );
  }
  for (const con of catalog.constraints) {
    const shape = shapeOf(con.table);
    const where = `database ${con.table}`;
    if (con.type === 'p') {
      shape.primaryKey = list(con.columns);
    } else if (con.type === 'u') {
      const suffix = con.nulls_not_distinct ? ' NULLS NOT DISTINCT' : '';
      put(shape.uniques, con.name, `${list(con.columns)}${suffix}`, `${where} unique`, problems);
    } else if (con.type === 'f') {
      put(
        shape.foreignKeys,
        con.name,
        describeForeignKey({
          columns: con.columns,
          foreignTable: con.foreign_table ?? '<unknown>',
          foreignColumns: con.foreign_columns,
          onUpdate: FK_ACTIONS[con.on_update] ?? con.on_update,
          onDelete: FK_ACTIONS[con.on_delete] ?? con.on_delete,
          matchFull: con.match_type === 'f',
        }),
        `${where} foreign key`,
        problems,
      );
    } else {
      put(shape.checks, con.name, 'CHECK', `${where} check`, problems);
    }
  }
  for (const ix of catalog.indexes) {
    put(
      shapeOf(ix.table).indexes,
      ix.name,
      describeIndex({
        unique: ix.is_unique,
        method: ix.method,
        columns: ix.columns.map(unquote),
        partial: ix.predicate !== null,
      }),
      `database ${ix.table} index`,
      problems,
    );
  }
  return shapes;
}

// Comparison. -----------------------------------------------------------------------------------------

function diffKeyed(
  where: string,
  what: string,
  drizzleSide: Map<string, string>,
  databaseSide: Map<string, string>,
  out: string[],
): void {
  for (const [key, value] of drizzleSide) {
    const other = databaseSide.get(key);
    if (other === undefined)
      out.push(`${where}: ${what} ${key} [${value}] is in drizzle, not in the database`);
    else if (other !== value)
      out.push(`${where}: ${what} ${key} differs: drizzle [${value}], database [${other}]`);
  }
  for (const [key, value] of databaseSide) {
    if (!drizzleSide.has(key))
      out.push(`${where}: ${what} ${key} [${value}] is in the database, not in drizzle`);
  }
}

function diffTable(table: string, d: TableShape, c: TableShape, out: string[]): void {
  diffKeyed(table, 'column', d.columns, c.columns, out);
  const sameColumns = d.columnOrder.length === c.columnOrder.length && d.columns.size === c.columns.size;
  if (sameColumns && d.columnOrder.join() !== c.columnOrder.join()) {
    out.push(
      `${table}: column order differs: drizzle ${list(d.columnOrder)}, database ${list(c.columnOrder)}`,
    );
  }
  if (d.primaryKey !== c.primaryKey) {
    out.push(`${table}: primary key differs: drizzle ${d.primaryKey}, database ${c.primaryKey}`);
  }
  diffKeyed(table, 'unique constraint', d.uniques, c.uniques, out);
  diffKeyed(table, 'index', d.indexes, c.indexes, out);
  diffKeyed(table, 'foreign key', d.foreignKeys, c.foreignKeys, out);
  diffKeyed(table, 'check', d.checks, c.checks, out);
}

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

describe('drizzle schema (db/schema/pg) against the migrated database', () => {
  it('names each table under its SQL name in pgTables', () => {
    const misnamed = drizzleTables
      .filter(([key, table]) => getTableConfig(table).name !== key)
      .map(([key, table]) => `${key} -> ${getTableConfig(table).name}`);
    expect(misnamed).toEqual([]);
    expect(drizzleTables.every(([, table]) => getTableConfig(table).schema === undefined)).toBe(true);
  });

  it('defines exactly the base tables of schema public', async () => {
    const databaseTables = await withClient(db.url, async (client) => {
      const { rows } = await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
      );
      return rows.map((r) => r.table_name);
    });
    expect(Object.keys(pgTables).sort()).toEqual(databaseTables);
  });

  it('matches every table: columns, types, nullability, defaults, keys, uniques, indexes, foreign keys, checks', async () => {
    const catalog = await withClient(db.url, (client) => readCatalog(client, 'public'));
    const differences: string[] = [];
    const databaseShapes = catalogShapes(catalog, differences);
    for (const [name, table] of drizzleTables) {
      const databaseShape = databaseShapes.get(name);
      if (!databaseShape) {
        differences.push(`${name}: table is in drizzle, not in the database`);
        continue;
      }
      diffTable(name, drizzleShape(name, table, differences), databaseShape, differences);
    }
    expect(differences).toEqual([]);
  });

  it('writes checks, defaults and partial-index predicates that PostgreSQL reads back identically', async () => {
    const differences: string[] = [];
    await withClient(db.url, async (client) => {
      const apply = async (what: string, statement: string): Promise<boolean> => {
        try {
          await client.query(statement);
          return true;
        } catch (error) {
          differences.push(`${what}: PostgreSQL rejects the drizzle text (${String(error)}): ${statement}`);
          return false;
        }
      };
      await client.query(`CREATE SCHEMA ${PROBE_SCHEMA}`);
      for (const [name, table] of drizzleTables) {
        const probe = `${PROBE_SCHEMA}.${quoteIdent(name)}`;
        // A table missing from the database is reported by the table-set test.
        if (!(await apply(`${name} copy`, `CREATE TABLE ${probe} (LIKE public.${quoteIdent(name)})`)))
          continue;
        const config = getTableConfig(table);
        for (const column of config.columns) {
          if (column.default === undefined) continue;
          await apply(
            `${name}.${column.name} default`,
            `ALTER TABLE ${probe} ALTER COLUMN ${quoteIdent(column.name)} SET DEFAULT ${renderDefault(column.default)}`,
          );
        }
        for (const ck of config.checks) {
          await apply(
            `${name} check ${ck.name}`,
            `ALTER TABLE ${probe} ADD CONSTRAINT ${quoteIdent(ck.name)} CHECK (${renderSql(ck.value)})`,
          );
        }
        for (const ix of config.indexes) {
          if (ix.config.where === undefined || ix.config.name === undefined) continue;
          const columns = indexKeys(ix).map((key) =>
            typeof key === 'string' ? quoteIdent(key) : renderSql(key),
          );
          await apply(
            `${name} index ${ix.config.name}`,
            `CREATE INDEX ${quoteIdent(ix.config.name)} ON ${probe} (${columns.join(', ')})` +
              ` WHERE ${renderSql(ix.config.where)}`,
          );
        }
      }
      // Tables missing from pgTables are reported by the table-set test, not here again.
      const inDrizzle = (row: { table: string }): boolean => row.table in pgTables;
      const all = await readCatalog(client, 'public');
      const actual: Catalog = {
        columns: all.columns.filter(inDrizzle),
        constraints: all.constraints.filter(inDrizzle),
        indexes: all.indexes.filter(inDrizzle),
      };
      const fromDrizzle = await readCatalog(client, PROBE_SCHEMA);

      const defaults = (cat: Catalog): Map<string, string> =>
        new Map(
          cat.columns
            .filter((c) => c.default_expr !== null)
            .map((c) => [`${c.table}.${c.name}`, c.default_expr ?? '']),
        );
      const checks = (cat: Catalog): Map<string, string> =>
        new Map(
          cat.constraints.filter((c) => c.type === 'c').map((c) => [`${c.table}.${c.name}`, c.definition]),
        );
      const predicates = (cat: Catalog): Map<string, string> =>
        new Map(
          cat.indexes
            .filter((i) => i.predicate !== null)
            .map((i) => [`${i.table}.${i.name}`, i.predicate ?? '']),
        );
      diffKeyed('expressions', 'default of', defaults(fromDrizzle), defaults(actual), differences);
      diffKeyed('expressions', 'check', checks(fromDrizzle), checks(actual), differences);
      diffKeyed(
        'expressions',
        'predicate of index',
        predicates(fromDrizzle),
        predicates(actual),
        differences,
      );
    });
    expect(differences).toEqual([]);
  });

  it('defines the enums with the same names and values in the same order', async () => {
    const databaseEnums = await withClient(db.url, async (client) => {
      const { rows } = await client.query<{ name: string; values: string[] }>(
        `SELECT t.typname::text AS name,
                ARRAY(SELECT e.enumlabel::text FROM pg_enum e
                       WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values
           FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
          WHERE n.nspname = 'public' AND t.typtype = 'e'
          ORDER BY 1`,
      );
      return Object.fromEntries(rows.map((r) => [r.name, r.values]));
    });
    const drizzleEnums = Object.fromEntries(
      Object.entries(pgEnums)
        .map(([key, e]): [string, string[]] => [
          e.enumName === key ? key : `${key} (named ${e.enumName})`,
          [...e.enumValues],
        ])
        .sort(([a], [b]) => a.localeCompare(b)),
    );
    expect(drizzleEnums).toEqual(databaseEnums);
  });
});

describe('typed queries through drizzle (node-postgres)', () => {
  it('inserts a tenant and a site location and reads them back', async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    try {
      const orm = drizzle({ client: pool });
      const [tenant] = await orm
        .insert(tenants)
        .values({ slug: 'drizzle-probe', name: 'Drizzle Probe' })
        .returning();
      if (!tenant) throw new Error('the tenant insert returned no row');
      expect(tenant.settings).toEqual({ agile_mode: false });
      expectTypeOf(tenant.settings).toEqualTypeOf<TenantSettings>();

      // A site is its own site: the trigger sets site_id to the row's id, and the composite key wants it.
      const siteId = uuidv7();
      await orm
        .insert(locations)
        .values({ id: siteId, tenantId: tenant.id, name: 'Main depot', type: 'site', code: 'MAIN', siteId });

      const rows = await orm
        .select({ location: locations, tenantSlug: tenants.slug })
        .from(locations)
        .innerJoin(tenants, eq(tenants.id, locations.tenantId))
        .where(eq(locations.id, siteId));
      expect(rows).toHaveLength(1);
      const [row] = rows;
      if (!row) throw new Error('the site was not read back');
      expectTypeOf(row.location.type).toEqualTypeOf<LocationType>();
      expectTypeOf(row.location.rowVersion).toEqualTypeOf<number>();
      expect(row.tenantSlug).toBe('drizzle-probe');
      expect(row.location).toMatchObject({
        id: siteId,
        tenantId: tenant.id,
        parentId: null,
        name: 'Main depot',
        type: 'site',
        code: 'MAIN',
        siteId,
        isActive: true,
        rowVersion: 1,
      });
      expect(row.location.createdAt).toBeInstanceOf(Date);
      expect(row.location.changeXid).toMatch(/^\d+$/);

      // The stamp trigger bumps row_version and change_xid on update; xid8 reads back as a decimal string.
      const [updated] = await orm
        .update(locations)
        .set({ name: 'Main depot (north)' })
        .where(eq(locations.id, siteId))
        .returning({
          name: locations.name,
          rowVersion: locations.rowVersion,
          changeXid: locations.changeXid,
        });
      if (!updated) throw new Error('the site update returned no row');
      expect(updated.name).toBe('Main depot (north)');
      expect(updated.rowVersion).toBe(2);
      expect(BigInt(updated.changeXid)).toBeGreaterThan(BigInt(row.location.changeXid));
    } finally {
      await pool.end();
    }
  });
});
