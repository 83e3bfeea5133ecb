// The station cache's connection types, for every room that reads the cache: only the cache room
// loads better-sqlite3 (lint keeps it so).
import Database from 'better-sqlite3';

/** A connection to the station cache (the writer, the reader, or a read-only one). */
export type CacheDb = Database.Database;
export type CacheStatement<P extends unknown[] = unknown[], R = unknown> = Database.Statement<P, R>;

/** A read-only connection to a station's cache file, for tools that must not write (the CLI). */
export function openCacheReadOnly(path: string): CacheDb {
  return new Database(path, { readonly: true, fileMustExist: true });
}
