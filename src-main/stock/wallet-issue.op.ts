// wallet.issue: parts from a bin into a technician's wallet; refused locally when the bin (with
// what is already pending) does not hold enough or is the quarantine bin, and re-checked by the
// server.
import type { OperationHandler } from '../ops/operation-type.ts';
import { formatQty } from '../core/quantity.ts';
import { checkQuantity, requirePart, requireSiteWarehouse } from '../ops/cache-lookups.ts';
import { checkBinHolds, refuseQuarantine } from '../ops/stock-levels.ts';
import { OpError } from '../core/errors.ts';
import { addEffect, stockKey, walletKey } from '../ops/overlay.ts';

export const walletIssue: OperationHandler<'wallet.issue'> = {
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
    refuseQuarantine(payload.bin_location, warehouse);
    checkBinHolds(ctx.db, part, warehouse, payload.bin_location, payload.qty, 'issue');
    addEffect(ctx.db, ctx.opId, 'stock', stockKey(part.id, warehouse.id, payload.bin_location), -payload.qty);
    addEffect(ctx.db, ctx.opId, 'wallet', walletKey(payload.technician_id, part.id), payload.qty);
  },
};
