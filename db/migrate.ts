// Applies the plain-SQL migrations in db/migrations to any PostgreSQL 16+, each in its own
// transaction, under an advisory lock. A migration that was edited after it was applied is an
// error (migrations are never edited after release; add a new one instead).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
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
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/** The schema version this code expects: the highest migration number. */
export function latestSchemaVersion(dir: string = MIGRATIONS_DIR): number {
  const all = loadMigrations(dir);
  return all.length === 0 ? 0 : Math.max(...all.map((m) => m.version));
}

export async function migrate(url: string, dir: string = MIGRATIONS_DIR): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await migrateWithClient(client, loadMigrations(dir));
  } finally {
    await client.end();
  }
}

async function migrateWithClient(client: pg.Client, migrations: Migration[]): Promise<MigrateResult> {
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
    return {
      applied,
      alreadyApplied: migrations.length - applied.length,
      schemaVersion: migrations.length === 0 ? 0 : Math.max(...migrations.map((m) => m.version)),
    };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}
