// Applies the plain-SQL migrations in db/migrations to any PostgreSQL 16+, each in its own
// transaction, under an advisory lock. A migration that was edited after it was applied is an
// error (migrations are never edited after release; add a new one instead). Then the server
// functions in db/functions (one file per function, the current body) are applied where they
// changed: see db/functions/README.md and docs/adr/0011-server-functions-one-file-each.md.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
export const FUNCTIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'functions');
const MIGRATION_LOCK_KEY = 0x616d6d73; // 'amms'

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
  schemaVersion: number;
  /** Function files (db/functions/<domain>/<name>.sql) applied because they were new or changed. */
  functionsApplied: string[];
}

/** One server function's current definition: db/functions/<domain>/<name>.sql. */
export interface FunctionFile {
  /** Path below db/functions with forward slashes, e.g. "stock/op_stock_receive.sql". */
  path: string;
  sql: string;
  checksum: string;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function listSqlFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return listSqlFiles(full);
    return entry.isFile() && /^[a-z0-9_]+\.sql$/.test(entry.name) ? [full] : [];
  });
}

/** Every function file, in path order (domain folder, then name). */
export function loadFunctionFiles(dir: string = FUNCTIONS_DIR): FunctionFile[] {
  return listSqlFiles(dir)
    .map((full) => {
      const sql = readFileSync(full, 'utf8');
      return { path: relative(dir, full).split(sep).join('/'), sql, checksum: sha256(sql) };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file,
        sql,
        checksum: sha256(sql),
      };
    });
}

/** The schema version this code expects: the highest migration number. */
export function latestSchemaVersion(dir: string = MIGRATIONS_DIR): number {
  const all = loadMigrations(dir);
  return all.length === 0 ? 0 : Math.max(...all.map((m) => m.version));
}

export async function migrate(
  url: string,
  dir: string = MIGRATIONS_DIR,
  functionsDir: string = FUNCTIONS_DIR,
): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await migrateWithClient(client, loadMigrations(dir), loadFunctionFiles(functionsDir));
  } finally {
    await client.end();
  }
}

/**
 * Applies the function files that are new or changed since they were last applied, all in one
 * transaction, after every numbered migration (so a function may use any table or column the
 * migrations made). Bodies are not checked at CREATE time (check_function_bodies = off), so the
 * files may call each other in any order.
 */
async function applyFunctionFiles(client: pg.Client, files: FunctionFile[]): Promise<string[]> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS amms_private.function_files (
      path text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const { rows } = await client.query<{ path: string; checksum: string }>(
    'SELECT path, checksum FROM amms_private.function_files',
  );
  const done = new Map(rows.map((r) => [r.path, r.checksum]));
  const changed = files.filter((f) => done.get(f.path) !== f.checksum);
  if (changed.length === 0) return [];
  await client.query('BEGIN');
  let current = '';
  try {
    await client.query('SET LOCAL check_function_bodies = off');
    for (const file of changed) {
      current = file.path;
      await client.query(file.sql);
      await client.query(
        `INSERT INTO amms_private.function_files (path, checksum) VALUES ($1, $2)
         ON CONFLICT (path) DO UPDATE SET checksum = excluded.checksum, applied_at = now()`,
        [file.path, file.checksum],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Function file db/functions/${current} failed and was rolled back: ${message}`, {
      cause: error,
    });
  }
  return changed.map((f) => f.path);
}

async function migrateWithClient(
  client: pg.Client,
  migrations: Migration[],
  functionFiles: FunctionFile[],
): Promise<MigrateResult> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS amms_private;
      CREATE TABLE IF NOT EXISTS amms_private.schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM amms_private.schema_migrations ORDER BY version',
    );
    const done = new Map(rows.map((r) => [r.version, r]));
    const known = new Set(migrations.map((m) => m.version));
    for (const row of rows) {
      if (!known.has(row.version)) {
        throw new Error(
          `The database has migration ${row.name}, which this version of AMMS does not know: the database is newer than this program. Upgrade AMMS.`,
        );
      }
    }
    const applied: string[] = [];
    for (const m of migrations) {
      const previous = done.get(m.version);
      if (previous) {
        if (previous.checksum !== m.checksum) {
          throw new Error(
            `Migration ${m.name} was changed after it was applied to this database. Migrations are never edited; add a new one.`,
          );
        }
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          'INSERT INTO amms_private.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)',
          [m.version, m.name, m.checksum],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`Migration ${m.name} failed and was rolled back: ${message}`, { cause: error });
      }
      applied.push(m.name);
    }
    const functionsApplied = await applyFunctionFiles(client, functionFiles);
    return {
      applied,
      alreadyApplied: migrations.length - applied.length,
      schemaVersion: migrations.length === 0 ? 0 : Math.max(...migrations.map((m) => m.version)),
      functionsApplied,
    };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}
