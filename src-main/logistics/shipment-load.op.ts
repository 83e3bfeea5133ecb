// shipment.load: an asset (its components come along; one loaded without its parent leaves it) or
// parts from a bin onto a truck loading at the station's site. Checked against the cache and what
// is queued (another truck loaded here offline counts), with the server's codes and messages
// (db/functions/logistics/load_shipment_asset.sql, load_shipment_part.sql).
import type { CacheDb } from '../cache/db.ts';
import { OpError } from '../core/errors.ts';
import { formatQty, round3 } from '../core/quantity.ts';
import type { StationScope } from '../core/scope.ts';
import { checkQuantity, requirePart, requireSiteWarehouse } from '../ops/cache-lookups.ts';
import { addEffect, hasPendingEffect, stockKey } from '../ops/overlay.ts';
import type { OperationHandler } from '../ops/operation-type.ts';
import { shownBinQty } from '../ops/stock-levels.ts';
import { QUARANTINE_BIN } from '../../src-preload/contract/stock/operations.ts';
import { assetCode, loadedFromBin, truckWithAsset, type CargoEffect } from './cargo.ts';
import { resolveCargo } from './cargo-payload.ts';
import { requireLoadingHere } from './truck-checks.ts';
import { refuseStorekeeper, requireAsset } from './asset-checks.ts';
import { requireTruck, siteOf, truckLabel, type Truck } from './truck.ts';

/** The asset's components, parents before children, leaving out disposed ones and what hangs on them. */
function componentsOf(db: CacheDb, unitId: string): { asset_id: string; parent_asset_id: string }[] {
  return db
    .prepare(
      `WITH RECURSIVE tree(id, parent_id, depth) AS (
         SELECT id, parent_id, 0 FROM assets WHERE id = ?
         UNION ALL
         SELECT a.id, a.parent_id, tree.depth + 1 FROM assets a JOIN tree ON a.parent_id = tree.id
          WHERE a.status <> 'disposed' AND tree.depth < 20)
       SELECT id AS asset_id, parent_id AS parent_asset_id FROM tree WHERE depth > 0 ORDER BY depth, id`,
    )
    .all(unitId) as { asset_id: string; parent_asset_id: string }[];
}

function checkAsset(db: CacheDb, station: StationScope, truck: Truck, assetId: string): CargoEffect {
  const asset = requireAsset(db, assetId);
  const code = assetCode(db, asset.id);
  if (asset.status === 'disposed')
    throw new OpError('asset_disposed', `${code} is disposed; it cannot be loaded.`);
  const where = siteOf(db, asset.location_id);
  if (where.site_id !== station.siteId) {
    throw new OpError(
      'asset_other_site',
      `${code} is at ${where.code}, not at this site (${siteOf(db, station.siteId).code}).`,
    );
  }
  const on = truckWithAsset(db, asset.id);
  if (on?.truck.id === truck.id) {
    const unit = on.asset.parent_asset_id;
    throw new OpError(
      'scanned_twice',
      unit === null
        ? `${code} is already on this truck (${truck.gate_pass_ref}).`
        : `${code} is already on this truck (${truck.gate_pass_ref}) with its unit ${assetCode(db, unit)}.`,
    );
  }
  if (on) throw new OpError('already_on_shipment', `${code} is already on ${truckLabel(on.truck)}.`);
  const components = componentsOf(db, asset.id);
  for (const component of components) {
    const elsewhere = truckWithAsset(db, component.asset_id);
    if (elsewhere && elsewhere.truck.id !== truck.id) {
      throw new OpError(
        'already_on_shipment',
        `${code}'s component ${assetCode(db, component.asset_id)} is already on ${truckLabel(elsewhere.truck)}.`,
      );
    }
  }
  return { kind: 'asset', asset_id: asset.id, leaves_parent_id: asset.parent_id, components };
}

export const shipmentLoad: OperationHandler<'shipment.load'> = {
  resolve: (ctx, payload) => resolveCargo(ctx.db, payload),
  summarize(payload, db) {
    const truck = requireTruck(db, payload.shipment_id ?? '');
    if (payload.asset_id !== undefined)
      return `Load ${assetCode(db, payload.asset_id)} on ${truck.gate_pass_ref}`;
    const sku = requirePart(db, payload.part_id ?? '').sku;
    return `Load ${formatQty(payload.qty ?? 0)} x ${sku} from ${payload.bin_location ?? '?'} on ${truck.gate_pass_ref}`;
  },
  applyLocal(ctx, payload) {
    const { db, station } = ctx;
    const truck = requireTruck(db, payload.shipment_id ?? '');
    requireLoadingHere(db, truck, station, 'loaded');
    if (payload.asset_id !== undefined) {
      refuseStorekeeper(db, ctx.userId, 'load');
      const effect = checkAsset(db, station, truck, payload.asset_id);
      addEffect(db, ctx.opId, 'cargo', truck.id, 1, { ...effect, movement_id: payload.movement_id });
      return;
    }
    const part = requirePart(db, payload.part_id ?? '');
    const warehouse = requireSiteWarehouse(db, payload.location_id ?? '', station.siteId);
    const bin = payload.bin_location ?? '';
    const qty = payload.qty ?? 0;
    checkQuantity(part, qty, 'The quantity loaded');
    if (bin === QUARANTINE_BIN) {
      throw new OpError(
        'quarantined',
        `Bin ${QUARANTINE_BIN} of ${warehouse.code} holds defective parts; they cannot be loaded.`,
      );
    }
    const key = stockKey(part.id, warehouse.id, bin);
    const hasRow =
      db
        .prepare('SELECT 1 FROM inventory_stock WHERE part_id = ? AND location_id = ? AND bin_location = ?')
        .get(part.id, warehouse.id, bin) !== undefined || hasPendingEffect(db, 'stock', key);
    if (!hasRow) throw new OpError('no_stock', `There is no ${part.sku} in bin ${bin} of ${warehouse.code}.`);
    const onHand = shownBinQty(db, part.id, warehouse.id, bin);
    const loaded = loadedFromBin(db, part.id, warehouse.id, bin);
    if (round3(onHand - loaded) < qty) {
      throw new OpError(
        'insufficient_stock',
        loaded > 0
          ? `Only ${formatQty(Math.max(round3(onHand - loaded), 0))} of ${part.sku} free in bin ${bin} (${formatQty(loaded)} more already loaded on trucks); cannot load ${formatQty(qty)}.`
          : `Only ${formatQty(Math.max(onHand, 0))} of ${part.sku} left in bin ${bin}; cannot load ${formatQty(qty)}.`,
      );
    }
    addEffect(db, ctx.opId, 'cargo', truck.id, qty, {
      kind: 'part',
      part_id: part.id,
      location_id: warehouse.id,
      bin,
    });
  },
};
