// station.db: the station's SQLite cache. One writer connection (WAL, BEGIN IMMEDIATE, short
// transactions) and one reader connection for the UI. It holds a mirror of the server tables the
// station needs (same table and column names, written only by the sync engine) and the station's
// own tables (sync state, outbox, pending optimistic effects).
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { mirrorIndexDdl, mirrorTableDdl } from '../../db/schema/sqlite/mirror-ddl.ts';
import { sqliteMirrorTables, type MirrorTableName } from '../../db/schema/sqlite/index.ts';
import { MIRROR_SPECS, type CacheValue, type MirrorSpec } from './mirror-spec.ts';
import { STATION_TABLES_DDL } from './station-tables.ts';

export const STATION_DB = 'station.db';

function mirrorSchemaHash(): string {
  const hash = createHash('sha256');
  for (const table of Object.values(sqliteMirrorTables)) {
    hash.update(mirrorTableDdl(table));
    for (const ddl of mirrorIndexDdl(table)) hash.update(ddl);
  }
  return hash.digest('hex').slice(0, 16);
}

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  db.pragma('foreign_keys = OFF');
}

export interface SyncState {
  cursorXid: number | null;
  initialHorizon: number | null;
  initialTable: string | null;
  initialLastId: string | null;
  initialRowsDone: number;
  initialRowsTotal: number;
  pullGeneration: number;
  lastPullAt: string | null;
  lastPushAt: string | null;
  lastError: string | null;
  serverSchemaVersion: number | null;
}

interface SyncStateRow {
  cursor_xid: number | null;
  initial_horizon: number | null;
  initial_table: string | null;
  initial_last_id: string | null;
  initial_rows_done: number;
  initial_rows_total: number;
  pull_generation: number;
  last_pull_at: string | null;
  last_push_at: string | null;
  last_error: string | null;
  server_schema_version: number | null;
}

export class StationCache {
  readonly writer: Database.Database;
  readonly reader: Database.Database;
  readonly path: string;
  private readonly upserts = new Map<string, Database.Statement>();

  private constructor(path: string) {
    this.path = path;
    this.writer = new Database(path);
    configure(this.writer);
    this.writer.exec(STATION_TABLES_DDL);
    this.ensureMirror();
    this.reader = new Database(path, { readonly: true });
    configure(this.reader);
  }

  static open(dir: string): StationCache {
    mkdirSync(dir, { recursive: true });
    return new StationCache(join(dir, STATION_DB));
  }

  close(): void {
    this.reader.close();
    this.writer.close();
  }

  /**
   * Creates the mirror tables. When the mirror's shape changed (a new version of the station),
   * the mirror is rebuilt from the server by a fresh initial sync; the outbox is kept.
   */
  private ensureMirror(): void {
    const hash = mirrorSchemaHash();
    const stored = this.writer
      .prepare(`SELECT value FROM station_meta WHERE key = 'mirror_schema'`)
      .pluck()
      .get() as string | undefined;
    this.writer.transaction(() => {
      if (stored !== undefined && stored !== hash) {
        for (const table of Object.keys(sqliteMirrorTables))
          this.writer.exec(`DROP TABLE IF EXISTS "${table}"`);
        this.writer
          .prepare(
            `UPDATE sync_state SET cursor_xid = NULL, initial_horizon = NULL, initial_table = NULL,
               initial_last_id = NULL, initial_rows_done = 0, initial_rows_total = 0 WHERE id = 1`,
          )
          .run();
      }
      for (const table of Object.values(sqliteMirrorTables)) this.writer.exec(mirrorTableDdl(table));
      this.writer
        .prepare(
          `INSERT INTO station_meta (key, value) VALUES ('mirror_schema', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
        )
        .run(hash);
    })();
    if (this.syncState().cursorXid !== null) this.createMirrorIndexes();
  }

  /** Secondary indexes; created after the initial load (faster), idempotent. */
  createMirrorIndexes(): void {
    for (const name of Object.keys(sqliteMirrorTables) as MirrorTableName[])
      this.createMirrorIndexesFor(name);
  }

  /** Builds one table's indexes; `each` wraps every single index build (e.g. in a transaction). */
  createMirrorIndexesFor(
    table: MirrorTableName,
    each: (build: () => void) => void = (build) => {
      build();
    },
  ): void {
    for (const ddl of mirrorIndexDdl(sqliteMirrorTables[table])) {
      each(() => {
        this.writer.exec(ddl);
      });
    }
  }

  dropMirrorIndexes(): void {
    const names = this.writer
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${Object.keys(
          sqliteMirrorTables,
        )
          .map(() => '?')
          .join(',')})`,
      )
      .pluck()
      .all(...Object.keys(sqliteMirrorTables)) as string[];
    for (const name of names) this.writer.exec(`DROP INDEX IF EXISTS "${name}"`);
  }

  /**
   * Writes mirror rows (values in the spec's column order); call inside a transaction. 'upsert'
   * replaces existing rows (pulls); 'insert' is for the initial load into empty tables.
   */
  upsertRows(spec: MirrorSpec, rows: CacheValue[][], mode: 'upsert' | 'insert' = 'upsert'): void {
    const key = `${mode}:${spec.table}`;
    let statement = this.upserts.get(key);
    if (!statement) {
      const names = spec.columns.map((c) => `"${c.name}"`);
      const updates = spec.columns
        .filter((c) => c.name !== 'id')
        .map((c) => `"${c.name}" = excluded."${c.name}"`)
        .join(', ');
      const insert = `INSERT INTO "${spec.table}" (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
      statement = this.writer.prepare(
        mode === 'insert' ? insert : `${insert} ON CONFLICT(id) DO UPDATE SET ${updates}`,
      );
      this.upserts.set(key, statement);
    }
    for (const row of rows) statement.run(row);
  }

  /**
   * Deletes a mirror row the server no longer has (the pull checks that in its snapshot; xids do
   * not follow commit order, so a tombstone's xid is not compared with the row's). Returns the
   * number of rows deleted.
   */
  deleteRow(table: MirrorTableName, id: string): number {
    return this.writer.prepare(`DELETE FROM "${table}" WHERE id = ?`).run(id).changes;
  }

  syncState(): SyncState {
    const row = this.writer.prepare('SELECT * FROM sync_state WHERE id = 1').get() as SyncStateRow;
    return {
      cursorXid: row.cursor_xid,
      initialHorizon: row.initial_horizon,
      initialTable: row.initial_table,
      initialLastId: row.initial_last_id,
      initialRowsDone: row.initial_rows_done,
      initialRowsTotal: row.initial_rows_total,
      pullGeneration: row.pull_generation,
      lastPullAt: row.last_pull_at,
      lastPushAt: row.last_push_at,
      lastError: row.last_error,
      serverSchemaVersion: row.server_schema_version,
    };
  }

  updateSyncState(fields: Partial<Record<keyof SyncStateRow, string | number | null>>): void {
    const keys = Object.keys(fields);
    if (keys.length === 0) return;
    this.writer
      .prepare(`UPDATE sync_state SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = 1`)
      .run(fields);
  }

  /** Runs fn in one write transaction (BEGIN IMMEDIATE). */
  transaction<T>(fn: () => T): T {
    return this.writer.transaction(fn).immediate();
  }

  /** Row counts of every mirror table (for status and tests). */
  mirrorCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const spec of MIRROR_SPECS) {
      counts[spec.table] = this.reader
        .prepare(`SELECT count(*) FROM "${spec.table}"`)
        .pluck()
        .get() as number;
    }
    return counts;
  }
}
