// wallet.return: unused parts from a technician's wallet back into a bin; defective ones go to
// the warehouse's QUARANTINE bin, out of usable stock. Refused locally when the wallet (with what
// is already pending) does not hold enough, and re-checked by the server.
import { QUARANTINE_BIN } from '../../src-preload/contract/stock/operations.ts';
import { formatQty } from '../core/quantity.ts';
import { checkQuantity, requirePart, requireSiteWarehouse } from '../ops/cache-lookups.ts';
import { checkWalletHolds, requireWalletTechnician } from '../ops/stock-levels.ts';
import { OpError } from '../core/errors.ts';
import type { OperationHandler } from '../ops/operation-type.ts';
import { addEffect, stockKey, walletKey } from '../ops/overlay.ts';

/** The bin the parts go to: QUARANTINE for defective parts, the given bin otherwise. */
function targetBin(payload: { bin_location?: string | undefined; defective?: boolean | undefined }): string {
  if (payload.defective === true) {
    if (payload.bin_location !== undefined && payload.bin_location !== QUARANTINE_BIN) {
      throw new OpError(
        'quarantine_bin',
        `Defective parts go to bin ${QUARANTINE_BIN}, not to ${payload.bin_location}.`,
      );
    }
    return QUARANTINE_BIN;
  }
  const bin = payload.bin_location ?? '';
  if (bin === QUARANTINE_BIN) {
    throw new OpError(
      'quarantine_bin',
      `Bin ${QUARANTINE_BIN} is for defective parts; mark the return as defective or choose another bin.`,
    );
  }
  return bin;
}

export const walletReturn: OperationHandler<'wallet.return'> = {
  summarize(payload, db) {
    const sku = requirePart(db, payload.part_id).sku;
    const tech = db.prepare('SELECT full_name FROM users WHERE id = ?').pluck().get(payload.technician_id) as
      string | undefined;
    const bin = payload.defective === true ? QUARANTINE_BIN : (payload.bin_location ?? '');
    const defective = payload.defective === true ? ' (defective)' : '';
    return `Return ${formatQty(payload.qty)} x ${sku}${defective} from ${tech ?? 'a technician'} to bin ${bin}`;
  },
  applyLocal(ctx, payload) {
    const part = requirePart(ctx.db, payload.part_id);
    const warehouse = requireSiteWarehouse(ctx.db, payload.location_id, ctx.station.siteId);
    const tech = requireWalletTechnician(ctx.db, payload.technician_id, ctx.station.siteId);
    checkQuantity(part, payload.qty, 'The quantity');
    const bin = targetBin(payload);
    checkWalletHolds(ctx.db, tech, part, payload.qty, 'return');
    addEffect(ctx.db, ctx.opId, 'stock', stockKey(part.id, warehouse.id, bin), payload.qty);
    addEffect(ctx.db, ctx.opId, 'wallet', walletKey(tech.id, part.id), -payload.qty);
  },
};
