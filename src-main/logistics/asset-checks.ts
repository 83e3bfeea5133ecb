// Assets as the clerk's operations check them: the asset itself, and that storekeepers move parts
// only (the server says the same: db/functions/logistics/load_shipment_asset.sql and others).
import type { CacheDb } from '../cache/db.ts';
import { OpError } from '../core/errors.ts';
import { requireUser } from '../ops/cache-lookups.ts';

interface AssetRow {
  id: string;
  parent_id: string | null;
  location_id: string;
  status: string;
}

export function requireAsset(db: CacheDb, assetId: string): AssetRow {
  const asset = db
    .prepare('SELECT id, parent_id, location_id, status FROM assets WHERE id = ?')
    .get(assetId) as AssetRow | undefined;
  if (!asset) throw new OpError('unknown_asset', 'That asset does not exist.');
  return asset;
}

/** Refuses assets to a storekeeper: they move parts only. */
export function refuseStorekeeper(db: CacheDb, userId: string, verb: 'load' | 'unload' | 'receive'): void {
  const user = requireUser(db, userId);
  if (user.role === 'storekeeper') {
    const done = verb === 'receive' ? 'received' : `${verb}ed`;
    throw new OpError(
      'forbidden',
      `${user.full_name} (storekeeper) ${verb}s parts only; assets are ${done} by a logistics clerk.`,
    );
  }
}
