// Cache checks shared by the counter operations (wallet.issue, wallet.return, wo.consume,
// stock.count): what a bin or a wallet holds as the counter sees it (the mirror plus the pending
// effects of queued operations), the quarantine bin, wallet holders and work-order states. Codes
// and messages are the server's (db/migrations/0009_counter_operations.sql) for the same rule.
import type Database from 'better-sqlite3';
import { QUARANTINE_BIN } from '../../src-preload/contract/operations.ts';
import { formatQty, type LocationRow, type PartRow } from './cache-lookups.ts';
import { OpError } from './op-error.ts';
import { pendingDelta, stockKey, walletKey } from './overlay.ts';

/**
 * Quantities have at most 3 decimals; rounding drops the floating-point noise of sums
 * (0.3 - 0.1 - 0.1 is 0.09999999999999998).
 */
export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** What a bin holds as the counter sees it: the mirror (0 without a row) plus pending effects. */
export function shownBinQty(db: Database.Database, partId: string, locationId: string, bin: string): number {
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
export function shownWalletQty(db: Database.Database, technicianId: string, partId: string): number {
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
  db: Database.Database,
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
export function requireWalletTechnician(
  db: Database.Database,
  technicianId: string,
  siteId: string,
): TechnicianRow {
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
  db: Database.Database,
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

export interface WorkOrderRow {
  id: string;
  code: string;
  status: string;
}

export function requireWorkOrder(db: Database.Database, woId: string): WorkOrderRow {
  const wo = db.prepare('SELECT id, code, status FROM work_orders WHERE id = ?').get(woId) as
    WorkOrderRow | undefined;
  if (!wo) throw new OpError('unknown_work_order', 'That work order does not exist.');
  return wo;
}

/** The tenant's Agile Mode toggle (tenants.settings.agile_mode), off unless set to true. */
export function agileMode(db: Database.Database, tenantId: string): boolean {
  const settings = db.prepare('SELECT settings FROM tenants WHERE id = ?').pluck().get(tenantId) as
    string | undefined;
  if (settings === undefined) return false;
  return (JSON.parse(settings) as { agile_mode?: unknown }).agile_mode === true;
}

/**
 * Parts can be booked to a work order that is ready or in progress; with Agile Mode also to a
 * draft (work raised on the spot, before planning releases it); never to a closed or cancelled one.
 */
export function checkWorkOrderTakesParts(wo: WorkOrderRow, agile: boolean): void {
  if (wo.status === 'closed' || wo.status === 'cancelled') {
    throw new OpError(
      'wo_closed',
      `Work order ${wo.code} is ${wo.status}; parts can no longer be booked to it.`,
    );
  }
  if (wo.status === 'draft' && !agile) {
    throw new OpError(
      'wo_not_ready',
      `Work order ${wo.code} is still a draft; parts can be booked once it is ready (or with Agile Mode on).`,
    );
  }
}
