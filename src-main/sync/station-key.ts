// Registers the station's public signing key with the server when the station's mirror does not
// hold it yet: a station enrolled before signing keys existed made its key pair on its first start
// (src-main/core/station-signer.ts). The server function is idempotent and takes a key only for
// the calling station's own login role (db/functions/sync/amms_register_station_key.sql).
import type pg from 'pg';
import type { StationCache } from '../cache/station-cache.ts';
import { PROTOCOL_VERSION } from './protocol.ts';
import { selectAsStation } from './server-link.ts';

export interface StationKeyInfo {
  keyId: string;
  publicKey: string;
}

export type KeyRegistration = 'known' | 'registered' | { refused: string };

export async function registerStationKey(
  client: pg.Client,
  cache: StationCache,
  key: StationKeyInfo,
): Promise<KeyRegistration> {
  const known = cache.writer.prepare('SELECT 1 FROM station_keys WHERE key_id = ?').get(key.keyId);
  if (known) return 'known';
  try {
    await selectAsStation(client, 'amms_register_station_key($1, $2::jsonb)', [
      PROTOCOL_VERSION,
      JSON.stringify({ key_id: key.keyId, public_key: key.publicKey, algorithm: 'ed25519' }),
    ]);
    return 'registered';
  } catch (error) {
    // Another key is active for this station (an administrator must revoke it): the station keeps
    // syncing; its gate passes cannot be issued until then (the server refuses them with the reason).
    if ((error as { code?: unknown }).code === '23505') {
      return { refused: error instanceof Error ? error.message : String(error) };
    }
    throw error;
  }
}
