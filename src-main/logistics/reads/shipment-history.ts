// A truck's history, newest last: opened, what was loaded and unloaded, dispatched, what came off,
// finished or cancelled, from the rows' own times and people, and the operations queued here that
// the server has not confirmed yet.
import type { CacheDb } from '../../cache/db.ts';
import { formatQty } from '../../core/quantity.ts';
import { userName, type Truck } from '../truck.ts';
import type { CargoNames } from '../cargo-names.ts';

export interface HistoryEvent {
  at: string;
  what: string;
  who: string | null;
  pending: boolean;
}

/** At most this many events: a long manifest's loads, the newest. */
const MAX_EVENTS = 300;

export function truckHistory(db: CacheDb, names: CargoNames, truck: Truck, now: string): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const people = new Map<string, string>();
  const person = (userId: string | null): string | null => {
    if (userId === null) return null;
    let name = people.get(userId);
    if (name === undefined) {
      name = userName(db, userId);
      people.set(userId, name);
    }
    return name;
  };
  const add = (at: string | null, what: string, who: string | null, pending = false): void => {
    if (at !== null) events.push({ at, what, who, pending });
  };
  if (truck.confirmed !== null) {
    add(truck.created_at, `Opened for ${truck.destination_code}`, userName(db, truck.created_by_user_id));
    const movements = db
      .prepare(
        // (Components travel on their unit's truck: counted among this truck's movements, by the
        // shipment's index, not by a look through every movement per line.)
        `SELECT m.asset_id, m.status, m.created_at, m.updated_at, m.loaded_by_user_id, m.is_extra,
                coalesce(c.n, 0) AS components
           FROM asset_movements m
           LEFT JOIN (SELECT parent_movement_id, count(*) AS n FROM asset_movements
                       WHERE shipment_id = ? AND parent_movement_id IS NOT NULL GROUP BY parent_movement_id) c
             ON c.parent_movement_id = m.id
          WHERE m.shipment_id = ? AND m.parent_movement_id IS NULL ORDER BY m.created_at`,
      )
      .all(truck.id, truck.id) as {
      asset_id: string;
      status: string;
      created_at: string;
      updated_at: string;
      loaded_by_user_id: string | null;
      is_extra: number;
      components: number;
    }[];
    names.load({ assets: movements.map((m) => m.asset_id) });
    for (const m of movements) {
      if (m.is_extra === 1) continue;
      const code = names.asset(m.asset_id).code;
      const withC = m.components > 0 ? ` with ${m.components} component${m.components === 1 ? '' : 's'}` : '';
      add(m.created_at, `Loaded ${code}${withC}`, person(m.loaded_by_user_id));
      if (m.status === 'cancelled') add(m.updated_at, `Unloaded ${code}`, null);
    }
    const lines = db
      .prepare(
        `SELECT p.sku, l.qty, l.source_bin, l.status, l.created_at, l.updated_at, l.loaded_by_user_id
           FROM shipment_part_lines l JOIN parts p ON p.id = l.part_id WHERE l.shipment_id = ? ORDER BY l.created_at`,
      )
      .all(truck.id) as {
      sku: string;
      qty: number;
      source_bin: string;
      status: string;
      created_at: string;
      updated_at: string;
      loaded_by_user_id: string | null;
    }[];
    for (const l of lines) {
      add(
        l.created_at,
        `Loaded ${formatQty(l.qty)} x ${l.sku} from ${l.source_bin}`,
        person(l.loaded_by_user_id),
      );
      if (l.status === 'cancelled') add(l.updated_at, `Unloaded ${l.sku} from ${l.source_bin}`, null);
    }
    const seals = db
      .prepare('SELECT seal_number FROM shipment_seals WHERE shipment_id = ? ORDER BY seq')
      .pluck()
      .all(truck.id) as string[];
    add(
      truck.dispatched_at,
      `Dispatched, sealed ${seals.join(', ')}`,
      userName(db, truck.dispatched_by_user_id),
    );
    const receipts = db
      .prepare(
        `SELECT r.asset_id, p.sku, r.qty, r.condition, r.received_at, r.received_by_user_id
           FROM shipment_receipt_lines r LEFT JOIN parts p ON p.id = r.part_id WHERE r.shipment_id = ? ORDER BY r.received_at`,
      )
      .all(truck.id) as {
      asset_id: string | null;
      sku: string | null;
      qty: number | null;
      condition: string;
      received_at: string;
      received_by_user_id: string;
    }[];
    names.load({ assets: receipts.flatMap((r) => (r.asset_id === null ? [] : [r.asset_id])) });
    for (const r of receipts) {
      const what =
        r.asset_id !== null ? names.asset(r.asset_id).code : `${formatQty(r.qty ?? 0)} x ${r.sku ?? '?'}`;
      add(
        r.received_at,
        `Received ${what}${r.condition === 'damaged' ? ' (damaged)' : ''}`,
        person(r.received_by_user_id),
      );
    }
    if (truck.confirmed === 'received' || truck.confirmed === 'received_with_discrepancies') {
      const how = truck.confirmed === 'received' ? 'everything as on the manifest' : 'with discrepancies';
      add(truck.received_at, `Receipt finished: ${how}`, userName(db, truck.received_by_user_id));
    }
    if (truck.confirmed === 'cancelled') {
      add(
        truck.cancelled_at,
        `Cancelled${truck.cancel_reason ? `: ${truck.cancel_reason}` : ''}`,
        userName(db, truck.cancelled_by_user_id),
      );
    }
  }
  // What is queued here about this truck and not confirmed yet.
  const queued = db
    .prepare(
      `SELECT o.summary, o.created_at, u.full_name FROM outbox o LEFT JOIN users u ON u.id = o.user_id
        WHERE o.type LIKE 'shipment.%' AND o.status <> 'rejected' AND o.settled = 0
          AND json_extract(o.payload, '$.shipment_id') = ? ORDER BY o.seq`,
    )
    .all(truck.id) as { summary: string; created_at: string; full_name: string | null }[];
  for (const q of queued) add(q.created_at, q.summary, q.full_name, true);
  events.sort((a, b) => a.at.localeCompare(b.at));
  return events.length > MAX_EVENTS
    ? events.slice(-MAX_EVENTS)
    : events.map((e) => ({ ...e, at: e.at || now }));
}
