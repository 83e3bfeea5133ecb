// shipment.receive: one scan at the destination, blind. An asset on the manifest comes off with the
// components that came with it; one that is not on it is recorded (extra, or wrong item when it is
// on another truck), not refused; parts go into a bin at once (a pending stock delta), damaged ones
// into QUARANTINE. The server's codes and messages (op_shipment_receive.sql).
import { OpError } from '../core/errors.ts';
import { formatQty, round3 } from '../core/quantity.ts';
import { checkQuantity, requirePart, requireSiteWarehouse } from '../ops/cache-lookups.ts';
import { addEffect, stockKey } from '../ops/overlay.ts';
import type { OperationHandler } from '../ops/operation-type.ts';
import { QUARANTINE_BIN } from '../../src-preload/contract/stock/operations.ts';
import { assetCode, truckAssets, truckWithAsset } from './cargo.ts';
import { resolveCargo } from './cargo-payload.ts';
import { receivedAssets, remainingOfPart, type ReceiptEffect } from './receipts.ts';
import { refuseStorekeeper, requireAsset } from './asset-checks.ts';
import { requireReceivingHere } from './truck-checks.ts';
import { requireTruck, type Truck } from './truck.ts';
import type { LocalApplyContext } from '../ops/operation-type.ts';

function receiveAsset(
  ctx: LocalApplyContext,
  truck: Truck,
  assetId: string,
  condition: 'ok' | 'damaged',
  note: string | null,
): ReceiptEffect {
  const { db } = ctx;
  refuseStorekeeper(db, ctx.userId, 'receive');
  requireAsset(db, assetId);
  const code = assetCode(db, assetId);
  const onTruck = truckAssets(db, truck);
  const received = receivedAssets(db, truck, onTruck);
  if (received.has(assetId)) {
    const unit = received.get(assetId) ?? null;
    throw new OpError(
      'scanned_twice',
      unit === null
        ? `${code} was already received from ${truck.gate_pass_ref}.`
        : `${code} was already received from ${truck.gate_pass_ref} with its unit ${assetCode(db, unit)}.`,
    );
  }
  if (onTruck.get(assetId)?.status === 'in_transit') {
    return { kind: 'asset', asset_id: assetId, condition, note, found: 'manifest', other_gate_pass: null };
  }
  const elsewhere = truckWithAsset(db, assetId);
  if (elsewhere) {
    return {
      kind: 'asset',
      asset_id: assetId,
      condition,
      note,
      found: 'wrong_item',
      other_gate_pass: elsewhere.truck.gate_pass_ref,
    };
  }
  return { kind: 'asset', asset_id: assetId, condition, note, found: 'extra', other_gate_pass: null };
}

export const shipmentReceive: OperationHandler<'shipment.receive'> = {
  resolve(ctx, payload) {
    const { note, ...rest } = resolveCargo(ctx.db, payload);
    return { ...rest, ...(note ? { note } : {}) };
  },
  summarize(payload, db) {
    const truck = requireTruck(db, payload.shipment_id ?? '');
    const damaged = payload.condition === 'damaged' ? ' (damaged)' : '';
    if (payload.asset_id !== undefined)
      return `Receive ${assetCode(db, payload.asset_id)}${damaged} off ${truck.gate_pass_ref}`;
    const sku = requirePart(db, payload.part_id ?? '').sku;
    const bin = payload.condition === 'damaged' ? QUARANTINE_BIN : (payload.bin_location ?? '?');
    return `Receive ${formatQty(payload.qty ?? 0)} x ${sku}${damaged} off ${truck.gate_pass_ref} into ${bin}`;
  },
  applyLocal(ctx, payload) {
    const { db, station } = ctx;
    const truck = requireTruck(db, payload.shipment_id ?? '');
    requireReceivingHere(db, truck, station);
    const condition = payload.condition ?? 'ok';
    const note = payload.note ?? null;
    if (condition === 'damaged' && note === null)
      throw new OpError('missing_note', 'Say what is damaged: a damaged item needs a note.');
    if (payload.asset_id !== undefined) {
      addEffect(
        db,
        ctx.opId,
        'receipt',
        truck.id,
        1,
        receiveAsset(ctx, truck, payload.asset_id, condition, note),
      );
      return;
    }
    const part = requirePart(db, payload.part_id ?? '');
    const warehouse = requireSiteWarehouse(db, payload.location_id ?? '', station.siteId);
    const qty = payload.qty ?? 0;
    checkQuantity(part, qty, 'The quantity received');
    let bin: string;
    if (condition === 'damaged') {
      if (payload.bin_location !== undefined && payload.bin_location !== QUARANTINE_BIN) {
        throw new OpError(
          'quarantine_bin',
          `Damaged parts go to bin ${QUARANTINE_BIN}, not to ${payload.bin_location}.`,
        );
      }
      bin = QUARANTINE_BIN;
    } else {
      bin = payload.bin_location ?? '';
      if (bin === QUARANTINE_BIN) {
        throw new OpError(
          'quarantine_bin',
          `Bin ${QUARANTINE_BIN} is for damaged parts; mark them damaged or choose another bin.`,
        );
      }
    }
    const extra = Math.max(0, round3(qty - remainingOfPart(db, truck, part.id)));
    addEffect(db, ctx.opId, 'stock', stockKey(part.id, warehouse.id, bin), qty);
    const effect: ReceiptEffect = {
      kind: 'part',
      part_id: part.id,
      location_id: warehouse.id,
      bin,
      qty,
      extra_qty: extra,
      condition,
      note,
    };
    addEffect(db, ctx.opId, 'receipt', truck.id, qty, effect);
  },
};
