// Full-text indexes of names in the station cache, so that Lookup finds "excavator" or part of a
// part's name, not only exact codes: FTS5 tables with the trigram tokenizer (any three letters in
// a row match, case-insensitively) over assets.name and parts.name/sku, as external-content
// tables of the mirror rows (the text is not stored twice). Triggers keep them in step with the
// pulls' upserts and deletes; after a bulk load (the initial sync builds the mirror first) they
// are rebuilt in one pass.
import type { CacheDb } from './db.ts';

const TABLES = `
CREATE VIRTUAL TABLE IF NOT EXISTS assets_name_fts
  USING fts5(name, content='assets', content_rowid='rowid', tokenize='trigram');
CREATE VIRTUAL TABLE IF NOT EXISTS parts_name_fts
  USING fts5(name, sku, content='parts', content_rowid='rowid', tokenize='trigram');
`;

const TRIGGERS = `
CREATE TRIGGER IF NOT EXISTS assets_name_fts_insert AFTER INSERT ON assets BEGIN
  INSERT INTO assets_name_fts (rowid, name) VALUES (new.rowid, new.name);
END;
CREATE TRIGGER IF NOT EXISTS assets_name_fts_delete AFTER DELETE ON assets BEGIN
  INSERT INTO assets_name_fts (assets_name_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
END;
CREATE TRIGGER IF NOT EXISTS assets_name_fts_update AFTER UPDATE OF name ON assets BEGIN
  INSERT INTO assets_name_fts (assets_name_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
  INSERT INTO assets_name_fts (rowid, name) VALUES (new.rowid, new.name);
END;
CREATE TRIGGER IF NOT EXISTS parts_name_fts_insert AFTER INSERT ON parts BEGIN
  INSERT INTO parts_name_fts (rowid, name, sku) VALUES (new.rowid, new.name, new.sku);
END;
CREATE TRIGGER IF NOT EXISTS parts_name_fts_delete AFTER DELETE ON parts BEGIN
  INSERT INTO parts_name_fts (parts_name_fts, rowid, name, sku) VALUES ('delete', old.rowid, old.name, old.sku);
END;
CREATE TRIGGER IF NOT EXISTS parts_name_fts_update AFTER UPDATE OF name, sku ON parts BEGIN
  INSERT INTO parts_name_fts (parts_name_fts, rowid, name, sku) VALUES ('delete', old.rowid, old.name, old.sku);
  INSERT INTO parts_name_fts (rowid, name, sku) VALUES (new.rowid, new.name, new.sku);
END;
`;

/**
 * Creates the name indexes and their triggers where they are missing, and fills a new index from
 * the mirror rows already there (idempotent; call once the mirror tables hold their rows).
 */
export function ensureNameIndex(db: CacheDb): void {
  const existing = db
    .prepare(`SELECT count(*) FROM sqlite_master WHERE name IN ('assets_name_fts', 'parts_name_fts')`)
    .pluck()
    .get() as number;
  db.exec(TABLES);
  db.exec(TRIGGERS);
  if (existing < 2) {
    db.exec(`INSERT INTO assets_name_fts (assets_name_fts) VALUES ('rebuild');
             INSERT INTO parts_name_fts (parts_name_fts) VALUES ('rebuild');`);
  }
}

/** Drops the name indexes (their triggers go with the mirror tables they are on). */
export function dropNameIndex(db: CacheDb): void {
  db.exec('DROP TABLE IF EXISTS assets_name_fts; DROP TABLE IF EXISTS parts_name_fts;');
}
