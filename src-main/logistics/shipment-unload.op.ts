// shipment.unload: an asset (with the components that came with it) or parts (the whole line or
// some of it) off a truck still loading at the station's site. A component loaded with its unit
// comes off with the unit only. The server's codes and messages (op_shipment_unload.sql).
import { OpError } from '../core/errors.ts';
import { formatQty, round3 } from '../core/quantity.ts';
import { checkQuantity, requirePart, requireSiteWarehouse } from '../ops/cache-lookups.ts';
import { addEffect } from '../ops/overlay.ts';
import type { OperationHandler } from '../ops/operation-type.ts';
import { assetCode, truckAssets, truckParts } from './cargo.ts';
import { resolveCargo } from './cargo-payload.ts';
import { refuseStorekeeper } from './asset-checks.ts';
import { requireLoadingHere } from './truck-checks.ts';
import { requireTruck } from './truck.ts';

export const shipmentUnload: OperationHandler<'shipment.unload'> = {
  resolve: (ctx, payload) => resolveCargo(ctx.db, payload),
  summarize(payload, db) {
    const truck = requireTruck(db, payload.shipment_id ?? '');
    if (payload.asset_id !== undefined)
      return `Unload ${assetCode(db, payload.asset_id)} from ${truck.gate_pass_ref}`;
    const sku = requirePart(db, payload.part_id ?? '').sku;
    const qty = payload.qty === undefined ? 'all' : formatQty(payload.qty);
    return `Unload ${qty} x ${sku} (${payload.bin_location ?? '?'}) from ${truck.gate_pass_ref}`;
  },
  applyLocal(ctx, payload) {
    const { db, station } = ctx;
    const truck = requireTruck(db, payload.shipment_id ?? '');
    requireLoadingHere(db, truck, station, 'unloaded');
    const ref = truck.gate_pass_ref;
    if (payload.asset_id !== undefined) {
      refuseStorekeeper(db, ctx.userId, 'unload');
      const code = assetCode(db, payload.asset_id);
      const asset = truckAssets(db, truck).get(payload.asset_id);
      if (asset?.status !== 'loaded') throw new OpError('not_on_shipment', `${code} is not on ${ref}.`);
      if (asset.parent_asset_id !== null) {
        const unit = assetCode(db, asset.parent_asset_id);
        throw new OpError(
          'loaded_with_unit',
          `${code} is loaded with its unit ${unit}; unload ${unit} to take it off.`,
        );
      }
      addEffect(db, ctx.opId, 'cargo', truck.id, -1, { kind: 'asset', asset_id: payload.asset_id });
      return;
    }
    const part = requirePart(db, payload.part_id ?? '');
    const warehouse = requireSiteWarehouse(db, payload.location_id ?? '', station.siteId);
    const bin = payload.bin_location ?? '';
    const line = truckParts(db, truck).find(
      (l) =>
        l.status === 'loaded' && l.part_id === part.id && l.location_id === warehouse.id && l.bin === bin,
    );
    if (!line) throw new OpError('not_on_shipment', `No ${part.sku} from bin ${bin} is on ${ref}.`);
    const qty = payload.qty ?? line.qty;
    checkQuantity(part, qty, 'The quantity unloaded');
    if (round3(qty) > line.qty) {
      throw new OpError(
        'invalid_quantity',
        `Only ${formatQty(line.qty)} of ${part.sku} from bin ${bin} are on ${ref}; cannot unload ${formatQty(qty)}.`,
      );
    }
    addEffect(db, ctx.opId, 'cargo', truck.id, -qty, {
      kind: 'part',
      part_id: part.id,
      location_id: warehouse.id,
      bin,
    });
  },
};
