// Server functions kept one file each (db/functions/<domain>/<name>.sql, docs/adr/0011): the
// migrated database runs exactly what the files say, every function of the push path has a file
// in the right folder, no numbered migration after the cut-over redefines one, and the migrator
// re-applies a changed file (and nothing else), all or nothing.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FUNCTIONS_DIR,
  loadFunctionFiles,
  loadMigrations,
  migrate,
  type Migration,
} from '../../db/migrate.ts';
import { pgErrorOf } from '../helpers/base-fixture.ts';
import {
  catalogFunctions,
  differences,
  ENTRY_POINTS,
  pushPathCallers,
  redefinitionsAfterCutOver,
} from '../helpers/function-catalog.ts';
import { parseFunctionFile, type DeclaredFunction } from '../helpers/function-file-parser.ts';
import { createTestDatabase, withClient, type TestDatabase } from '../helpers/test-database.ts';

/**
 * The last numbered migration that defined server functions of the push path. From the next one
 * on, those functions live only in db/functions (a migration may drop one, never define one).
 */
const FUNCTION_FILES_CUT_OVER = 12;

/** The folders of db/functions (db/functions/README.md). */
const DOMAINS = ['sync', 'stock', 'logistics', 'maintenance', 'core'];

const files = loadFunctionFiles();
const declared: DeclaredFunction[] = files.map(parseFunctionFile);
const qualified = (f: DeclaredFunction): string => `${f.schema}.${f.name}`;

let db: TestDatabase;
let su: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  su = new pg.Client({ connectionString: db.url });
  await su.connect();
});

afterAll(async () => {
  await su.end();
  await db.drop();
});

