// What the database runs, for test/db/function-files.test.ts: a function's definition as pg_proc
// holds it, its differences from what its file declares, the functions the push path calls, and
// numbered migrations that define what belongs in a function file.
import type pg from 'pg';
import type { Migration } from '../../db/migrate.ts';
import type { DeclaredFunction } from './function-file-parser.ts';

/**
 * The sync protocol's entry points: the functions a station calls by name, and the one PgBouncer
 * calls to authenticate a station (amms_pool_auth, docs/adr/0018).
 */
export const ENTRY_POINTS = [
  'public.amms_push',
  'public.amms_push_batch',
  'public.amms_server_info',
  'public.amms_register_station_key',
  'public.amms_pool_auth',
];

/**
 * The PM engine's entry points, called by name outside a push: the full run (`amms pm run`, the
 * `amms server` process's periodic run) and one asset's run (the meter trigger of migration 0015,
 * in the transaction that moved the meter). Their files are in maintenance/, with the helpers only
 * they call.
 */
export const ENGINE_ENTRY_POINTS = ['amms_private.pm_run', 'amms_private.pm_meter_changed'];

/**
 * The row-level security lookup the push path also calls: it stays in the numbered migration that
 * made it (db/functions/README.md), beside the policies that depend on it, and is not followed.
 */
export const RLS_LOOKUPS = ['public.current_station_role'];

export interface CatalogFunction {
  schema: string;
  name: string;
  arguments: string;
  returns: string;
  language: string;
  volatility: DeclaredFunction['volatility'];
  securityDefiner: boolean;
  config: string[];
  body: string;
  /** Roles other than the owner holding EXECUTE ('PUBLIC' for the public grant). */
  executors: string[];
  /** Attributes the function files do not set, which must keep PostgreSQL's defaults. */
  strict: boolean;
  leakproof: boolean;
  parallel: string;
  kind: string;
}

const VOLATILITY = { i: 'immutable', s: 'stable', v: 'volatile' } as const;

/** Every overload of schema.name (a file must leave exactly one). */
export async function catalogFunctions(
  client: pg.ClientBase,
  schema: string,
  name: string,
): Promise<CatalogFunction[]> {
  const { rows } = await client.query<Omit<CatalogFunction, 'volatility'> & { volatility: 'i' | 's' | 'v' }>(
    `SELECT n.nspname AS schema, p.proname AS name, pg_get_function_arguments(p.oid) AS arguments,
            pg_get_function_result(p.oid) AS returns, l.lanname AS language, p.provolatile AS volatility,
            p.prosecdef AS "securityDefiner", coalesce(p.proconfig, '{}') AS config, p.prosrc AS body,
            ARRAY(SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END
                    FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                   WHERE a.privilege_type = 'EXECUTE' AND a.grantee <> p.proowner ORDER BY 1) AS executors,
            p.proisstrict AS strict, p.proleakproof AS leakproof, p.proparallel AS parallel, p.prokind AS kind
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
      WHERE n.nspname = $1 AND p.proname = $2`,
    [schema, name],
  );
  return rows.map((r) => ({ ...r, volatility: VOLATILITY[r.volatility] }));
}

/** What differs between a file's declaration and the database's function, in words. */
export function differences(file: DeclaredFunction, db: CatalogFunction): string[] {
  const out: string[] = [];
  const compare = (what: string, fromFile: unknown, fromDb: unknown): void => {
    if (JSON.stringify(fromFile) !== JSON.stringify(fromDb))
      out.push(`${what}: the file has ${JSON.stringify(fromFile)}, the database ${JSON.stringify(fromDb)}`);
  };
  compare('arguments', file.arguments, db.arguments);
  compare('return type', file.returns, db.returns);
  compare('language', file.language, db.language);
  compare('volatility', file.volatility, db.volatility);
  compare('security definer', file.securityDefiner, db.securityDefiner);
  compare('settings', file.config, db.config);
  compare('EXECUTE granted to', [...file.grantedTo].sort(), db.executors);
  compare(
    'defaults (strict, leakproof, parallel, kind)',
    [false, false, 'u', 'f'],
    [db.strict, db.leakproof, db.parallel, db.kind],
  );
  if (file.body !== db.body) {
    const a = file.body.split('\n');
    const b = db.body.split('\n');
    const line = a.findIndex((text, i) => text !== b[i]);
    const at = line === -1 ? a.length : line;
    out.push(
      `body differs at line ${at + 1}: the file has ${JSON.stringify(a[at])}, the database ${JSON.stringify(b[at])}`,
    );
  }
  return out;
}

