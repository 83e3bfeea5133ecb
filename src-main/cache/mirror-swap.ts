// Makes a finished mirror build (mirror-build.ts) the new station.db without a long write lock:
//
//  1. station.db leaves WAL mode while holding an exclusive lock (locking_mode EXCLUSIVE). That only
//     succeeds when no other connection, of any process, has it open; otherwise the swap waits for
//     the next sync cycle and nothing has changed.
//  2. One transaction over both files (rollback journals, so SQLite commits them atomically with a
//     super-journal) copies the station's own tables (outbox, pending effects, sync state, meta)
//     into the build, sets the incremental cursor there, and marks station.db "retired".
//  3. station.db is closed and the build is renamed over it.
//
// A process that opens station.db checks the retired mark before anything else (settleSwap): a
// retired file whose build is complete is finished by renaming; while the swapping process is
// between steps 2 and 3, the opener waits a few milliseconds. A crash before step 2's commit
// leaves station.db as it was (the build is kept and swapped in by the next cycle); after it, the
// next open finishes the rename. Nothing queued at the counter is ever lost: it is either in the
// old file (before the commit) or copied (by the commit).
import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { hasSidecars, sleepSync } from './sqlite-files.ts';

/** The station's own tables, carried from the old station.db into the new one. */
const STATION_TABLES = ['station_meta', 'sync_state', 'outbox', 'pending_effects'] as const;
const RETIRED_KEY = 'retired';

export class StationInUseError extends Error {
  constructor() {
    super(
      'The new mirror is ready but another program has this station open (another "amms station" command or app); it is put in place as soon as that program closes.',
    );
    this.name = 'StationInUseError';
  }
}

function columnsOf(db: Database.Database, schema: string, table: string): string[] {
  return (db.prepare(`PRAGMA ${schema}.table_info("${table}")`).all() as { name: string }[]).map(
    (c) => c.name,
  );
}

function isBusy(error: unknown): boolean {
  return error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_BUSY');
}

/**
 * Steps 1 and 2 on the station's writer connection (every other connection of this process to
 * station.db must be closed). `finalState` is written to the build's sync_state. Throws
 * StationInUseError, with station.db unchanged, when another connection has the file open.
 */
export function retireIntoBuild(
  writer: Database.Database,
  buildPath: string,
  finalState: Record<string, string | number | null>,
): void {
  const busyTimeout = writer.pragma('busy_timeout', { simple: true }) as number;
  writer.pragma('busy_timeout = 0');
  writer.pragma('locking_mode = EXCLUSIVE');
  try {
    let mode: unknown;
    try {
      mode = writer.pragma('journal_mode = DELETE', { simple: true });
    } catch (error) {
      if (isBusy(error)) throw new StationInUseError();
      throw error;
    }
    if (mode !== 'delete') throw new StationInUseError();
    writer.prepare('ATTACH DATABASE ? AS next').run(buildPath);
    try {
      writer
        .transaction(() => {
          for (const table of STATION_TABLES) {
            const next = new Set(columnsOf(writer, 'next', table));
            const shared = columnsOf(writer, 'main', table)
              .filter((c) => next.has(c))
              .map((c) => `"${c}"`)
              .join(', ');
            writer.exec(`DELETE FROM next."${table}"`);
            writer.exec(`INSERT INTO next."${table}" (${shared}) SELECT ${shared} FROM main."${table}"`);
          }
          writer.prepare('DELETE FROM next.station_meta WHERE key = ?').run(RETIRED_KEY);
          const keys = Object.keys(finalState);
          if (keys.length > 0) {
            writer
              .prepare(
                `UPDATE next.sync_state SET ${keys.map((k) => `"${k}" = @${k}`).join(', ')} WHERE id = 1`,
              )
              .run(finalState);
          }
          writer.exec('DROP TABLE next.build_state');
          writer
            .prepare(
              `INSERT INTO main.station_meta (key, value) VALUES (?, '1')
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
            )
            .run(RETIRED_KEY);
        })
        .immediate();
    } finally {
      writer.exec('DETACH DATABASE next');
    }
  } catch (error) {
    // Back to normal: WAL, shared locking, the caller's busy timeout (station.db is unchanged).
    if (!isRetired(writer)) {
      writer.pragma('journal_mode = WAL');
      writer.pragma('locking_mode = NORMAL');
      writer.prepare('SELECT 1 FROM sync_state').get();
      writer.pragma(`busy_timeout = ${busyTimeout}`);
    }
    throw error;
  }
}

function isRetired(db: Database.Database): boolean {
  try {
    return (
      db.prepare('SELECT value FROM main.station_meta WHERE key = ?').pluck().get(RETIRED_KEY) !== undefined
    );
  } catch {
    return false;
  }
}

/**
 * Step 3: the retired station.db (closed by every connection of this process) is replaced by the
 * build. Returns false when another process finished the rename first.
 */
export function renameBuildOver(stationPath: string, buildPath: string): boolean {
  // Leaving WAL mode removed the WAL and its index; a crash in exclusive locking mode can leave an
  // empty rollback journal, which must never meet the new file.
  rmSync(`${stationPath}-journal`, { force: true });
  if (!existsSync(buildPath)) return false;
  if (hasSidecars(buildPath)) throw new Error(`The mirror build ${buildPath} was not sealed.`);
  try {
    renameSync(buildPath, stationPath);
    return true;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Run before opening station.db: finishes a swap that a crash interrupted, or waits (up to 10 s)
 * while another process finishes one.
 */
export function settleSwap(stationPath: string, buildPath: string): void {
  const deadline = Date.now() + 10_000;
  while (existsSync(stationPath)) {
    const db = new Database(stationPath, { fileMustExist: true });
    let retired: boolean;
    try {
      db.pragma('busy_timeout = 5000');
      retired = isRetired(db);
    } finally {
      db.close();
    }
    if (!retired) return;
    // false: another process renamed it first; look again.
    if (existsSync(buildPath) && renameBuildOver(stationPath, buildPath)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `${stationPath} was replaced by a new mirror, but ${buildPath} is missing. Move station.db aside and run "amms station sync" to load the station again (queued operations are in the old file).`,
      );
    }
    sleepSync(20);
  }
}
