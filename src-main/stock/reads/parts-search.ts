// parts.search: a barcode exactly, SKUs by prefix, names by prefix, in that order, each through its
// own index (parts(barcode), parts(sku), parts(name)); no LIKE '%x%' over the catalogue. A query
// is tried in a few spellings (as typed, upper case, lower case, Capitalised, Title Case) since the
// indexes compare bytes. Each spelling is one range of one index; ranges of the same length do not
// overlap, so walking them in order gives one stable order: segment, then the indexed column, then
// id. The cursor is (segment, column value, id); a later segment leaves out what an earlier one
// matched. Stock is added per returned part (inventory_stock(part_id) index).
import type { CacheDb } from '../../cache/db.ts';
import type { z } from 'zod';
import type { partSearchRowSchema } from '../../../src-preload/contract/stock/reads.ts';
import { badCursor, decodeCursor, encodeCursor, prefixEnd } from '../../core/keyset-cursor.ts';
import { PART_COLUMNS, partStock, type PartRow } from './part-stock.ts';

type PartSearchRow = z.infer<typeof partSearchRowSchema>;
type MatchedBy = PartSearchRow['matched_by'];

interface Segment {
  by: MatchedBy;
  column: 'barcode' | 'sku' | 'name';
  /** The segment's index condition and its arguments. */
  where: string;
  args: string[];
  /** Equality (barcode) or a prefix range [lo, hi). */
  lo: string;
  hi: string | null;
}

function spellings(text: string): string[] {
  const lower = text.toLowerCase();
  const title = lower.replace(/(^|\s)(\S)/g, (_m, space: string, c: string) => space + c.toUpperCase());
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  const all = new Set([text, text.toUpperCase(), lower, capital, title]);
  return [...all].filter((s) => s.length === text.length).sort();
}

function prefixSegments(by: MatchedBy, column: 'sku' | 'name', text: string): Segment[] {
  return spellings(text).map((s) => ({
    by,
    column,
    where: `p.${column} >= ? AND p.${column} < ?`,
    args: [s, prefixEnd(s)],
    lo: s,
    hi: prefixEnd(s),
  }));
}

/** The ranges the query is looked up in, in result order. */
export function searchSegments(query: string): Segment[] {
  const text = query.trim().replace(/\s+/g, ' ');
  const oneWord = !text.includes(' ');
  const segments: Segment[] = [];
  if (oneWord) {
    segments.push({
      by: 'barcode',
      column: 'barcode',
      where: 'p.barcode = ?',
      args: [text],
      lo: text,
      hi: null,
    });
  }
  if (oneWord) segments.push(...prefixSegments('sku', 'sku', text));
  segments.push(...prefixSegments('name', 'name', text));
  return segments;
}

/**
 * The segment's query after the cursor (key k, id). The cursor's key becomes the range's lower
 * bound, so a later page starts its index range where the previous one stopped.
 */
function segmentSql(
  segments: Segment[],
  index: number,
  cursor: { k: string; id: string } | null,
): { sql: string; args: string[] } {
  const segment = segments[index] as Segment;
  const col = `p.${segment.column}`;
  const where: string[] = [];
  const args: string[] = [];
  if (segment.hi === null) {
    where.push(`${col} = ?`);
    args.push(segment.lo);
    if (cursor) {
      where.push('p.id > ?');
      args.push(cursor.id);
    }
  } else if (cursor) {
    where.push(`${col} >= ? AND ${col} < ? AND (${col} > ? OR p.id > ?)`);
    args.push(cursor.k, segment.hi, cursor.k, cursor.id);
  } else {
    where.push(`${col} >= ? AND ${col} < ?`);
    args.push(segment.lo, segment.hi);
  }
  // What an earlier segment of another column matched is not listed again.
  for (const earlier of segments.slice(0, index)) {
    if (earlier.column === segment.column) continue;
    where.push(`NOT (coalesce(${earlier.where}, 0))`);
    args.push(...earlier.args);
  }
  return {
    sql: `SELECT ${PART_COLUMNS} FROM parts p WHERE ${where.join(' AND ')} ORDER BY ${col}, p.id LIMIT ?`,
    args,
  };
}

export interface PageInput {
  after?: string | undefined;
  limit: number;
}

export function searchParts(
  db: CacheDb,
  query: string,
  { after, limit }: PageInput,
): { rows: PartSearchRow[]; next: string | null } {
  const segments = searchSegments(query);
  const cursor = decodeCursor(after, { q: 'string', s: 'number', k: 'string', id: 'string' });
  if (cursor !== undefined && (cursor.q !== query || !segments[Number(cursor.s)])) {
    badCursor();
  }
  const found: { part: PartRow; segment: number }[] = [];
  for (let s = Number(cursor?.s ?? 0); s < segments.length && found.length <= limit; s++) {
    const at =
      cursor !== undefined && Number(cursor.s) === s ? { k: String(cursor.k), id: String(cursor.id) } : null;
    const { sql, args } = segmentSql(segments, s, at);
    const rows = db.prepare(sql).all(...args, limit + 1 - found.length) as PartRow[];
    for (const part of rows) found.push({ part, segment: s });
  }
  const pageRows = found.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  let next: string | null = null;
  if (found.length > limit && last) {
    const column = (segments[last.segment] as Segment).column;
    next = encodeCursor({ q: query, s: last.segment, k: last.part[column] ?? '', id: last.part.id });
  }
  return {
    rows: pageRows.map(({ part, segment }) => ({
      ...partStock(db, part),
      matched_by: (segments[segment] as Segment).by,
    })),
    next,
  };
}
