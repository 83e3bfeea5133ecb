// What is on a truck as the station sees it: the mirror's movements and part lines with the
// queued loads and unloads on top (overlay entity 'cargo', keyed by the shipment). The same view
// answers "is this asset on a truck already?" and "how much of this bin is loaded on trucks?".
import type { CacheDb } from '../cache/db.ts';
import { round3 } from '../core/quantity.ts';
import { CargoNames } from './cargo-names.ts';
import { findTruck, type Truck } from './truck.ts';

/** A queued load or unload, as recorded in the overlay (delta: +1/-1 for an asset, +/- qty for parts). */
export type CargoEffect =
  | {
      kind: 'asset';
      asset_id: string;
      /** Load only: the parent the asset leaves (loaded without it), and its components. */
      leaves_parent_id?: string | null;
      components?: { asset_id: string; parent_asset_id: string }[];
      movement_id?: string;
    }
  | { kind: 'part'; part_id: string; location_id: string; bin: string };

export type CargoStatus = 'loaded' | 'in_transit' | 'received' | 'missing' | 'extra';

export interface AssetOnTruck {
  asset_id: string;
  /** The unit it travels with on this truck (null: on its own). */
  parent_asset_id: string | null;
  /** Loaded without its parent: the parent it leaves. */
  leaves_parent_id: string | null;
  status: CargoStatus;
  pending: boolean;
}

export interface PartOnTruck {
  part_id: string;
  location_id: string;
  bin: string;
  qty: number;
  received_qty: number;
  status: 'loaded' | 'in_transit' | 'received' | 'missing';
  pending: boolean;
}

interface MovementRow {
  asset_id: string;
  parent_asset_id: string | null;
  detached_from_asset_id: string | null;
  status: string;
  is_extra: number;
}

interface EffectRow {
  delta: number;
  data: string;
}

function cargoEffects(db: CacheDb, shipmentId: string): { delta: number; effect: CargoEffect }[] {
  const rows = db
    .prepare(`SELECT delta, data FROM pending_effects WHERE entity = 'cargo' AND key = ? ORDER BY rowid`)
    .all(shipmentId) as EffectRow[];
  return rows.map((row) => ({ delta: row.delta, effect: JSON.parse(row.data) as CargoEffect }));
}

/** The asset and everything travelling with it on this truck (its components, theirs, ...). */
function withComponents(assets: Map<string, AssetOnTruck>, unit: string): string[] {
  const out = [unit];
  for (let i = 0; i < out.length; i++) {
    for (const a of assets.values())
      if (a.parent_asset_id === out[i] && !out.includes(a.asset_id)) out.push(a.asset_id);
  }
  return out;
}

/** The assets on the truck (not unloaded), in the order they were loaded. */
export function truckAssets(db: CacheDb, truck: Truck): Map<string, AssetOnTruck> {
  const assets = new Map<string, AssetOnTruck>();
  const rows = db
    .prepare(
      `SELECT m.asset_id, p.asset_id AS parent_asset_id, m.detached_from_asset_id, m.status, m.is_extra
         FROM asset_movements m LEFT JOIN asset_movements p ON p.id = m.parent_movement_id
        WHERE m.shipment_id = ? AND m.status <> 'cancelled' ORDER BY m.created_at, m.id`,
    )
    .all(truck.id) as MovementRow[];
  for (const row of rows) {
    assets.set(row.asset_id, {
      asset_id: row.asset_id,
      parent_asset_id: row.parent_asset_id,
      leaves_parent_id: row.detached_from_asset_id,
      status: row.is_extra === 1 ? 'extra' : (row.status as CargoStatus),
      pending: false,
    });
  }
  for (const { delta, effect } of cargoEffects(db, truck.id)) {
    if (effect.kind !== 'asset') continue;
    if (delta < 0) {
      for (const id of withComponents(assets, effect.asset_id)) assets.delete(id);
      continue;
    }
    assets.set(effect.asset_id, {
      asset_id: effect.asset_id,
      parent_asset_id: null,
      leaves_parent_id: effect.leaves_parent_id ?? null,
      status: 'loaded',
      pending: true,
    });
    for (const c of effect.components ?? []) {
      const there = assets.get(c.asset_id);
      // A component on the truck on its own joins its unit; one under another of its movements stays.
      if (there && there.parent_asset_id !== null) continue;
      assets.set(c.asset_id, {
        asset_id: c.asset_id,
        parent_asset_id: c.parent_asset_id,
        leaves_parent_id: null,
        status: 'loaded',
        pending: true,
      });
    }
  }
  if (truck.status === 'dispatched' && truck.confirmed !== 'dispatched') {
    for (const a of assets.values())
      if (a.status === 'loaded') Object.assign(a, { status: 'in_transit', pending: true });
  }
  return assets;
}

