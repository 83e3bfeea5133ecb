// Writes rows straight into a station cache's mirror tables, as the sync engine would have left
// them, for tests and benchmarks of what reads the cache. Columns left out get NULL, or a neutral
// value when NOT NULL (a fresh id, '' for text, 0 for numbers, a fixed time for the stamps).
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { sqliteMirrorTables, type MirrorTableName } from '../../db/schema/sqlite/index.ts';

export type MirrorValue = string | number | null;
export type MirrorRow = Record<string, MirrorValue>;

const STAMP = '2026-01-01T00:00:00.000Z';

function defaults(table: MirrorTableName): { names: string[]; fill: (row: MirrorRow) => MirrorValue[] } {
  const columns = getTableConfig(sqliteMirrorTables[table]).columns;
  const names = columns.map((c) => c.name);
  const fill = (row: MirrorRow): MirrorValue[] =>
    columns.map((c) => {
      const value = row[c.name];
      if (value !== undefined) return value;
      if (c.name === 'id') return randomUUID();
      if (!c.notNull) return null;
      if (c.name === 'created_at' || c.name === 'updated_at') return STAMP;
      return c.getSQLType() === 'text' ? '' : 0;
    });
  return { names, fill };
}

/** Inserts rows into a mirror table (call inside a transaction for many rows); returns their ids. */
export function insertMirrorRows(db: Database.Database, table: MirrorTableName, rows: MirrorRow[]): string[] {
  const { names, fill } = defaults(table);
  const statement = db.prepare(
    `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
  );
  const idIndex = names.indexOf('id');
  return rows.map((row) => {
    const values = fill(row);
    statement.run(values);
    return String(values[idIndex]);
  });
}

/** A prepared inserter for bulk loads: one statement, values filled as above. */
export function mirrorInserter(db: Database.Database, table: MirrorTableName): (row: MirrorRow) => void {
  const { names, fill } = defaults(table);
  const statement = db.prepare(
    `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
  );
  return (row) => {
    statement.run(fill(row));
  };
}
