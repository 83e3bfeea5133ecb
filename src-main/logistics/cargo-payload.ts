// The ids of a cargo payload (load, unload, receive): codes people typed or scanned resolved
// against the cache (ADR 0016), the code fields dropped, so the server gets ids only.
import type { CacheDb } from '../cache/db.ts';
import { assetIdOf, locationIdOf, partIdOf, shipmentIdOf } from './codes.ts';

interface CargoCodes {
  shipment_id?: string;
  gate_pass_ref?: string;
  asset_id?: string;
  asset?: string;
  part_id?: string;
  part?: string;
  location_id?: string;
  warehouse?: string;
}

export function resolveCargo<P extends CargoCodes>(
  db: CacheDb,
  payload: P,
): Omit<P, 'gate_pass_ref' | 'asset' | 'part' | 'warehouse'> {
  const { gate_pass_ref, asset, part, warehouse, ...rest } = payload;
  const out: CargoCodes = {
    ...rest,
    shipment_id: shipmentIdOf(db, { shipment_id: payload.shipment_id, gate_pass_ref }),
  };
  if (payload.asset_id !== undefined || asset !== undefined)
    out.asset_id = assetIdOf(db, payload.asset_id, asset);
  if (payload.part_id !== undefined || part !== undefined) out.part_id = partIdOf(db, payload.part_id, part);
  if (payload.location_id !== undefined || warehouse !== undefined)
    out.location_id = locationIdOf(db, payload.location_id, warehouse, 'a warehouse');
  return out as Omit<P, 'gate_pass_ref' | 'asset' | 'part' | 'warehouse'>;
}
