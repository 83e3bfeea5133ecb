// shipment.finish_receipt: every seal checked, what was not scanned becomes missing, the truck ends
// received (or received with discrepancies, shown at once as a pending state change). The seals
// must be exactly the truck's; the server's codes and messages (op_shipment_finish_receipt.sql).
import { OpError } from '../core/errors.ts';
import { addEffect, addStateChange } from '../ops/overlay.ts';
import type { OperationHandler } from '../ops/operation-type.ts';
import type { CacheDb } from '../cache/db.ts';
import { truckAssets, truckParts } from './cargo.ts';
import { shipmentIdOf } from './codes.ts';
import { pendingReceipts, receivedAssets } from './receipts.ts';
import { requireReceivingHere } from './truck-checks.ts';
import { requireTruck, type Truck } from './truck.ts';

/** Whether finishing now would find any discrepancy (the state the truck ends in). */
function findsDiscrepancies(db: CacheDb, truck: Truck, sealsIntact: boolean): boolean {
  if (!sealsIntact) return true;
  const recorded = db
    .prepare('SELECT 1 FROM shipment_discrepancies WHERE shipment_id = ? LIMIT 1')
    .get(truck.id);
  if (recorded !== undefined) return true;
  const pending = pendingReceipts(db, truck.id);
  if (
    pending.some(
      (r) => r.condition === 'damaged' || (r.kind === 'asset' ? r.found !== 'manifest' : r.extra_qty > 0),
    )
  )
    return true;
  const onTruck = truckAssets(db, truck);
  const received = receivedAssets(db, truck, onTruck);
  if ([...onTruck.values()].some((a) => a.status === 'in_transit' && !received.has(a.asset_id))) return true;
  const byPart = new Map<string, number>();
  for (const line of truckParts(db, truck)) {
    if (line.status === 'in_transit')
      byPart.set(line.part_id, (byPart.get(line.part_id) ?? 0) + line.qty - line.received_qty);
  }
  for (const r of pending)
    if (r.kind === 'part') byPart.set(r.part_id, (byPart.get(r.part_id) ?? 0) - (r.qty - r.extra_qty));
  return [...byPart.values()].some((left) => left > 0.0005);
}

export const shipmentFinishReceipt: OperationHandler<'shipment.finish_receipt'> = {
  resolve(ctx, payload) {
    const { gate_pass_ref, note, ...rest } = payload;
    return {
      ...rest,
      shipment_id: shipmentIdOf(ctx.db, { shipment_id: payload.shipment_id, gate_pass_ref }),
      ...(note ? { note } : {}),
    };
  },
  summarize(payload, db) {
    const truck = requireTruck(db, payload.shipment_id ?? '');
    const bad = payload.seals.filter((s) => s.result !== 'intact').length;
    return `Finish receipt of ${truck.gate_pass_ref}${bad > 0 ? ` (${bad} seal${bad === 1 ? '' : 's'} not intact)` : ''}`;
  },
  applyLocal(ctx, payload) {
    const { db, station } = ctx;
    const truck = requireTruck(db, payload.shipment_id ?? '');
    requireReceivingHere(db, truck, station);
    const seals = db
      .prepare('SELECT seal_number FROM shipment_seals WHERE shipment_id = ? ORDER BY seq')
      .pluck()
      .all(truck.id) as string[];
    const seen = new Set<string>();
    for (const check of payload.seals) {
      if (!seals.includes(check.seal_number)) {
        throw new OpError(
          'unknown_seal',
          `Seal ${check.seal_number} is not on ${truck.gate_pass_ref} (its seals: ${seals.join(', ')}).`,
        );
      }
      if (seen.has(check.seal_number))
        throw new OpError('duplicate_seal', `Seal ${check.seal_number} is listed twice.`);
      seen.add(check.seal_number);
      if (check.result === 'mismatch' && check.found_number === check.seal_number) {
        throw new OpError(
          'invalid_field',
          `Seal ${check.seal_number}: the number found is the number on the pass; the seal is intact or broken.`,
        );
      }
    }
    const unchecked = seals.find((number) => !seen.has(number));
    if (unchecked !== undefined)
      throw new OpError('seal_not_checked', `Check seal ${unchecked} before finishing.`);
    const intact = payload.seals.every((s) => s.result === 'intact');
    const final = findsDiscrepancies(db, truck, intact) ? 'received_with_discrepancies' : 'received';
    addStateChange(db, ctx.opId, 'shipment', truck.id, 'dispatched', final);
    addEffect(db, ctx.opId, 'seals', truck.id, 0, { checks: payload.seals });
  },
};
