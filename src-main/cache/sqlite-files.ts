// Connection settings and file handling shared by station.db and the side file an initial sync
// builds the mirror in (see mirror-build.ts and mirror-swap.ts).
import { existsSync, rmSync } from 'node:fs';
import type Database from 'better-sqlite3';

/** WAL, one writer at a time waiting up to 5 s for another, foreign keys off (mirror rows arrive in any order). */
export function configureConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  db.pragma('foreign_keys = OFF');
}

/** The files SQLite keeps beside a database (WAL, shared memory index, rollback journal). */
export function sidecarPaths(path: string): string[] {
  return [`${path}-wal`, `${path}-shm`, `${path}-journal`];
}

export function removeDatabaseFiles(path: string): void {
  for (const file of [path, ...sidecarPaths(path)]) rmSync(file, { force: true });
}

export function hasSidecars(path: string): boolean {
  return sidecarPaths(path).some((file) => existsSync(file));
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread (used only while another process finishes swapping station.db, milliseconds). */
export function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
