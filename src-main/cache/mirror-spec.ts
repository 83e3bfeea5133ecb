// How each mirrored server table is read from PostgreSQL (COPY text) and stored in SQLite: the
// column list (same names on both sides) and a decoder per column, chosen from the server type.
import { getTableConfig as getPgTableConfig } from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig } from 'drizzle-orm/sqlite-core';
import { pgTables } from '../../db/schema/pg/index.ts';
import { sqliteMirrorTables, type MirrorTableName } from '../../db/schema/sqlite/index.ts';

export type CacheValue = string | number | null;
export type Decoder = (text: string | null) => CacheValue;

export interface MirrorColumn {
  name: string;
  pgType: string;
  decode: Decoder;
}

export interface MirrorSpec {
  table: MirrorTableName;
  columns: MirrorColumn[];
  /** Index of the id column in `columns`. */
  idIndex: number;
  /** Index of change_xid in `columns`. */
  changeXidIndex: number;
}

const asText: Decoder = (v) => v;
const asNumber: Decoder = (v) => (v === null ? null : Number(v));
const asBoolean: Decoder = (v) => (v === null ? null : v === 't' ? 1 : 0);
const UTC_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/;

/**
 * '2026-11-25 10:57:41.12+00' (DateStyle ISO, TimeZone UTC) -> '2026-11-25T10:57:41.120000Z'.
 * PostgreSQL drops trailing zeros of the fraction; padding it to microseconds keeps every stored
 * timestamp the same length, so ordering the text orders the times ('41Z' would sort after '41.5Z').
 */
export const asTimestamp: Decoder = (v) => {
  if (v === null) return null;
  const match = UTC_TIMESTAMP.exec(v);
  if (!match) return v.replace(' ', 'T');
  const [, date, time, fraction] = match;
  return `${date}T${time}.${(fraction ?? '').padEnd(6, '0')}Z`;
};

export function decoderFor(pgType: string): Decoder {
  if (pgType === 'boolean') return asBoolean;
  if (pgType === 'integer' || pgType === 'bigint' || pgType === 'xid8' || pgType.startsWith('numeric')) {
    return asNumber;
  }
  if (pgType.startsWith('timestamp')) return asTimestamp;
  return asText;
}

function buildSpec(table: MirrorTableName): MirrorSpec {
  const pgColumns = new Map(getPgTableConfig(pgTables[table]).columns.map((c) => [c.name, c.getSQLType()]));
  const columns = getSqliteTableConfig(sqliteMirrorTables[table]).columns.map((c) => {
    const pgType = pgColumns.get(c.name);
    if (pgType === undefined)
      throw new Error(`Mirror column ${table}.${c.name} does not exist on the server.`);
    return { name: c.name, pgType, decode: decoderFor(pgType) };
  });
  const idIndex = columns.findIndex((c) => c.name === 'id');
  const changeXidIndex = columns.findIndex((c) => c.name === 'change_xid');
  if (idIndex < 0 || changeXidIndex < 0) throw new Error(`Mirror table ${table} needs id and change_xid.`);
  return { table, columns, idIndex, changeXidIndex };
}

/** Every mirrored table, in load order (reference data first). */
export const MIRROR_SPECS: readonly MirrorSpec[] = (Object.keys(sqliteMirrorTables) as MirrorTableName[]).map(
  buildSpec,
);

export const MIRROR_SPEC_BY_TABLE: ReadonlyMap<string, MirrorSpec> = new Map(
  MIRROR_SPECS.map((s) => [s.table, s]),
);

/** INSERT of one mirror row, values in the spec's column order. */
export function mirrorInsertSql(spec: MirrorSpec): string {
  const names = spec.columns.map((c) => `"${c.name}"`);
  return `INSERT INTO "${spec.table}" (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
}

export function decodeRow(spec: MirrorSpec, fields: (string | null)[]): CacheValue[] {
  if (fields.length !== spec.columns.length) {
    throw new Error(
      `${spec.table}: expected ${spec.columns.length} fields from the server, got ${fields.length}.`,
    );
  }
  // Decoded in place: the initial sync handles a million rows, so no second array per row.
  const row = fields as CacheValue[];
  const columns = spec.columns;
  for (let i = 0; i < columns.length; i++)
    row[i] = (columns[i] as MirrorColumn).decode(fields[i] as string | null);
  return row;
}
