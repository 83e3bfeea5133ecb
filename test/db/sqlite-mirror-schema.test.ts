// The station's SQLite mirror (db/schema/sqlite) must hold every column of the server tables it
// mirrors, under the same names, with NOT NULL as on the server and the storage type the sync engine
// expects for each PostgreSQL type. The server side is the catalog of a freshly migrated database;
// the mirror side is getTableConfig() of every table and, once its DDL is applied to an in-memory
// SQLite database, PRAGMA table_info / index_list / index_info.
import Database from 'better-sqlite3';
import { eq, getTableColumns, getTableName, is, SQL, type Column } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { getTableConfig, index, integer, sqliteTable, text, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import { pgTables } from '../../db/schema/pg/index.ts';
import {
  mirrorIndexDdl,
  mirrorTableDdl,
  parts,
  sqliteMirrorTables,
  tenants,
  type NewPart,
  type Part,
} from '../../db/schema/sqlite/index.ts';
import { createTestDatabase, withClient, type TestDatabase } from '../helpers/test-database.ts';

const MIRRORED = [
  'tenants',
  'users',
  'stations',
  'locations',
  'assets',
  'asset_identities',
  'asset_meters',
  'asset_specs',
  'parts',
  'pm_schedules',
  'work_orders',
  'wo_tasks',
  'service_requests',
  'inventory_stock',
  'inventory_wallets',
  'wo_consumables',
  'shipments',
  'asset_movements',
  'shipment_part_lines',
  'shipment_seals',
  'shipment_receipt_lines',
  'shipment_discrepancies',
  'daily_logs',
  'stock_movements',
];

/** The station's lookup indexes: table and columns, by index name. */
const EXPECTED_INDEXES: Record<string, [table: string, columns: string[]]> = {
  users_email_idx: ['users', ['email']],
  users_badge_code_idx: ['users', ['badge_code']],
  users_site_idx: ['users', ['site_id']],
  locations_code_idx: ['locations', ['code']],
  locations_parent_idx: ['locations', ['parent_id']],
  locations_site_idx: ['locations', ['site_id']],
  assets_parent_idx: ['assets', ['parent_id']],
  assets_location_idx: ['assets', ['location_id']],
  asset_identities_client_code_idx: ['asset_identities', ['client_code']],
  asset_identities_qr_token_idx: ['asset_identities', ['qr_token']],
  asset_identities_barcode_idx: ['asset_identities', ['barcode_manufacturer']],
  asset_identities_asset_idx: ['asset_identities', ['asset_id']],
  asset_meters_asset_idx: ['asset_meters', ['asset_id']],
  asset_specs_asset_idx: ['asset_specs', ['asset_id']],
  parts_sku_idx: ['parts', ['sku']],
  parts_barcode_idx: ['parts', ['barcode']],
  parts_name_idx: ['parts', ['name']],
  inventory_stock_part_idx: ['inventory_stock', ['part_id']],
  inventory_stock_location_idx: ['inventory_stock', ['location_id', 'bin_location']],
  inventory_wallets_user_idx: ['inventory_wallets', ['user_id']],
  inventory_wallets_part_idx: ['inventory_wallets', ['part_id']],
  work_orders_code_idx: ['work_orders', ['code']],
  work_orders_asset_idx: ['work_orders', ['asset_id']],
  wo_tasks_wo_idx: ['wo_tasks', ['wo_id']],
  wo_consumables_wo_idx: ['wo_consumables', ['wo_id']],
  shipments_gate_pass_ref_idx: ['shipments', ['gate_pass_ref']],
  shipments_origin_idx: ['shipments', ['origin_location_id']],
  shipments_destination_idx: ['shipments', ['destination_location_id']],
  asset_movements_shipment_idx: ['asset_movements', ['shipment_id']],
  asset_movements_asset_idx: ['asset_movements', ['asset_id']],
  asset_movements_from_idx: ['asset_movements', ['from_location_id']],
  asset_movements_to_idx: ['asset_movements', ['to_location_id']],
  shipment_part_lines_shipment_idx: ['shipment_part_lines', ['shipment_id']],
  shipment_part_lines_bin_idx: ['shipment_part_lines', ['part_id', 'source_location_id', 'source_bin']],
  shipment_seals_shipment_idx: ['shipment_seals', ['shipment_id']],
  shipment_receipt_lines_shipment_idx: ['shipment_receipt_lines', ['shipment_id']],
  shipment_discrepancies_shipment_idx: ['shipment_discrepancies', ['shipment_id']],
  daily_logs_asset_date_idx: ['daily_logs', ['asset_id', 'date']],
  pm_schedules_asset_idx: ['pm_schedules', ['asset_id']],
  service_requests_asset_idx: ['service_requests', ['asset_id']],
  stock_movements_part_idx: ['stock_movements', ['part_id', 'occurred_at']],
  stock_movements_bin_idx: ['stock_movements', ['location_id', 'bin_location', 'occurred_at']],
  stock_movements_technician_idx: ['stock_movements', ['technician_id', 'occurred_at']],
  stock_movements_wo_idx: ['stock_movements', ['wo_id']],
};

/** How a value is stored in the mirror; `enum` is text restricted to the PostgreSQL enum's labels. */
type StorageKind = 'text' | 'enum' | 'json' | 'real' | 'integer' | 'boolean';

/** The storage contract, by information_schema.columns.data_type (enums are handled apart). */
const KIND_OF_PG_TYPE: Readonly<Record<string, StorageKind>> = {
  uuid: 'text',
  text: 'text',
  date: 'text',
  'timestamp with time zone': 'text',
  jsonb: 'json',
  numeric: 'real',
  integer: 'integer',
  bigint: 'integer',
  xid8: 'integer',
  boolean: 'boolean',
};

const DECLARED_TYPE: Readonly<Record<StorageKind, string>> = {
  text: 'TEXT',
  enum: 'TEXT',
  json: 'TEXT',
  real: 'REAL',
  integer: 'INTEGER',
  boolean: 'INTEGER',
};

interface PgColumn {
  name: string;
  notNull: boolean;
  /** format_type() spelling, for messages. */
  type: string;
  kind: StorageKind | undefined;
  enumLabels: string[] | undefined;
}

let db: TestDatabase;
/** Columns of every mirrored table on the server, in ordinal order. */
const server = new Map<string, PgColumn[]>();

beforeAll(async () => {
  db = await createTestDatabase();
  await withClient(db.url, async (c) => {
    const enums = await c.query<{ name: string; labels: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
         FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
        GROUP BY t.typname`,
    );
    const labels = new Map(enums.rows.map((r) => [r.name, r.labels]));
    const { rows } = await c.query<{
      table_name: string;
      column_name: string;
      is_nullable: 'YES' | 'NO';
      data_type: string;
      udt_name: string;
      formatted: string;
    }>(
      `SELECT c.table_name, c.column_name, c.is_nullable, c.data_type, c.udt_name,
              format_type(a.atttypid, a.atttypmod) AS formatted
         FROM information_schema.columns c
         JOIN pg_attribute a
           ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass
          AND a.attname = c.column_name
        WHERE c.table_schema = 'public' AND c.table_name = ANY($1)
        ORDER BY c.table_name, c.ordinal_position`,
      [MIRRORED],
    );
    for (const r of rows) {
      const enumLabels = r.data_type === 'USER-DEFINED' ? labels.get(r.udt_name) : undefined;
      const columns = server.get(r.table_name) ?? [];
      columns.push({
        name: r.column_name,
        notNull: r.is_nullable === 'NO',
        type: r.formatted,
        kind: enumLabels ? 'enum' : KIND_OF_PG_TYPE[r.data_type],
        enumLabels,
      });
      server.set(r.table_name, columns);
    }
  });
});
afterAll(async () => {
  await db.drop();
});

const mirrorEntries = Object.entries(sqliteMirrorTables);

function serverColumns(table: string): PgColumn[] {
  const columns = server.get(table);
  if (!columns) throw new Error(`${table} does not exist in the migrated database`);
  return columns;
}

/** What the tests read of a mirror column (getTableConfig() types its columns loosely). */
interface MirrorColumn {
  name: string;
  notNull: boolean;
  sqlType: string;
  kind: string;
  enumValues: readonly string[] | undefined;
}

function storageKind(columnType: string, enumValues: readonly string[] | undefined): string {
  switch (columnType) {
    case 'SQLiteText':
      return enumValues === undefined ? 'text' : 'enum';
    case 'SQLiteTextJson':
      return 'json';
    case 'SQLiteReal':
      return 'real';
    case 'SQLiteInteger':
      return 'integer';
    case 'SQLiteBoolean':
      return 'boolean';
    default:
      return columnType;
  }
}

function mirrorColumns(table: SQLiteTable): Map<string, MirrorColumn> {
  return new Map(
    getTableConfig(table).columns.map((c): [string, MirrorColumn] => {
      const enumValues = c.enumValues as readonly string[] | undefined;
      return [
        c.name,
        {
          name: c.name,
          notNull: c.notNull,
          sqlType: c.getSQLType(),
          kind: storageKind(c.columnType as string, enumValues),
          enumValues,
        },
      ];
    }),
  );
}

/** A fresh in-memory database with the whole mirror: tables first, then indexes (as the station does). */
function openMirror(): Database.Database {
  const sqlite = new Database(':memory:');
  for (const table of Object.values(sqliteMirrorTables)) sqlite.exec(mirrorTableDdl(table));
  for (const table of Object.values(sqliteMirrorTables)) {
    for (const ddl of mirrorIndexDdl(table)) sqlite.exec(ddl);
  }
  return sqlite;
}

describe('sqlite mirror schema: definitions', () => {
  it('mirrors the listed server tables, in load order, each under its SQL name', () => {
    expect(Object.keys(sqliteMirrorTables)).toEqual(MIRRORED);
    for (const [name, table] of mirrorEntries) expect(getTableName(table)).toBe(name);
    expect(MIRRORED.filter((name) => !(name in pgTables))).toEqual([]);
    // Server-only: the audit trail and the sync bookkeeping.
    expect(Object.keys(sqliteMirrorTables)).not.toContain('audit_logs');
    expect(Object.keys(sqliteMirrorTables)).not.toContain('sync_tombstones');
  });

  it('uses the property names of the PostgreSQL Drizzle definitions', () => {
    const problems: string[] = [];
    for (const [name, table] of mirrorEntries) {
      const pgTable = pgTables[name as keyof typeof pgTables];
      const expected = Object.entries<Column>(getTableColumns(pgTable)).map(
        ([key, c]) => `${key} -> ${c.name}`,
      );
      const actual = Object.entries<Column>(getTableColumns(table)).map(([key, c]) => `${key} -> ${c.name}`);
      for (const p of actual.filter((a) => !expected.includes(a))) problems.push(`${name}: mirror has ${p}`);
      for (const p of expected.filter((e) => !actual.includes(e))) problems.push(`${name}: pg has ${p}`);
    }
    expect(problems).toEqual([]);
  });

  it('has every server column under the same name, with the same NOT NULL', () => {
    const problems: string[] = [];
    for (const [name, table] of mirrorEntries) {
      const mirror = mirrorColumns(table);
      const pg = serverColumns(name);
      for (const column of pg) {
        const m = mirror.get(column.name);
        if (!m) problems.push(`${name}.${column.name}: missing in the mirror`);
        else if (m.notNull !== column.notNull) {
          problems.push(
            `${name}.${column.name}: NOT NULL is ${m.notNull} in the mirror, ${column.notNull} on the server`,
          );
        }
      }
      for (const column of mirror.keys()) {
        if (!pg.some((c) => c.name === column)) problems.push(`${name}.${column}: not a server column`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('stores each column as the storage contract prescribes for its server type', () => {
    const problems: string[] = [];
    for (const [name, table] of mirrorEntries) {
      const mirror = mirrorColumns(table);
      for (const column of serverColumns(name)) {
        const m = mirror.get(column.name);
        if (!m) continue; // reported by the column test
        const where = `${name}.${column.name} (${column.type})`;
        if (column.kind === undefined) {
          problems.push(`${where}: the storage contract has no mapping for this server type`);
          continue;
        }
        if (m.kind !== column.kind) problems.push(`${where}: stored as ${m.kind}, expected ${column.kind}`);
        const mirrorValues = (m.enumValues ?? []).join(', ');
        const serverValues = (column.enumLabels ?? []).join(', ');
        if (mirrorValues !== serverValues) {
          problems.push(`${where}: enum values [${mirrorValues}], on the server [${serverValues}]`);
        }
        if (m.sqlType.toUpperCase() !== DECLARED_TYPE[column.kind]) {
          problems.push(`${where}: declared ${m.sqlType}, expected ${DECLARED_TYPE[column.kind]}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('keys every table by id and carries nothing the server enforces', () => {
    for (const [name, table] of mirrorEntries) {
      const config = getTableConfig(table);
      expect(
        config.columns.filter((c) => c.primary).map((c) => c.name),
        name,
      ).toEqual(['id']);
      expect(config.primaryKeys, name).toEqual([]);
      expect(config.foreignKeys, name).toEqual([]);
      expect(config.checks, name).toEqual([]);
      expect(config.uniqueConstraints, name).toEqual([]);
      expect(
        config.columns.filter((c) => c.hasDefault || c.isUnique).map((c) => c.name),
        name,
      ).toEqual([]);
    }
  });

  it("has exactly the station's lookup indexes, none unique or partial", () => {
    const actual: Record<string, [string, string[]]> = {};
    for (const [name, table] of mirrorEntries) {
      for (const ix of getTableConfig(table).indexes) {
        expect(ix.config.unique, ix.config.name).toBe(false);
        expect(ix.config.where, ix.config.name).toBeUndefined();
        actual[ix.config.name] = [name, ix.config.columns.map((c) => (is(c, SQL) ? '(expression)' : c.name))];
      }
    }
    expect(actual).toEqual(EXPECTED_INDEXES);
  });

  it('infers row types from the storage contract', () => {
    expectTypeOf<Part['isActive']>().toEqualTypeOf<boolean>();
    expectTypeOf<Part['unitCost']>().toEqualTypeOf<number>();
    expectTypeOf<Part['unit']>().toEqualTypeOf<'piece' | 'litre' | 'metre' | 'kilogram'>();
    expectTypeOf<Part['barcode']>().toEqualTypeOf<string | null>();
    expectTypeOf<Part['changeXid']>().toEqualTypeOf<number>();
    expectTypeOf<(typeof tenants.$inferSelect)['settings']['agile_mode']>().toEqualTypeOf<
      boolean | undefined
    >();
  });
});

describe('sqlite mirror schema: DDL', () => {
  it('creates every table with the server columns, storage types, NOT NULL and primary key', () => {
    const sqlite = openMirror();
    try {
      for (const name of MIRRORED) {
        const info = sqlite.pragma(`table_info("${name}")`) as {
          name: string;
          type: string;
          notnull: 0 | 1;
          dflt_value: unknown;
          pk: number;
        }[];
        const expected = serverColumns(name).map((c) => ({
          name: c.name,
          type: c.kind ? DECLARED_TYPE[c.kind] : `unmapped ${c.type}`,
          notnull: c.notNull ? 1 : 0,
          dflt_value: null,
          pk: c.name === 'id' ? 1 : 0,
        }));
        expect(
          info.map(({ name: n, type, notnull, dflt_value, pk }) => ({
            name: n,
            type,
            notnull,
            dflt_value,
            pk,
          })),
          name,
        ).toEqual(expected);
        const foreignKeys = sqlite.pragma(`foreign_key_list("${name}")`) as unknown[];
        expect(foreignKeys, name).toEqual([]);
      }
    } finally {
      sqlite.close();
    }
  });

  it('creates the lookup indexes', () => {
    const sqlite = openMirror();
    try {
      const actual: Record<string, [string, string[]]> = {};
      for (const name of MIRRORED) {
        const list = sqlite.pragma(`index_list("${name}")`) as {
          name: string;
          unique: 0 | 1;
          origin: string;
          partial: 0 | 1;
        }[];
        for (const ix of list) {
          if (ix.origin === 'pk') continue; // the automatic index of the text primary key
          expect(ix, ix.name).toMatchObject({ unique: 0, origin: 'c', partial: 0 });
          const columns = sqlite.pragma(`index_info("${ix.name}")`) as { seqno: number; name: string }[];
          actual[ix.name] = [name, columns.sort((a, b) => a.seqno - b.seqno).map((c) => c.name)];
        }
      }
      expect(actual).toEqual(EXPECTED_INDEXES);
    } finally {
      sqlite.close();
    }
  });

  it('can be applied twice', () => {
    const sqlite = openMirror();
    try {
      expect(() => {
        for (const table of Object.values(sqliteMirrorTables)) {
          sqlite.exec(mirrorTableDdl(table));
          for (const ddl of mirrorIndexDdl(table)) sqlite.exec(ddl);
        }
      }).not.toThrow();
    } finally {
      sqlite.close();
    }
  });

  it('quotes identifiers', () => {
    expect(mirrorTableDdl(parts)).toContain('CREATE TABLE IF NOT EXISTS "parts" (');
    expect(mirrorTableDdl(parts)).toContain('"id" TEXT NOT NULL PRIMARY KEY');
    expect(mirrorTableDdl(parts)).toContain('"unit_cost" REAL NOT NULL');
    expect(mirrorTableDdl(parts)).toContain('"barcode" TEXT,');
    expect(mirrorIndexDdl(parts)).toContain('CREATE INDEX IF NOT EXISTS "parts_sku_idx" ON "parts" ("sku")');
  });

  it('refuses what the mirror must not carry rather than dropping it', () => {
    const withDefault = sqliteTable('probe_default', {
      id: text('id').primaryKey(),
      n: integer('n').default(1),
    });
    expect(() => mirrorTableDdl(withDefault)).toThrow(/no defaults/);
    const withReference = sqliteTable('probe_reference', {
      id: text('id').primaryKey(),
      partId: text('part_id').references(() => parts.id),
    });
    expect(() => mirrorTableDdl(withReference)).toThrow(/no foreign keys/);
    const withoutKey = sqliteTable('probe_no_key', { id: text('id') });
    expect(() => mirrorTableDdl(withoutKey)).toThrow(/primary key/);
    const withPartialIndex = sqliteTable(
      'probe_partial',
      { id: text('id').primaryKey(), a: text('a') },
      (t) => [index('probe_partial_a_idx').on(t.a).where(eq(t.a, 'x'))],
    );
    expect(() => mirrorIndexDdl(withPartialIndex)).toThrow(/no partial indexes/);
  });
});

describe('sqlite mirror schema: drizzle on better-sqlite3', () => {
  it('inserts and selects typed rows', () => {
    const sqlite = openMirror();
    try {
      const cache = drizzle({ client: sqlite });
      const tenantId = uuidv7();
      const now = '2026-11-25T10:57:41.123456Z';
      const stamps = { createdAt: now, updatedAt: now, rowVersion: 3, changeXid: 2 ** 40 + 7 };
      cache
        .insert(tenants)
        .values({ id: tenantId, slug: 'acme', name: 'Acme', settings: { agile_mode: true }, ...stamps })
        .run();
      const part: NewPart = {
        id: uuidv7(),
        tenantId,
        sku: 'FLT-001',
        name: 'Oil filter',
        category: null,
        minLevel: 2.5,
        unit: 'piece',
        unitCost: 12.75,
        barcode: '4006381333931',
        isActive: true,
        ...stamps,
      };
      cache.insert(parts).values(part).run();

      expect(cache.select().from(parts).where(eq(parts.sku, 'FLT-001')).get()).toEqual(part);
      expect(cache.select().from(tenants).where(eq(tenants.id, tenantId)).get()?.settings).toEqual({
        agile_mode: true,
      });
      // What the sync engine writes: booleans as 0/1, numerics as REAL, JSON as text.
      expect(
        sqlite
          .prepare(
            `SELECT typeof(is_active) AS a, is_active AS b, typeof(unit_cost) AS c, typeof(change_xid) AS d
               FROM parts`,
          )
          .get(),
      ).toEqual({ a: 'integer', b: 1, c: 'real', d: 'integer' });
      expect(sqlite.prepare('SELECT settings FROM tenants').pluck().get()).toBe('{"agile_mode":true}');
    } finally {
      sqlite.close();
    }
  });
});
