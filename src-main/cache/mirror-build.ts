// The side file an initial sync builds the mirror in: DIR/station.build.db. Rows are loaded page by
// page (each page with its progress marker in one transaction, so a crash resumes after the last
// page saved), then the secondary indexes are built, all without touching station.db: building an
// index over a million rows takes seconds, and station.db's write lock must never be held that long
// (the counter's operations write to it). When the file is complete, mirror-swap.ts makes it the
// new station.db. See docs/adr/0009-initial-sync-in-a-side-file.md.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { mirrorIndexDdl, mirrorTableDdl } from '../../db/schema/sqlite/mirror-ddl.ts';
import { sqliteMirrorTables, type MirrorTableName } from '../../db/schema/sqlite/index.ts';
import { mirrorInsertSql, type CacheValue, type MirrorSpec } from './mirror-spec.ts';
import { ensureNameIndex } from './name-index.ts';
import { configureConnection, removeDatabaseFiles } from './sqlite-files.ts';
import { STATION_TABLES_DDL } from './station-tables.ts';

export const MIRROR_BUILD_DB = 'station.build.db';

/**
 * Bumped when the way values are stored changes (a decoder in mirror-spec.ts), so that caches
 * holding the old form load again. 2: timestamps padded to microseconds.
 */
const MIRROR_VALUE_FORMAT = 2;

/** Identifies the mirror's shape (tables, indexes, value format); a cache or build of another shape is rebuilt. */
export function mirrorSchemaHash(): string {
  const hash = createHash('sha256');
  hash.update(`format ${MIRROR_VALUE_FORMAT}`);
  for (const table of Object.values(sqliteMirrorTables)) {
    hash.update(mirrorTableDdl(table));
    for (const ddl of mirrorIndexDdl(table)) hash.update(ddl);
  }
  return hash.digest('hex').slice(0, 16);
}

export type BuildPhase = 'loading' | 'loaded' | 'indexed';

export interface BuildState {
  /** The first snapshot's horizon: the incremental cursor once the build is swapped in. */
  horizon: number;
  phase: BuildPhase;
  /** The table being loaded and the last id saved in it (null: start the table from its first row). */
  table: string | null;
  lastId: string | null;
  rowsDone: number;
  rowsTotal: number;
}

interface BuildStateRow {
  horizon: number;
  phase: BuildPhase;
  table_name: string | null;
  last_id: string | null;
  rows_done: number;
  rows_total: number;
}

const BUILD_STATE_DDL = `
CREATE TABLE IF NOT EXISTS build_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  schema_hash TEXT NOT NULL,
  horizon INTEGER NOT NULL,
  phase TEXT NOT NULL CHECK (phase IN ('loading', 'loaded', 'indexed')),
  table_name TEXT,
  last_id TEXT,
  rows_done INTEGER NOT NULL,
  rows_total INTEGER NOT NULL
)`;

export class MirrorBuild {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly inserts = new Map<string, Database.Statement>();

  private constructor(path: string) {
    this.path = path;
    this.db = new Database(path);
    configureConnection(this.db);
  }

  static pathIn(dir: string): string {
    return join(dir, MIRROR_BUILD_DB);
  }

  /** The build in progress in dir, or null when there is none of the current mirror shape. */
  static resume(dir: string): MirrorBuild | null {
    const path = MirrorBuild.pathIn(dir);
    if (!existsSync(path)) return null;
    let build: MirrorBuild | null = null;
    try {
      build = new MirrorBuild(path);
      const hash = build.db.prepare('SELECT schema_hash FROM build_state WHERE id = 1').pluck().get() as
        string | undefined;
      if (hash === mirrorSchemaHash()) return build;
    } catch {
      // Not a build this version can continue (no build_state yet, or unreadable): start over.
    }
    build?.close();
    removeDatabaseFiles(path);
    return null;
  }

  /** Starts a new build (replacing any earlier one) at the given snapshot horizon. */
  static start(dir: string, horizon: number, rowsTotal: number, firstTable: string | null): MirrorBuild {
    const path = MirrorBuild.pathIn(dir);
    removeDatabaseFiles(path);
    const build = new MirrorBuild(path);
    build.db.transaction(() => {
      for (const table of Object.values(sqliteMirrorTables)) build.db.exec(mirrorTableDdl(table));
      build.db.exec(STATION_TABLES_DDL);
      build.db.exec(BUILD_STATE_DDL);
      build.db
        .prepare(
          `INSERT INTO build_state (id, schema_hash, horizon, phase, table_name, last_id, rows_done, rows_total)
           VALUES (1, ?, ?, 'loading', ?, NULL, 0, ?)`,
        )
        .run(mirrorSchemaHash(), horizon, firstTable, rowsTotal);
    })();
    return build;
  }

  state(): BuildState {
    const row = this.db.prepare('SELECT * FROM build_state WHERE id = 1').get() as BuildStateRow;
    return {
      horizon: row.horizon,
      phase: row.phase,
      table: row.table_name,
      lastId: row.last_id,
      rowsDone: row.rows_done,
      rowsTotal: row.rows_total,
    };
  }

  /** Inserts one page of rows and moves the resume point past it, in one transaction. */
  insertPage(spec: MirrorSpec, rows: CacheValue[][], rowsDone: number): void {
    let insert = this.inserts.get(spec.table);
    if (!insert) {
      insert = this.db.prepare(mirrorInsertSql(spec));
      this.inserts.set(spec.table, insert);
    }
    const statement = insert;
    const last = rows[rows.length - 1];
    this.db
      .transaction(() => {
        for (const row of rows) statement.run(row);
        this.db
          .prepare('UPDATE build_state SET table_name = ?, last_id = ?, rows_done = ? WHERE id = 1')
          .run(spec.table, last ? String(last[spec.idIndex]) : null, rowsDone);
      })
      .immediate();
  }

  /** The table after a finished one (null when every table is loaded). */
  nextTable(table: string | null): void {
    this.db
      .prepare(
        `UPDATE build_state SET table_name = ?, last_id = NULL, phase = CASE WHEN ? IS NULL THEN 'loaded' ELSE phase END
          WHERE id = 1`,
      )
      .run(table, table);
  }

  /** Builds the secondary indexes (each CREATE INDEX is its own transaction; idempotent). */
  createIndexes(each: (table: MirrorTableName, build: () => void) => void): void {
    for (const [name, table] of Object.entries(sqliteMirrorTables) as [
      MirrorTableName,
      (typeof sqliteMirrorTables)[MirrorTableName],
    ][]) {
      for (const ddl of mirrorIndexDdl(table)) {
        each(name, () => {
          this.db.exec(ddl);
        });
      }
    }
    each('assets', () => {
      ensureNameIndex(this.db);
    });
    this.db.prepare(`UPDATE build_state SET phase = 'indexed' WHERE id = 1`).run();
  }

  /** Row counts of the mirror tables in the build (status and tests). */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const table of Object.keys(sqliteMirrorTables)) {
      counts[table] = this.db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
    }
    return counts;
  }

  /**
   * Leaves a single self-contained file (rollback journal mode, no WAL beside it) and closes it,
   * ready to be attached to station.db and renamed over it.
   */
  seal(): void {
    const mode = this.db.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete')
      throw new Error(`The mirror build ${this.path} is open elsewhere; it cannot be sealed.`);
    this.close();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
