// A station's pool key: what it presents in every transaction it runs through a pooler
// (migration 0016, docs/adr/0018). Derived from the station's password, so station.json holds no
// new secret; the server keeps only its SHA-256 (amms_private.station_pool_keys).
import { createHash, createHmac } from 'node:crypto';

export function stationPoolKey(password: string): string {
  return createHmac('sha256', password).update('amms station pool key v1').digest('base64url');
}

export function poolKeyHash(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** The value of the amms.station setting a pooled transaction starts with. */
export function stationClaim(roleName: string, password: string): string {
  return `${roleName}:${stationPoolKey(password)}`;
}