/** A function body without its -- comments (so that a mention in a comment is not a call). */
const withoutComments = (src: string): string => src.replace(/--[^\n]*/g, '');

/**
 * The functions the push path calls: from the entry points and every apply function registered in
 * amms_private.op_types (amms_push calls them through that table), and those the PM engine's entry
 * points call (ENGINE_ENTRY_POINTS, which belong to maintenance/), following calls written in
 * function bodies (not triggers). Returns each reached function ("schema.name") with its callers.
 */
export async function pushPathCallers(client: pg.ClientBase): Promise<Map<string, Set<string>>> {
  const { rows } = await client.query<{ qualified: string; schema: string; name: string; body: string }>(
    `SELECT n.nspname || '.' || p.proname AS qualified, n.nspname AS schema, p.proname AS name, p.prosrc AS body
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname IN ('public', 'amms_private')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                          AND d.deptype = 'e')`,
  );
  const { rows: ops } = await client.query<{ qualified: string }>(
    `SELECT n.nspname || '.' || p.proname AS qualified FROM amms_private.op_types t
       JOIN pg_proc p ON p.oid = t.apply_function JOIN pg_namespace n ON n.oid = p.pronamespace`,
  );
  const callsOf = (body: string): string[] => {
    const code = withoutComments(body);
    return rows
      .filter((f) => {
        // amms_private is not on any search_path: its functions are always called qualified.
        const pattern =
          f.schema === 'public'
            ? `(?<![\\w.])(public\\.)?${f.name}\\s*\\(`
            : `amms_private\\.${f.name}\\s*\\(`;
        return new RegExp(pattern).test(code);
      })
      .map((f) => f.qualified);
  };
  const callers = new Map<string, Set<string>>();
  const queue = [...ENTRY_POINTS, ...ENGINE_ENTRY_POINTS, ...ops.map((o) => o.qualified)];
  for (const start of queue) if (!callers.has(start)) callers.set(start, new Set());
  for (const o of ops) callers.get(o.qualified)?.add('public.amms_push');
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i] ?? '';
    const fn = rows.find((r) => r.qualified === current);
    if (!fn) continue;
    for (const callee of callsOf(fn.body)) {
      if (callee === current || RLS_LOOKUPS.includes(callee)) continue;
      if (!callers.has(callee)) {
        callers.set(callee, new Set());
        queue.push(callee);
      }
      callers.get(callee)?.add(current);
    }
  }
  return callers;
}

/**
 * Numbered migrations after the cut-over that define what belongs in a function file: CREATE or
 * ALTER of a function that has a file, of any operation apply function (op_*), or a write to
 * amms_private.op_types. DROP FUNCTION stays allowed (a signature change drops the old one).
 */
export function redefinitionsAfterCutOver(
  migrations: Migration[],
  fileFunctions: string[],
  cutOver: number,
): string[] {
  const names = new Set(fileFunctions.map((f) => f.split('.').pop()));
  const found: string[] = [];
  for (const m of migrations.filter((x) => x.version > cutOver)) {
    const sql = withoutComments(m.sql);
    for (const match of sql.matchAll(/\b(CREATE(?:\s+OR\s+REPLACE)?|ALTER)\s+FUNCTION\s+([\w.]+)/gi)) {
      const name = (match[2] ?? '').split('.').pop() ?? '';
      if (names.has(name) || name.startsWith('op_'))
        found.push(
          `${m.name}: ${(match[1] ?? '').replace(/\s+/g, ' ').toUpperCase()} FUNCTION ${match[2] ?? ''}`,
        );
    }
    if (/\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+amms_private\.op_types\b/i.test(sql))
      found.push(`${m.name}: writes amms_private.op_types`);
  }
  return found;
}
