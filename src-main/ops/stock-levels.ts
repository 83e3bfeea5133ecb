// Stock levels as the station sees them, for every domain's operations that take parts from a
// bin or a wallet (the counter's issues, returns, counts and consumptions; parts loaded onto a
// truck): the mirror plus the pending effects of queued operations, the quarantine bin and wallet
// holders. Codes and messages are the server's for the same rule (db/functions/stock/).
import type { CacheDb } from '../cache/db.ts';
import { QUARANTINE_BIN } from '../../src-preload/contract/stock/operations.ts';
import { OpError } from '../core/errors.ts';
import { formatQty, round3 } from '../core/quantity.ts';
import type { LocationRow, PartRow } from './cache-lookups.ts';
import { pendingDelta, stockKey, walletKey } from './overlay.ts';

/** What a bin holds as the counter sees it: the mirror (0 without a row) plus pending effects. */
export function shownBinQty(db: CacheDb, partId: string, locationId: string, bin: string): number {
  const onHand =
    (db
      .prepare(
        'SELECT qty_on_hand FROM inventory_stock WHERE part_id = ? AND location_id = ? AND bin_location = ?',
      )
      .pluck()
      .get(partId, locationId, bin) as number | undefined) ?? 0;
  return round3(onHand + pendingDelta(db, 'stock', stockKey(partId, locationId, bin)));
}

/** What a technician's wallet holds of a part as the counter sees it (mirror plus pending). */
export function shownWalletQty(db: CacheDb, technicianId: string, partId: string): number {
  const held =
    (db
      .prepare('SELECT qty_held FROM inventory_wallets WHERE user_id = ? AND part_id = ?')
      .pluck()
      .get(technicianId, partId) as number | undefined) ?? 0;
  return round3(held + pendingDelta(db, 'wallet', walletKey(technicianId, partId)));
}

/** Nothing is issued or used from the quarantine bin. */
export function refuseQuarantine(bin: string, warehouse: LocationRow): void {
  if (bin === QUARANTINE_BIN) {
    throw new OpError(
      'quarantined',
      `Bin ${QUARANTINE_BIN} of ${warehouse.code} holds defective parts; they cannot be issued or used.`,
    );
  }
}

/** Refuses to take more from a bin than it holds (with what is pending). verb: issue, use. */
export function checkBinHolds(
  db: CacheDb,
  part: PartRow,
  warehouse: LocationRow,
  bin: string,
  qty: number,
  verb: string,
): void {
  const available = shownBinQty(db, part.id, warehouse.id, bin);
  if (available < qty) {
    throw new OpError(
      'insufficient_stock',
      `Only ${formatQty(Math.max(available, 0))} of ${part.sku} left in bin ${bin}; cannot ${verb} ${formatQty(qty)}.`,
    );
  }
}

export interface TechnicianRow {
  id: string;
  full_name: string;
  role: string;
  site_id: string | null;
}

/**
 * The holder of a wallet that parts leave (a return, a consumption): a technician whose wallet
 * this station keeps (home site = the station's site). A technician who left may still give
 * parts back, so an inactive one is accepted.
 */
export function requireWalletTechnician(db: CacheDb, technicianId: string, siteId: string): TechnicianRow {
  const tech = db.prepare('SELECT id, full_name, role, site_id FROM users WHERE id = ?').get(technicianId) as
    TechnicianRow | undefined;
  if (!tech) throw new OpError('unknown_technician', 'That technician does not exist.');
  if (tech.role !== 'technician') {
    throw new OpError(
      'not_a_technician',
      `${tech.full_name} is a ${tech.role}; only technicians hold a wallet.`,
    );
  }
  if (tech.site_id !== siteId)
    throw new OpError('other_site', `${tech.full_name}'s wallet is kept at another site.`);
  return tech;
}

/** Refuses to take more from a wallet than it holds (with what is pending). verb: return, use. */
export function checkWalletHolds(
  db: CacheDb,
  tech: TechnicianRow,
  part: PartRow,
  qty: number,
  verb: string,
): void {
  const held = shownWalletQty(db, tech.id, part.id);
  if (held <= 0) {
    throw new OpError(
      'insufficient_wallet',
      `${tech.full_name} holds no ${part.sku}; cannot ${verb} ${formatQty(qty)}.`,
    );
  }
  if (held < qty) {
    throw new OpError(
      'insufficient_wallet',
      `${tech.full_name} holds only ${formatQty(held)} of ${part.sku}; cannot ${verb} ${formatQty(qty)}.`,
    );
  }
}
