// "Did you mean …?": probes the rewrites and neighbours of a code that matched nothing (suggest.ts)
// through the indexes on the code columns. Every probe is an index seek or a bounded index range,
// so the cost does not grow with the size of the tables.
import type { CacheDb, CacheStatement } from '../cache/db.ts';
import type { LookupKind } from '../../src-preload/contract/lookup.ts';
import { gs1CheckDigit, hasValidCheckDigit } from './gs1-values.ts';
import { looksLikeToken } from './normalize-code.ts';
import { codeDistance, headLength, maxDistance, neighbours, rewrites } from './suggest.ts';

export interface Suggestion {
  code: string;
  kind: LookupKind;
  /** Edit distance from what arrived (confusable characters and separators count half). */
  distance: number;
}

interface Column {
  kind: LookupKind;
  table: string;
  column: string;
}

/** The human codes, stored upper case. */
const CODE_COLUMNS: Column[] = [
  { kind: 'asset', table: 'asset_identities', column: 'client_code' },
  { kind: 'part', table: 'parts', column: 'sku' },
  { kind: 'location', table: 'locations', column: 'code' },
  { kind: 'user', table: 'users', column: 'badge_code' },
  { kind: 'work_order', table: 'work_orders', column: 'code' },
  { kind: 'shipment', table: 'shipments', column: 'gate_pass_ref' },
];
const BARCODE_COLUMNS: Column[] = [
  { kind: 'asset', table: 'asset_identities', column: 'barcode_manufacturer' },
  { kind: 'part', table: 'parts', column: 'barcode' },
];
const TOKEN_COLUMN: Column = { kind: 'asset', table: 'asset_identities', column: 'qr_token' };

interface Probes {
  /** Which of a JSON array of codes exist (json_each drives, one index seek per code). */
  some: CacheStatement<[string], string>;
  /** Codes in [from, to), in index order, at most `limit`. */
  range: CacheStatement<[string, string, number], string>;
}

interface Connection {
  byColumn: Map<Column, Probes>;
  /** [kind, code] of the codes of a JSON array that exist in any human-code column. */
  anyCode: CacheStatement<[{ codes: string }], [LookupKind, string]>;
  /** [column index, first code starting with @from or null] for every human-code column. */
  heads: CacheStatement<[{ from: string; to: string }], [number, string | null]>;
}

const prepared = new WeakMap<CacheDb, Connection>();

function connection(db: CacheDb): Connection {
  let c = prepared.get(db);
  if (!c) {
    const sql = combinedSql();
    c = {
      byColumn: new Map(),
      anyCode: db.prepare<[{ codes: string }], [LookupKind, string]>(sql.anyCode).raw(),
      heads: db.prepare<[{ from: string; to: string }], [number, string | null]>(sql.heads).raw(),
    };
    prepared.set(db, c);
  }
  return c;
}

function probes(db: CacheDb, column: Column): Probes {
  const byColumn = connection(db).byColumn;
  let p = byColumn.get(column);
  if (!p) {
    const sql = probeSql(column);
    p = {
      some: db.prepare<[string], string>(sql.some).pluck(),
      range: db.prepare<[string, string, number], string>(sql.range).pluck(),
    };
    byColumn.set(column, p);
  }
  return p;
}

function probeSql(c: Column): { some: string; range: string } {
  const col = `t."${c.column}"`;
  return {
    some: `SELECT DISTINCT ${col} FROM json_each(?) j CROSS JOIN "${c.table}" t ON ${col} = j.value`,
    range: `SELECT ${col} FROM "${c.table}" t WHERE ${col} >= ? AND ${col} < ? ORDER BY ${col} LIMIT ?`,
  };
}

/** The same probes over all human-code columns at once (one statement run instead of six). */
function combinedSql(): { anyCode: string; heads: string } {
  return {
    anyCode: CODE_COLUMNS.map(
      (c) =>
        `SELECT '${c.kind}', t."${c.column}" FROM json_each(@codes) j CROSS JOIN "${c.table}" t ON t."${c.column}" = j.value`,
    ).join(' UNION ALL '),
    heads: CODE_COLUMNS.map(
      (c, i) =>
        `SELECT ${String(i)}, (SELECT "${c.column}" FROM "${c.table}" WHERE "${c.column}" >= @from AND "${c.column}" < @to ORDER BY "${c.column}" LIMIT 1)`,
    ).join(' UNION ALL '),
  };
}

