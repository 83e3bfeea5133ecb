// Codes people type or scan, turned into the ids the server reads (ADR 0016): a gate pass into
// its shipment, a site or location code into the location, an asset's client code, QR token (or
// its web address) or manufacturer barcode into the asset, a SKU or barcode into the part, a
// warehouse code into the warehouse. An id given as such is taken as it is (the checks that follow
// find out whether it exists). A code the station does not know is refused before anything is queued.
import type { CacheDb } from '../cache/db.ts';
import { OpError } from '../core/errors.ts';
import { truckIdByGatePass } from './truck.ts';

function unknown(code: string, what: string): never {
  throw new OpError('unknown_code', `${code} is not ${what} this station knows.`);
}

/** The token of a QR label's web address (…/a/<token>), or the code as it is. */
function qrToken(code: string): string {
  const match = /^https?:\/\/[^/]+\/(?:.*\/)?([A-Za-z0-9_-]{16,64})\/?$/.exec(code);
  return match?.[1] ?? code;
}

export function shipmentIdOf(db: CacheDb, given: { shipment_id?: string; gate_pass_ref?: string }): string {
  if (given.shipment_id !== undefined) return given.shipment_id;
  const ref = given.gate_pass_ref ?? '';
  return truckIdByGatePass(db, ref) ?? unknown(ref, 'a gate pass');
}

export function locationIdOf(
  db: CacheDb,
  id: string | undefined,
  code: string | undefined,
  what: string,
): string {
  if (id !== undefined) return id;
  const text = (code ?? '').trim();
  const found = db
    .prepare('SELECT id FROM locations WHERE code IN (?, ?)')
    .pluck()
    .get(text.toUpperCase(), text) as string | undefined;
  return found ?? unknown(text, what);
}

export function assetIdOf(db: CacheDb, id: string | undefined, code: string | undefined): string {
  if (id !== undefined) return id;
  const text = (code ?? '').trim();
  const token = qrToken(text);
  const found = db
    .prepare(
      `SELECT asset_id FROM asset_identities
        WHERE client_code IN (@upper, @raw) OR qr_token = @token OR barcode_manufacturer = @raw LIMIT 1`,
    )
    .pluck()
    .get({ upper: text.toUpperCase(), raw: text, token }) as string | undefined;
  return found ?? unknown(text, 'an asset');
}

export function partIdOf(db: CacheDb, id: string | undefined, code: string | undefined): string {
  if (id !== undefined) return id;
  const text = (code ?? '').trim();
  const found = db
    .prepare('SELECT id FROM parts WHERE sku IN (@upper, @raw) OR barcode = @raw LIMIT 1')
    .pluck()
    .get({ upper: text.toUpperCase(), raw: text }) as string | undefined;
  return found ?? unknown(text, 'a part');
}
