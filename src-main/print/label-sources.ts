// The items to label, read from the station's cache (StationCache.reader or any connection to
// station.db): assets by id, by client code or by client-code prefix; every bin of a warehouse.
import type { CacheDb } from '../cache/db.ts';
import type { AssetLabelItem, BinLabelItem } from './label-pdf.ts';

interface AssetRow {
  name: string;
  client_code: string;
  qr_token: string | null;
}

const ASSETS = `SELECT a.name, i.client_code, i.qr_token
  FROM asset_identities i JOIN assets a ON a.id = i.asset_id
 WHERE i.client_code IS NOT NULL`;

function assetItems(rows: AssetRow[]): AssetLabelItem[] {
  return rows.map((r) => ({ name: r.name, clientCode: r.client_code, qrToken: r.qr_token }));
}

function placeholders(values: readonly string[]): string {
  return values.map(() => '?').join(', ');
}

/** Assets by id, in client-code order. */
export function assetLabelsByIds(db: CacheDb, ids: readonly string[]): AssetLabelItem[] {
  if (ids.length === 0) return [];
  const sql = `${ASSETS} AND a.id IN (${placeholders(ids)}) ORDER BY i.client_code`;
  return assetItems(db.prepare<string[], AssetRow>(sql).all(...ids));
}

/** Assets by client code (as typed or upper-cased), in the order given; `missing` lists unknown codes. */
export function assetLabelsByCodes(
  db: CacheDb,
  codes: readonly string[],
): { items: AssetLabelItem[]; missing: string[] } {
  const statement = db.prepare<[string, string], AssetRow>(`${ASSETS} AND i.client_code IN (?, ?) LIMIT 1`);
  const items: AssetLabelItem[] = [];
  const missing: string[] = [];
  for (const code of codes) {
    const row = statement.get(code.toUpperCase(), code);
    if (row) items.push(...assetItems([row]));
    else missing.push(code);
  }
  return { items, missing };
}

/** Assets whose client code starts with `prefix` (case-insensitive), in client-code order. */
export function assetLabelsByPrefix(db: CacheDb, prefix: string): AssetLabelItem[] {
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const sql = `${ASSETS} AND i.client_code LIKE ? ESCAPE '\\' ORDER BY i.client_code`;
  return assetItems(db.prepare<[string], AssetRow>(sql).all(pattern));
}

export interface Warehouse {
  id: string;
  code: string;
  name: string;
}

/** A warehouse of the cache by its location code (as typed or upper-cased), or null. */
export function findWarehouse(db: CacheDb, code: string): Warehouse | null {
  const row = db
    .prepare<[string, string], Warehouse>(
      `SELECT id, code, name FROM locations WHERE type = 'warehouse' AND code IN (?, ?) LIMIT 1`,
    )
    .get(code.toUpperCase(), code);
  return row ?? null;
}

/** Every bin of a warehouse that holds a stock line at this station's site, in bin order. */
export function binLabelsOfWarehouse(db: CacheDb, warehouse: Warehouse): BinLabelItem[] {
  const bins = db
    .prepare<[string], { bin_location: string }>(
      `SELECT DISTINCT bin_location FROM inventory_stock
        WHERE location_id = ? AND bin_location <> '' ORDER BY bin_location`,
    )
    .all(warehouse.id);
  return bins.map((b) => ({
    warehouseCode: warehouse.code,
    warehouseName: warehouse.name,
    bin: b.bin_location,
  }));
}