/** Every statement the suggestions run (for the query-plan test). */
export function suggestionSql(): string[] {
  const columns = [...CODE_COLUMNS, ...BARCODE_COLUMNS, TOKEN_COLUMN].flatMap((c) =>
    Object.values(probeSql(c)),
  );
  return [...columns, ...Object.values(combinedSql())];
}

/** The end of the index range of codes starting with `prefix`. */
function after(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}

class Collector {
  readonly found = new Map<string, Suggestion>();
  constructor(
    private readonly code: string,
    private readonly limit: number,
  ) {}
  add(kind: LookupKind, candidate: string, known?: number): void {
    if (candidate === this.code) return;
    // Zero means only the case differs (QR tokens are case-sensitive): still a near miss.
    const distance = known ?? (codeDistance(this.code, candidate) || 0.5);
    if (distance > this.limit) return;
    this.found.set(`${kind}:${candidate}`, { code: candidate, kind, distance });
  }
}

function probeAll(db: CacheDb, columns: Column[], codes: string[], into: Collector): void {
  if (codes.length === 0) return;
  const json = JSON.stringify(codes);
  for (const c of columns) for (const code of probes(db, c).some.all(json)) into.add(c.kind, code);
}

/** A GTIN/EAN with a wrong check digit: each single-digit correction and adjacent swap that fits. */
function barcodeCandidates(code: string): string[] {
  const out = new Set<string>();
  const data = code.slice(0, -1);
  out.add(data + String(gs1CheckDigit(data)));
  for (let i = 0; i < data.length; i++) {
    for (let d = 0; d <= 9; d++) {
      const candidate = `${code.slice(0, i)}${String(d)}${code.slice(i + 1)}`;
      if (hasValidCheckDigit(candidate)) out.add(candidate);
    }
    const swapped = code.slice(0, i) + (code[i + 1] ?? '') + (code[i] ?? '') + code.slice(i + 2);
    if (hasValidCheckDigit(swapped)) out.add(swapped);
  }
  out.delete(code);
  return [...out];
}

/** Codes near `code` that exist, nearest first, at most `max`. */
export function findSuggestions(db: CacheDb, code: string, max = 5): Suggestion[] {
  if (code.length < 2 || code.length > 64) return [];
  const into = new Collector(code, maxDistance(code) + 0.5);
  if (/^\d+$/.test(code)) {
    if ([8, 12, 13, 14].includes(code.length) && !hasValidCheckDigit(code)) {
      probeAll(db, BARCODE_COLUMNS, barcodeCandidates(code), into);
    }
  } else if (looksLikeToken(code)) {
    const token = probes(db, TOKEN_COLUMN);
    const prefix = code.slice(0, 8);
    for (const candidate of token.range.all(prefix, after(prefix), 8)) into.add('asset', candidate);
  } else {
    const variants = rewrites(code);
    for (const [kind, found] of connection(db).anyCode.all({ codes: JSON.stringify(variants) })) {
      into.add(kind, found);
    }
    if (into.found.size === 0) nearShape(db, [code.toUpperCase(), ...variants.slice(0, 3)], into);
  }
  return [...into.found.values()]
    .sort((a, b) => a.distance - b.distance || a.code.localeCompare(b.code))
    .slice(0, max);
}

/**
 * Neighbours of the first base whose head (all but the last segment) some table's codes share, and
 * the base with its number zero-padded to the width those codes use (WO-123 -> WO-000123).
 */
function nearShape(db: CacheDb, bases: string[], into: Collector): void {
  for (const base of bases) {
    const head = base.slice(0, headLength(base));
    if (head.length === 0) continue;
    const samples = connection(db)
      .heads.all({ from: head, to: after(head) })
      .map(([i, sample]) => ({ c: CODE_COLUMNS[i] ?? TOKEN_COLUMN, sample: sample ?? undefined }));
    const columns = samples.filter((s) => s.sample !== undefined).map((s) => s.c);
    if (columns.length === 0) continue;
    probeAll(db, columns, neighbours(base), into);
    const stem = base.slice(0, -1);
    const tail = base.slice(head.length);
    for (const { c, sample } of samples) {
      if (sample === undefined) continue;
      for (const candidate of probes(db, c).range.all(stem, after(stem), 16)) into.add(c.kind, candidate);
      const width = sample.length - head.length;
      if (/^\d+$/.test(tail) && /^\d+$/.test(sample.slice(head.length)) && width > tail.length) {
        const padded = head + tail.padStart(width, '0');
        if (probes(db, c).some.all(JSON.stringify([padded])).length > 0) into.add(c.kind, padded, 1);
      }
    }
    return;
  }
}
