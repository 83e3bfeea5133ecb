// What has come off a truck at the destination as the station sees it: the mirror's receipt lines
// with the queued receipts on top (overlay entity 'receipt', keyed by the shipment).
import type { CacheDb } from '../cache/db.ts';
import { round3 } from '../core/quantity.ts';
import type { AssetOnTruck } from './cargo.ts';
import type { Truck } from './truck.ts';

/** A queued receipt, as recorded in the overlay (delta: 1 for an asset, the quantity for parts). */
export type ReceiptEffect =
  | {
      kind: 'asset';
      asset_id: string;
      condition: 'ok' | 'damaged';
      note: string | null;
      /** manifest, extra, or wrong_item (on another truck, named). */
      found: 'manifest' | 'extra' | 'wrong_item';
      other_gate_pass: string | null;
    }
  | {
      kind: 'part';
      part_id: string;
      location_id: string;
      bin: string;
      qty: number;
      extra_qty: number;
      condition: 'ok' | 'damaged';
      note: string | null;
    };

/** A queued receipt with the time it was scanned here (its operation's queue time). */
export type QueuedReceipt = ReceiptEffect & { queued_at: string | null };

export function pendingReceipts(db: CacheDb, shipmentId: string): QueuedReceipt[] {
  const rows = db
    .prepare(
      `SELECT e.data, o.created_at FROM pending_effects e LEFT JOIN outbox o ON o.op_id = e.op_id
        WHERE e.entity = 'receipt' AND e.key = ? ORDER BY e.rowid`,
    )
    .all(shipmentId) as { data: string; created_at: string | null }[];
  return rows.map((row) => ({ ...(JSON.parse(row.data) as ReceiptEffect), queued_at: row.created_at }));
}

/**
 * The assets that came off the truck: each scanned one (mirror or queued) and, for one on the
 * manifest, the components that came with it. Value: the unit it came with (null: scanned itself).
 */
export function receivedAssets(
  db: CacheDb,
  truck: Truck,
  onTruck: ReadonlyMap<string, AssetOnTruck>,
): Map<string, string | null> {
  const scanned = db
    .prepare('SELECT asset_id FROM shipment_receipt_lines WHERE shipment_id = ? AND asset_id IS NOT NULL')
    .pluck()
    .all(truck.id) as string[];
  for (const r of pendingReceipts(db, truck.id)) if (r.kind === 'asset') scanned.push(r.asset_id);
  const received = new Map<string, string | null>();
  for (const id of scanned) received.set(id, null);
  for (const unit of scanned) {
    const queue = [unit];
    while (queue.length > 0) {
      const parent = queue.shift() ?? '';
      for (const a of onTruck.values()) {
        if (a.parent_asset_id === parent && !received.has(a.asset_id)) {
          received.set(a.asset_id, unit);
          queue.push(a.asset_id);
        }
      }
    }
  }
  // Received by the server (e.g. by another scan of this station already pulled).
  for (const a of onTruck.values())
    if (a.status === 'received' && !received.has(a.asset_id)) received.set(a.asset_id, null);
  return received;
}

/** What the manifest still has in transit of a part: its lines' qty - received_qty, less queued receipts. */
export function remainingOfPart(db: CacheDb, truck: Truck, partId: string): number {
  const onLines = db
    .prepare(
      `SELECT total(qty - received_qty) FROM shipment_part_lines
        WHERE shipment_id = ? AND part_id = ? AND status = 'in_transit'`,
    )
    .pluck()
    .get(truck.id, partId) as number;
  let queued = 0;
  for (const r of pendingReceipts(db, truck.id))
    if (r.kind === 'part' && r.part_id === partId) queued += r.qty - r.extra_qty;
  return Math.max(0, round3(onLines - queued));
}
