// Lookup by name: what was typed is not a code, so the assets and parts whose names contain it
// are listed ("excavator", "hydraulic hose", part of a part's name). Each word of three letters
// or more must appear (any three letters in a row match: the cache's trigram indexes, see
// src-main/cache/name-index.ts); at most `limit` of each kind, in the order of the index.
import type { CacheDb, CacheStatement } from '../cache/db.ts';
import type { LookupMatch } from '../../src-preload/contract/lookup.ts';
import { assetMatch, partMatch } from './exact-lookups.ts';

type Row = Record<string, string | number | null>;

const ASSETS = `SELECT a.id, a.name, a.category, a.make, a.model, a.serial_number, a.status, l.name AS location,
       (SELECT i.client_code FROM asset_identities i WHERE i.asset_id = a.id AND i.client_code IS NOT NULL
         ORDER BY i.client_code LIMIT 1) AS client_code
  FROM assets_name_fts f
  JOIN assets a ON a.rowid = f.rowid
  LEFT JOIN locations l ON l.id = a.location_id
 WHERE assets_name_fts MATCH ? LIMIT ?`;

const PARTS = `SELECT p.id, p.sku, p.name, p.category, p.unit, p.barcode, p.is_active,
       (SELECT total(s.qty_on_hand) FROM inventory_stock s WHERE s.part_id = p.id) AS on_hand
  FROM parts_name_fts f
  JOIN parts p ON p.rowid = f.rowid
 WHERE parts_name_fts MATCH ? LIMIT ?`;

interface Statements {
  assets: CacheStatement<[string, number], Row>;
  parts: CacheStatement<[string, number], Row>;
}

const prepared = new WeakMap<CacheDb, Statements | null>();

function statements(db: CacheDb): Statements | null {
  if (!prepared.has(db)) {
    const indexed =
      db
        .prepare(`SELECT count(*) FROM sqlite_master WHERE name IN ('assets_name_fts', 'parts_name_fts')`)
        .pluck()
        .get() === 2;
    prepared.set(
      db,
      indexed
        ? {
            assets: db.prepare<[string, number], Row>(ASSETS),
            parts: db.prepare<[string, number], Row>(PARTS),
          }
        : null,
    );
  }
  return prepared.get(db) ?? null;
}

/** The FTS5 query for the words of `text` (each quoted), or null when no word is long enough. */
export function nameQuery(text: string): string | null {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w.length >= 3)
    .map((w) => `"${w.replace(/"/g, '""')}"`);
  return words.length === 0 ? null : words.join(' AND ');
}

/** Assets and parts whose names contain every word of `text` (3 letters or more each). */
export function searchByName(db: CacheDb, text: string, limit = 20): LookupMatch[] {
  const query = nameQuery(text);
  const s = query === null ? null : statements(db);
  if (query === null || s === null) return [];
  return [
    ...s.assets.all(query, limit).map((row) => assetMatch(row, 'name')),
    ...s.parts.all(query, limit).map((row) => partMatch(row, 'name')),
  ];
}