const lineKey = (partId: string, locationId: string, bin: string): string => `${partId}|${locationId}|${bin}`;

/** The part lines on the truck (not unloaded): one per part and bin while loading. */
export function truckParts(db: CacheDb, truck: Truck): PartOnTruck[] {
  const lines = db
    .prepare(
      `SELECT part_id, source_location_id AS location_id, source_bin AS bin, qty, received_qty, status
         FROM shipment_part_lines WHERE shipment_id = ? AND status <> 'cancelled' ORDER BY created_at, id`,
    )
    .all(truck.id) as Omit<PartOnTruck, 'pending'>[];
  const out: PartOnTruck[] = lines.map((line) => ({ ...line, pending: false }));
  const loaded = new Map<string, PartOnTruck>();
  for (const line of out)
    if (line.status === 'loaded') loaded.set(lineKey(line.part_id, line.location_id, line.bin), line);
  for (const { delta, effect } of cargoEffects(db, truck.id)) {
    if (effect.kind !== 'part') continue;
    const key = lineKey(effect.part_id, effect.location_id, effect.bin);
    let line = loaded.get(key);
    if (!line) {
      line = {
        part_id: effect.part_id,
        location_id: effect.location_id,
        bin: effect.bin,
        qty: 0,
        received_qty: 0,
        status: 'loaded',
        pending: true,
      };
      loaded.set(key, line);
      out.push(line);
    }
    line.qty = round3(line.qty + delta);
    line.pending = true;
  }
  const kept = out.filter((line) => line.qty > 0);
  if (truck.status === 'dispatched' && truck.confirmed !== 'dispatched') {
    for (const line of kept) Object.assign(line, { status: 'in_transit', pending: true });
  }
  return kept;
}

/** The trucks (loading or on their way) the asset is on, as the station sees them: at most one. */
export function truckWithAsset(db: CacheDb, assetId: string): { truck: Truck; asset: AssetOnTruck } | null {
  const candidates = db
    .prepare(
      `SELECT shipment_id FROM asset_movements WHERE asset_id = @id AND status IN ('loaded', 'in_transit')
         AND shipment_id IS NOT NULL
       UNION
       SELECT e.key FROM pending_effects e WHERE e.entity = 'cargo'
         AND (json_extract(e.data, '$.asset_id') = @id
              OR EXISTS (SELECT 1 FROM json_each(e.data, '$.components') c
                          WHERE json_extract(c.value, '$.asset_id') = @id))`,
    )
    .pluck()
    .all({ id: assetId }) as string[];
  for (const shipmentId of candidates) {
    const truck = findTruck(db, shipmentId);
    if (!truck || (truck.status !== 'loading' && truck.status !== 'dispatched')) continue;
    const asset = truckAssets(db, truck).get(assetId);
    if (asset && (asset.status === 'loaded' || asset.status === 'in_transit')) return { truck, asset };
  }
  return null;
}

/** What trucks still loading hold of a part from a bin (it leaves the bin only at dispatch). */
export function loadedFromBin(db: CacheDb, partId: string, locationId: string, bin: string): number {
  const candidates = db
    .prepare(
      `SELECT shipment_id FROM shipment_part_lines
        WHERE part_id = @part AND source_location_id = @location AND source_bin = @bin AND status = 'loaded'
       UNION
       SELECT key FROM pending_effects WHERE entity = 'cargo' AND json_extract(data, '$.part_id') = @part
         AND json_extract(data, '$.location_id') = @location AND json_extract(data, '$.bin') = @bin`,
    )
    .pluck()
    .all({ part: partId, location: locationId, bin }) as string[];
  let total = 0;
  for (const shipmentId of candidates) {
    const truck = findTruck(db, shipmentId);
    if (!truck || truck.status !== 'loading') continue;
    for (const line of truckParts(db, truck)) {
      if (line.part_id === partId && line.location_id === locationId && line.bin === bin) total += line.qty;
    }
  }
  return round3(total);
}

/** How people name an asset: its client code, else its name ('That asset' when unknown here). */
export function assetCode(db: CacheDb, assetId: string): string {
  return new CargoNames(db).asset(assetId).code;
}
