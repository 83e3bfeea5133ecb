// One truck as the station sees it: the mirror's shipment, or one opened here and not confirmed
// yet (a pending shipment.open, kept in the overlay as 'shipment_open'), with its state folded from
// the queued state changes (dispatched, cancelled, received: pendingState).
import type { CacheDb } from '../cache/db.ts';
import type { ShipmentStatusName } from '../../src-preload/contract/logistics/reads.ts';
import { OpError } from '../core/errors.ts';
import { pendingState } from '../ops/overlay.ts';

/** What shipment.open records in the overlay for a truck the server does not know yet. */
export interface OpenedTruck {
  gate_pass_ref: string;
  origin_location_id: string;
  destination_location_id: string;
  vehicle_reg: string;
  trailer_reg: string | null;
  driver_name: string;
  driver_id_number: string;
  jms_reference: string | null;
  is_returnable: boolean;
  expected_return_date: string | null;
  return_of_shipment_id: string | null;
  notes: string | null;
  created_by_user_id: string;
  created_at: string;
}

export interface Truck extends OpenedTruck {
  id: string;
  origin_site_id: string;
  destination_site_id: string;
  /** Site codes, as messages say them (ACME-NBO). */
  origin_code: string;
  destination_code: string;
  /** The state shown: the server's with the queued changes on top. */
  status: ShipmentStatusName;
  /** The server's state; null for a truck opened here and not confirmed yet. */
  confirmed: ShipmentStatusName | null;
  dispatched_at: string | null;
  dispatched_by_user_id: string | null;
  received_at: string | null;
  received_by_user_id: string | null;
  cancelled_by_user_id: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  receiving_station_id: string | null;
  receipt_note: string | null;
  returned_at: string | null;
  /** Some operation on it is queued here and not confirmed yet. */
  pending: boolean;
}

interface Site {
  site_id: string;
  code: string;
}

/** The site of a location and the site's code. */
export function siteOf(db: CacheDb, locationId: string): Site {
  const row = db
    .prepare(
      'SELECT s.id AS site_id, s.code FROM locations l JOIN locations s ON s.id = l.site_id WHERE l.id = ?',
    )
    .get(locationId) as Site | undefined;
  return row ?? { site_id: '', code: '?' };
}

/** A user's full name for messages ("someone" when unknown). */
export function userName(db: CacheDb, userId: string | null): string {
  if (userId === null) return 'someone';
  return (
    (db.prepare('SELECT full_name FROM users WHERE id = ?').pluck().get(userId) as string | undefined) ??
    'someone'
  );
}

const MIRROR_SQL = `SELECT s.id, s.gate_pass_ref, s.origin_location_id, s.destination_location_id, s.vehicle_reg,
    s.trailer_reg, s.driver_name, s.driver_id_number, s.jms_reference, s.is_returnable, s.expected_return_date,
    s.return_of_shipment_id, s.notes, s.created_by_user_id, s.created_at, s.status, s.dispatched_at,
    s.dispatched_by_user_id, s.received_at, s.received_by_user_id, s.cancelled_by_user_id, s.cancel_reason,
    s.receiving_station_id, s.receipt_note, s.returned_at, s.cancelled_at
  FROM shipments s`;

type MirrorRow = Omit<
  Truck,
  | 'origin_site_id'
  | 'destination_site_id'
  | 'origin_code'
  | 'destination_code'
  | 'confirmed'
  | 'pending'
  | 'is_returnable'
> & { is_returnable: number };

function build(
  db: CacheDb,
  id: string,
  base: Omit<MirrorRow, 'id'> | null,
  opened: OpenedTruck | null,
): Truck | null {
  const head: OpenedTruck | null = base ? { ...base, is_returnable: base.is_returnable === 1 } : opened;
  if (!head) return null;
  const confirmed = base ? base.status : null;
  const state = pendingState(db, 'shipment', id, confirmed ?? 'loading');
  const origin = siteOf(db, head.origin_location_id);
  const destination = siteOf(db, head.destination_location_id);
  const pending =
    opened !== null ||
    state.changes.length > 0 ||
    db
      .prepare(`SELECT 1 FROM pending_effects WHERE key = ? AND entity IN ('cargo', 'receipt') LIMIT 1`)
      .get(id) !== undefined;
  return {
    dispatched_at: null,
    dispatched_by_user_id: null,
    received_at: null,
    received_by_user_id: null,
    cancelled_by_user_id: null,
    cancelled_at: null,
    cancel_reason: null,
    receiving_station_id: null,
    receipt_note: null,
    returned_at: null,
    ...(base ?? {}),
    ...head,
    id,
    origin_site_id: origin.site_id,
    destination_site_id: destination.site_id,
    origin_code: origin.code,
    destination_code: destination.code,
    status: state.state as ShipmentStatusName,
    confirmed,
    pending,
  };
}

function openedHere(db: CacheDb, id: string): OpenedTruck | null {
  const data = db
    .prepare(
      `SELECT data FROM pending_effects WHERE entity = 'shipment_open' AND key = ? ORDER BY rowid LIMIT 1`,
    )
    .pluck()
    .get(id) as string | undefined;
  return data === undefined ? null : (JSON.parse(data) as OpenedTruck);
}

/** The truck with this id, from the mirror or opened here; null when the station knows none. */
export function findTruck(db: CacheDb, id: string): Truck | null {
  const row = db.prepare(`${MIRROR_SQL} WHERE s.id = ?`).get(id) as MirrorRow | undefined;
  return build(db, id, row ?? null, row ? null : openedHere(db, id));
}

export function requireTruck(db: CacheDb, id: string): Truck {
  const truck = findTruck(db, id);
  if (!truck) throw new OpError('unknown_shipment', 'That shipment does not exist.');
  return truck;
}

/** The id of the truck with this gate pass reference (mirror or opened here), if any. */
export function truckIdByGatePass(db: CacheDb, ref: string): string | null {
  const mirror = db.prepare('SELECT id FROM shipments WHERE gate_pass_ref = ?').pluck().get(ref) as
    string | undefined;
  if (mirror !== undefined) return mirror;
  const opened = db
    .prepare(
      `SELECT key FROM pending_effects WHERE entity = 'shipment_open' AND json_extract(data, '$.gate_pass_ref') = ?`,
    )
    .pluck()
    .get(ref) as string | undefined;
  return opened ?? null;
}

/** The ids of the trucks opened here and not confirmed yet. */
export function openedTruckIds(db: CacheDb): string[] {
  return db
    .prepare(`SELECT DISTINCT key FROM pending_effects WHERE entity = 'shipment_open'`)
    .pluck()
    .all() as string[];
}

/** A truck as a clerk says it on the radio, with where it is ("GP-NBO1-0042 loading at ACME-NBO"). */
export function truckLabel(truck: Truck): string {
  if (truck.status === 'loading') return `${truck.gate_pass_ref} loading at ${truck.origin_code}`;
  if (truck.status === 'dispatched') {
    return `${truck.gate_pass_ref}, in transit from ${truck.origin_code} to ${truck.destination_code}`;
  }
  return truck.gate_pass_ref;
}
