// station.db: the station's SQLite cache. One writer connection (WAL, BEGIN IMMEDIATE, short
// transactions) and one reader connection for the UI. It holds a mirror of the server tables the
// station needs (same table and column names, written only by the sync engine) and the station's
// own tables (sync state, outbox, pending optimistic effects).
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { mirrorIndexDdl, mirrorTableDdl } from '../../db/schema/sqlite/mirror-ddl.ts';
import { dropNameIndex, ensureNameIndex } from './name-index.ts';
import { sqliteMirrorTables, type MirrorTableName } from '../../db/schema/sqlite/index.ts';
import { MirrorBuild, mirrorSchemaHash } from './mirror-build.ts';
import { MIRROR_SPECS, mirrorInsertSql, type CacheValue, type MirrorSpec } from './mirror-spec.ts';
import { renameBuildOver, retireIntoBuild, settleSwap } from './mirror-swap.ts';
import { configureConnection, removeDatabaseFiles } from './sqlite-files.ts';
import { STATION_TABLES_DDL } from './station-tables.ts';

export const STATION_DB = 'station.db';

export interface SyncState {
  cursorXid: number | null;
  initialTable: string | null;
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
  initial_table: string | null;
  initial_rows_done: number;
  initial_rows_total: number;
  pull_generation: number;
  last_pull_at: string | null;
  last_push_at: string | null;
  last_error: string | null;
  server_schema_version: number | null;
}

export class StationCache {
  readonly path: string;
  readonly dir: string;
  private writerDb: Database.Database;
  private readerDb: Database.Database;
  private readonly upserts = new Map<string, Database.Statement>();

  private constructor(path: string) {
    this.path = path;
    this.dir = dirname(path);
    settleSwap(path, MirrorBuild.pathIn(this.dir));
    this.writerDb = new Database(path);
    configureConnection(this.writerDb);
    this.writerDb.exec(STATION_TABLES_DDL);
    this.ensureMirror();
    this.readerDb = StationCache.openReader(path);
    const buildPath = MirrorBuild.pathIn(this.dir);
    // A build left from before the last completed initial sync (nothing will continue it).
    if (this.syncState().cursorXid !== null && existsSync(buildPath)) removeDatabaseFiles(buildPath);
  }

  private static openReader(path: string): Database.Database {
    const reader = new Database(path, { readonly: true });
    configureConnection(reader);
    return reader;
  }

  static open(dir: string): StationCache {
    mkdirSync(dir, { recursive: true });
    return new StationCache(join(dir, STATION_DB));
  }

  /** The write connection (the sync engine and operations; BEGIN IMMEDIATE through transaction()). */
  get writer(): Database.Database {
    return this.writerDb;
  }

  /** The read-only connection for the UI (never blocked by writes, WAL). */
  get reader(): Database.Database {
    return this.readerDb;
  }

  close(): void {
    this.readerDb.close();
    this.writerDb.close();
  }

  /**
   * Makes a finished, sealed mirror build the new station.db (see mirror-swap.ts), carrying over
   * the outbox, pending effects and sync state, with `finalState` written to the sync state. The
   * write lock on station.db is held only while the station's own tables are copied. Throws
   * StationInUseError (station.db unchanged, connections reopened) when another program has the
   * station open.
   */
  adoptMirrorBuild(buildPath: string, finalState: Record<string, string | number | null>): void {
    this.readerDb.close();
    try {
      retireIntoBuild(this.writerDb, buildPath, finalState);
    } catch (error) {
      this.readerDb = StationCache.openReader(this.path);
      throw error;
    }
    this.writerDb.close();
    this.upserts.clear();
    renameBuildOver(this.path, buildPath);
    this.writerDb = new Database(this.path);
    configureConnection(this.writerDb);
    this.readerDb = StationCache.openReader(this.path);
  }

  /**
   * Creates the mirror tables. When the mirror's shape changed (a new version of the station),
   * the mirror is rebuilt from the server by a fresh initial sync; the outbox is kept.
   */
  private ensureMirror(): void {
    const hash = mirrorSchemaHash();
    const stored = this.writerDb
      .prepare(`SELECT value FROM station_meta WHERE key = 'mirror_schema'`)
      .pluck()
      .get() as string | undefined;
    this.writer.transaction(() => {
      if (stored !== undefined && stored !== hash) {
        dropNameIndex(this.writer);
        for (const table of Object.keys(sqliteMirrorTables))
          this.writer.exec(`DROP TABLE IF EXISTS "${table}"`);
        this.writer
          .prepare(
            `UPDATE sync_state SET cursor_xid = NULL, initial_table = NULL, initial_rows_done = 0,
               initial_rows_total = 0 WHERE id = 1`,
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

  /** Secondary indexes (idempotent: a station.db of an older version may lack a new one). */
  createMirrorIndexes(): void {
    for (const table of Object.values(sqliteMirrorTables)) {
      for (const ddl of mirrorIndexDdl(table)) this.writer.exec(ddl);
    }
    ensureNameIndex(this.writer);
  }

  /** Inserts or replaces mirror rows (values in the spec's column order); call inside a transaction. */
  upsertRows(spec: MirrorSpec, rows: CacheValue[][]): void {
    let statement = this.upserts.get(spec.table);
    if (!statement) {
      const updates = spec.columns
        .filter((c) => c.name !== 'id')
        .map((c) => `"${c.name}" = excluded."${c.name}"`)
        .join(', ');
      statement = this.writer.prepare(`${mirrorInsertSql(spec)} ON CONFLICT(id) DO UPDATE SET ${updates}`);
      this.upserts.set(spec.table, statement);
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
      initialTable: row.initial_table,
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