describe('each function file', () => {
  it('are found: db/functions holds at least the 24 files of the push path', () => {
    expect(files.length).toBeGreaterThanOrEqual(24);
  });

  it.each(declared.map((f) => [`${f.domain}/${f.fileName}`, f] as const))(
    '%s holds one CREATE OR REPLACE FUNCTION named as the file, in a domain folder, revoked from PUBLIC',
    (_path, f) => {
      expect(f.createStatements).toBe(1);
      expect(f.orReplace).toBe(true);
      expect(f.name).toBe(f.fileName);
      expect(DOMAINS).toContain(f.domain);
      expect(['public', 'amms_private']).toContain(f.schema);
      expect(f.revokesFromPublic).toBe(true);
    },
  );

  it('names a function no other file names', () => {
    const names = declared.map((f) => f.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it.each(declared.map((f) => [`${f.domain}/${f.fileName}`, f] as const))(
    '%s is what the migrated database runs (arguments, result, language, volatility, security, settings, grants, body)',
    async (_path, f) => {
      const inDb = await catalogFunctions(su, f.schema, f.name);
      expect(inDb, `${qualified(f)}: one function of that name, no leftover overload`).toHaveLength(1);
      const [fn] = inDb;
      if (fn) expect(differences(f, fn)).toEqual([]);
    },
  );
});

describe('the comparison', () => {
  it('finds a changed body, volatility, security and grant in the database', async () => {
    const receive = declared.find((f) => f.name === 'op_stock_receive');
    const reject = declared.find((f) => f.name === 'reject');
    const bin = declared.find((f) => f.name === 'payload_bin');
    if (!receive || !reject || !bin) throw new Error('expected function files are missing');
    await su.query('BEGIN');
    try {
      const edited = files.find((f) => f.path === 'stock/op_stock_receive.sql')?.sql ?? '';
      await su.query(edited.replace('at least one line.', 'a line.'));
      await su.query('ALTER FUNCTION amms_private.reject(text, text) SECURITY DEFINER');
      await su.query('ALTER FUNCTION amms_private.payload_bin(jsonb, text) STABLE');
      await su.query('GRANT EXECUTE ON FUNCTION amms_private.payload_bin(jsonb, text) TO amms_station');
      const diff = async (f: DeclaredFunction): Promise<string[]> => {
        const [fn] = await catalogFunctions(su, f.schema, f.name);
        return fn ? differences(f, fn) : ['missing'];
      };
      expect(await diff(receive)).toEqual([
        expect.stringMatching(
          /^body differs at line \d+: the file has ".*at least one line.*", the database ".*a line\./,
        ),
      ]);
      expect(await diff(reject)).toEqual(['security definer: the file has false, the database true']);
      expect(await diff(bin)).toEqual([
        'volatility: the file has "immutable", the database "stable"',
        'EXECUTE granted to: the file has [], the database ["amms_station"]',
      ]);
    } finally {
      await su.query('ROLLBACK');
    }
  });
});

describe('the push path', () => {
  it('has a file for every function it calls and every operation apply function, and no file is off it', async () => {
    const reached = [...(await pushPathCallers(su)).keys()].sort();
    expect(reached).toEqual(expect.arrayContaining(ENTRY_POINTS));
    expect(reached).toContain('amms_private.reject');
    expect(declared.map(qualified).sort()).toEqual(reached);
  });

  it('keeps each helper in the domain of its callers, or in core when several domains call it', async () => {
    const callers = await pushPathCallers(su);
    const domainOf = new Map(declared.map((f) => [qualified(f), f.domain]));
    const { rows } = await su.query<{ fn: string }>(
      `SELECT n.nspname || '.' || p.proname AS fn FROM amms_private.op_types t
         JOIN pg_proc p ON p.oid = t.apply_function JOIN pg_namespace n ON n.oid = p.pronamespace`,
    );
    const applyFunctions = new Set(rows.map((r) => r.fn));
    const misplaced: string[] = [];
    for (const f of declared) {
      const name = qualified(f);
      if (applyFunctions.has(name)) continue; // an operation's domain is chosen, not derived
      const domains = new Set([...(callers.get(name) ?? [])].map((c) => domainOf.get(c) ?? '?'));
      const expected = ENTRY_POINTS.includes(name) ? 'sync' : domains.size !== 1 ? 'core' : [...domains][0];
      if (f.domain !== expected) misplaced.push(`${name} is in ${f.domain}/, belongs in ${expected ?? '?'}/`);
    }
    expect(misplaced).toEqual([]);
  });

  it("registers each operation type in its apply function's file, as the database has it", async () => {
    const { rows } = await su.query<{ op_type: string; roles: string[]; fn: string }>(
      `SELECT t.op_type, t.roles::text[] AS roles, n.nspname || '.' || p.proname AS fn
         FROM amms_private.op_types t JOIN pg_proc p ON p.oid = t.apply_function
         JOIN pg_namespace n ON n.oid = p.pronamespace ORDER BY t.op_type`,
    );
    const fromFiles = declared
      .flatMap((f) =>
        f.opTypes.map((o) => ({
          op_type: o.opType,
          roles: o.roles,
          fn: o.applyFunction.replace(/\s*\(.*$/, ''),
          file: qualified(f),
        })),
      )
      .sort((a, b) => a.op_type.localeCompare(b.op_type));
    expect(fromFiles.map(({ file: _file, ...row }) => row)).toEqual(rows);
    for (const row of fromFiles)
      expect(row.fn, `${row.op_type} is registered by its own function's file`).toBe(row.file);
  });
});

describe('numbered migrations after the cut-over', () => {
  it(`define no function that has a file, no operation function and no op_types row (after ${FUNCTION_FILES_CUT_OVER})`, () => {
    const latest = loadMigrations().at(-1)?.version ?? 0;
    expect(latest).toBeGreaterThanOrEqual(FUNCTION_FILES_CUT_OVER);
    expect(
      redefinitionsAfterCutOver(loadMigrations(), declared.map(qualified), FUNCTION_FILES_CUT_OVER),
    ).toEqual([]);
  });

  it('are caught when they do (the check itself)', () => {
    const later = (version: number, sql: string): Migration => ({
      version,
      name: `${String(version).padStart(4, '0')}_later.sql`,
      sql,
      checksum: '',
    });
    const migrations = [
      later(
        FUNCTION_FILES_CUT_OVER,
        'CREATE OR REPLACE FUNCTION amms_private.op_stock_receive() RETURNS void',
      ),
      later(
        FUNCTION_FILES_CUT_OVER + 1,
        '-- CREATE FUNCTION amms_private.reject() in a comment\nDROP FUNCTION amms_private.reject(text, text);',
      ),
      later(
        FUNCTION_FILES_CUT_OVER + 2,
        'CREATE  OR  REPLACE FUNCTION amms_private.take_from_bin(x int) RETURNS int',
      ),
      later(FUNCTION_FILES_CUT_OVER + 3, 'ALTER FUNCTION amms_push(integer, jsonb) SECURITY INVOKER;'),
      later(FUNCTION_FILES_CUT_OVER + 4, 'CREATE FUNCTION amms_private.op_shipment_load() RETURNS jsonb'),
      later(FUNCTION_FILES_CUT_OVER + 5, "UPDATE amms_private.op_types SET roles = '{admin}'"),
      later(FUNCTION_FILES_CUT_OVER + 6, 'CREATE FUNCTION amms_private.shipments_stamp() RETURNS trigger'),
    ];
    expect(redefinitionsAfterCutOver(migrations, declared.map(qualified), FUNCTION_FILES_CUT_OVER)).toEqual([
      '0014_later.sql: CREATE OR REPLACE FUNCTION amms_private.take_from_bin',
      '0015_later.sql: ALTER FUNCTION amms_push',
      '0016_later.sql: CREATE FUNCTION amms_private.op_shipment_load',
      '0017_later.sql: writes amms_private.op_types',
    ]);
  });
});

describe('migrate with function files', () => {
  let scratch: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    scratch = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'amms-functions-'));
    cpSync(FUNCTIONS_DIR, dir, { recursive: true });
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await scratch.drop();
  });

  /** pg_proc's xmin of a function: it changes whenever the function is (re)created. */
  const versionOf = (c: pg.Client, fn: string): Promise<string> =>
    c
      .query<{ x: string }>(`SELECT xmin::text AS x FROM pg_proc WHERE oid = $1::regprocedure`, [fn])
      .then((r) => r.rows[0]?.x ?? '');
  const receive = 'amms_private.op_stock_receive(stations, users, jsonb)';
  const issue = 'amms_private.op_wallet_issue(stations, users, jsonb)';
  const emptyReceipt = `SELECT amms_private.op_stock_receive(NULL::stations, NULL::users, '{}'::jsonb)`;
  const edit = (path: string, from: string, to: string): void => {
    const full = join(dir, path);
    const sql = readFileSync(full, 'utf8');
    expect(sql).toContain(from);
    writeFileSync(full, sql.replace(from, to));
  };

  it('applies nothing when no file changed', async () => {
    expect((await migrate(scratch.url, undefined, dir)).functionsApplied).toEqual([]);
  });

  it('re-applies a changed file, runs its new body, and leaves the unchanged ones alone', async () => {
    await withClient(scratch.url, async (c) => {
      const before = { receive: await versionOf(c, receive), issue: await versionOf(c, issue) };
      edit(
        'stock/op_stock_receive.sql',
        'A receipt needs at least one line.',
        'A receipt needs one line or more.',
      );
      expect((await migrate(scratch.url, undefined, dir)).functionsApplied).toEqual([
        'stock/op_stock_receive.sql',
      ]);
      expect(await versionOf(c, receive)).not.toBe(before.receive);
      expect(await versionOf(c, issue)).toBe(before.issue);
      expect((await pgErrorOf(c.query(emptyReceipt))).message).toBe('A receipt needs one line or more.');
      expect((await migrate(scratch.url, undefined, dir)).functionsApplied).toEqual([]);
    });
  });

  it('applies the changed files all or nothing: a failing file rolls back the others', async () => {
    edit('stock/op_stock_receive.sql', 'A receipt needs one line or more.', 'A receipt needs a line.');
    edit(
      'core/reject.sql',
      'FROM PUBLIC;',
      'FROM PUBLIC;\nSELECT no_such_column FROM amms_private.op_types;',
    );
    await expect(migrate(scratch.url, undefined, dir)).rejects.toThrow(
      /^Function file db\/functions\/core\/reject\.sql failed and was rolled back: column "no_such_column" does not exist$/,
    );
    await withClient(scratch.url, async (c) => {
      expect((await pgErrorOf(c.query(emptyReceipt))).message).toBe('A receipt needs one line or more.');
      const { rows } = await c.query<{ path: string }>(
        `SELECT path FROM amms_private.function_files WHERE checksum <> ALL ($1::text[]) ORDER BY path`,
        [loadFunctionFiles(dir).map((f) => f.checksum)],
      );
      expect(rows.map((r) => r.path)).toEqual(['core/reject.sql', 'stock/op_stock_receive.sql']);
    });
  });
});
