// wallet.issue: parts from a bin into a technician's wallet; refused locally when the bin (with
// what is already pending) does not hold enough, and re-checked by the server.
import type { OperationDefinition } from './operation-type.ts';
import { checkQuantity, formatQty, requirePart, requireSiteWarehouse } from './cache-lookups.ts';
import { OpError } from './op-error.ts';
import { addEffect, pendingDelta, stockKey, walletKey } from './overlay.ts';

export const walletIssue: OperationDefinition<'wallet.issue'> = {
  type: 'wallet.issue',
  roles: ['storekeeper', 'manager', 'admin'],
  summarize(payload, db) {
    const sku = requirePart(db, payload.part_id).sku;
    const tech = db.prepare('SELECT full_name FROM users WHERE id = ?').pluck().get(payload.technician_id) as
      string | undefined;
    return `Issue ${formatQty(payload.qty)} x ${sku} to ${tech ?? 'a technician'}`;
  },
  applyLocal(ctx, payload) {
    const part = requirePart(ctx.db, payload.part_id);
    const warehouse = requireSiteWarehouse(ctx.db, payload.location_id, ctx.station.siteId);
    checkQuantity(part, payload.qty, 'The quantity');
    const tech = ctx.db
      .prepare('SELECT full_name, role, is_active FROM users WHERE id = ?')
      .get(payload.technician_id) as { full_name: string; role: string; is_active: number } | undefined;
    if (!tech || !tech.is_active)
      throw new OpError('unknown_technician', 'That technician is not an active user.');
    if (tech.role !== 'technician') {
      throw new OpError(
        'not_a_technician',
        `${tech.full_name} is a ${tech.role}; only technicians hold a wallet.`,
      );
    }
    const key = stockKey(part.id, warehouse.id, payload.bin_location);
    const onHand =
      (ctx.db
        .prepare(
          'SELECT qty_on_hand FROM inventory_stock WHERE part_id = ? AND location_id = ? AND bin_location = ?',
        )
        .pluck()
        .get(part.id, warehouse.id, payload.bin_location) as number | undefined) ?? 0;
    // Quantities have at most 3 decimals; rounding drops the floating-point noise of the sum
    // (0.3 - 0.1 - 0.1 is 0.09999999999999998, which would refuse the last 0.1).
    const available = Math.round((onHand + pendingDelta(ctx.db, 'stock', key)) * 1000) / 1000;
    if (available < payload.qty) {
      throw new OpError(
        'insufficient_stock',
        `Only ${formatQty(Math.max(available, 0))} of ${part.sku} left in bin ${payload.bin_location}; cannot issue ${formatQty(payload.qty)}.`,
      );
    }
    addEffect(ctx.db, ctx.opId, 'stock', key, -payload.qty);
    addEffect(ctx.db, ctx.opId, 'wallet', walletKey(payload.technician_id, part.id), payload.qty);
  },
};
