// Streams rows into a table with COPY FROM STDIN (text format). Rows are produced lazily by an
// iterable and written in chunks of about 256 kB with back-pressure, so a million-row table never
// sits in memory.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';

export type CopyValue = string | number | boolean | null | Date | Record<string, unknown> | unknown[];
export type CopyRow = Readonly<Record<string, CopyValue>>;

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const CHUNK_CHARS = 256 * 1024;

/** Escapes text for COPY's text format: backslash, tab, newline and carriage return. */
export function copyEscape(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (ch) => {
    switch (ch) {
      case '\\':
        return '\\\\';
      case '\t':
        return '\\t';
      case '\n':
        return '\\n';
      default:
        return '\\r';
    }
  });
}

/** One value in COPY text format (\N for NULL; JSON for objects and arrays). */
export function copyValue(value: CopyValue | undefined, column: string, table: string): string {
  if (value === undefined) throw new Error(`Seed row for ${table} has no value for column ${column}.`);
  if (value === null) return '\\N';
  switch (typeof value) {
    case 'string':
      return copyEscape(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`Seed row for ${table}.${column} is not a finite number.`);
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    default:
      if (value instanceof Date) return value.toISOString();
      return copyEscape(JSON.stringify(value));
  }
}

function* copyChunks(table: string, columns: readonly string[], rows: Iterable<CopyRow>): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i] ?? '';
      if (i > 0) line += '\t';
      line += copyValue(row[column], column, table);
    }
    chunk += line + '\n';
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/** COPYs the rows into the table; returns the number of rows the server reports. */
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: Iterable<CopyRow>,
): Promise<number> {
  const sql = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`;
  const target = client.query(copyStreams.from(sql));
  await pipeline(Readable.from(copyChunks(table, columns, rows), { objectMode: false }), target);
  return target.rowCount;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
