// shipment.dispatch: the truck leaves, sealed: shown as dispatched at once (a pending state
// change), its parts out of their bins (pending stock deltas), its assets in transit. Refused
// without anything loaded, or when a bin no longer holds what was loaded from it (pending
// included), with the server's codes and messages (op_shipment_dispatch.sql).
import { OpError } from '../core/errors.ts';
import { formatQty } from '../core/quantity.ts';
import { requirePart } from '../ops/cache-lookups.ts';
import { addEffect, addStateChange, stockKey } from '../ops/overlay.ts';
import type { OperationHandler } from '../ops/operation-type.ts';
import { shownBinQty } from '../ops/stock-levels.ts';
import { assetCode, truckAssets, truckParts } from './cargo.ts';
import { shipmentIdOf } from './codes.ts';
import { requireAsset } from './asset-checks.ts';
import { requireLoadingHere } from './truck-checks.ts';
import { requireTruck, siteOf } from './truck.ts';

export const shipmentDispatch: OperationHandler<'shipment.dispatch'> = {
  resolve(ctx, payload) {
    const { gate_pass_ref, ...rest } = payload;
    return {
      ...rest,
      shipment_id: shipmentIdOf(ctx.db, { shipment_id: payload.shipment_id, gate_pass_ref }),
    };
  },
  summarize(payload, db) {
    const truck = requireTruck(db, payload.shipment_id ?? '');
    return `Dispatch ${truck.gate_pass_ref} to ${truck.destination_code}, sealed ${payload.seals.join(', ')}`;
  },
  applyLocal(ctx, payload) {
    const { db, station } = ctx;
    const truck = requireTruck(db, payload.shipment_id ?? '');
    requireLoadingHere(db, truck, station, 'dispatched');
    const assets = [...truckAssets(db, truck).values()].filter((a) => a.status === 'loaded');
    const parts = truckParts(db, truck).filter((l) => l.status === 'loaded');
    if (assets.length + parts.length === 0) {
      throw new OpError(
        'empty_shipment',
        `${truck.gate_pass_ref} has nothing loaded; load at least one asset or part before dispatching.`,
      );
    }
    for (const a of assets) {
      const asset = requireAsset(db, a.asset_id);
      const code = assetCode(db, a.asset_id);
      if (asset.status === 'disposed') {
        throw new OpError(
          'asset_disposed',
          `${code} was disposed after it was loaded; unload it before dispatching.`,
        );
      }
      const where = siteOf(db, asset.location_id);
      if (where.site_id !== station.siteId) {
        throw new OpError(
          'asset_other_site',
          `${code} is no longer at this site (it is at ${where.code}); unload it before dispatching.`,
        );
      }
    }
    for (const line of parts) {
      const shown = shownBinQty(db, line.part_id, line.location_id, line.bin);
      if (shown < line.qty) {
        const sku = requirePart(db, line.part_id).sku;
        throw new OpError(
          'insufficient_stock',
          `Only ${formatQty(Math.max(shown, 0))} of ${sku} left in bin ${line.bin}; cannot dispatch ${formatQty(line.qty)}.`,
        );
      }
    }
    addStateChange(db, ctx.opId, 'shipment', truck.id, 'loading', 'dispatched');
    for (const line of parts)
      addEffect(db, ctx.opId, 'stock', stockKey(line.part_id, line.location_id, line.bin), -line.qty);
    addEffect(db, ctx.opId, 'seals', truck.id, 0, { seals: payload.seals });
  },
};
