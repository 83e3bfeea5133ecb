// Whether this station may work on a truck now: load, unload, dispatch or cancel it (it leaves
// from here and is still loading), receive it or finish its receipt (it comes here, is on its way
// and no other station is receiving it). The codes and messages are the server's for the same rule
// (db/functions/logistics/require_loading_here.sql, require_receiving_here.sql), except that the
// station knows no other station's name.
import type { CacheDb } from '../cache/db.ts';
import { OpError } from '../core/errors.ts';
import type { StationScope } from '../core/scope.ts';
import { siteOf, userName, type Truck } from './truck.ts';

/** Who queued the (pending) change that led the truck to its shown state, else the server's actor. */
function actorOf(db: CacheDb, truck: Truck, confirmedActor: string | null): string {
  const op = db
    .prepare(
      `SELECT o.user_id FROM pending_effects e JOIN outbox o ON o.op_id = e.op_id
        WHERE e.entity = 'shipment' AND e.key = ? AND json_extract(e.data, '$.to') = ? ORDER BY e.rowid DESC LIMIT 1`,
    )
    .pluck()
    .get(truck.id, truck.status) as string | undefined;
  return userName(db, op ?? confirmedActor);
}

/** The truck leaves from this site and is loading; done: "loaded", "unloaded", "dispatched", "cancelled". */
export function requireLoadingHere(db: CacheDb, truck: Truck, station: StationScope, done: string): void {
  const ref = truck.gate_pass_ref;
  if (truck.origin_site_id !== station.siteId) {
    throw new OpError('other_site', `${ref} leaves from ${truck.origin_code}; it can only be ${done} there.`);
  }
  if (truck.status === 'dispatched') {
    throw new OpError(
      'already_dispatched',
      `${ref} was already dispatched by ${actorOf(db, truck, truck.dispatched_by_user_id)}; it can no longer be ${done}.`,
    );
  }
  if (truck.status === 'cancelled') {
    throw new OpError(
      'shipment_cancelled',
      `${ref} was cancelled by ${actorOf(db, truck, truck.cancelled_by_user_id)}; it can no longer be ${done}.`,
    );
  }
  if (truck.status !== 'loading') {
    throw new OpError(
      'already_received',
      `${ref} was already received at ${truck.destination_code}; it can no longer be ${done}.`,
    );
  }
}

/** The truck comes to this site, is on its way, and no other station is receiving it. */
export function requireReceivingHere(db: CacheDb, truck: Truck, station: StationScope): void {
  const ref = truck.gate_pass_ref;
  if (truck.destination_site_id !== station.siteId) {
    throw new OpError(
      'wrong_site',
      `${ref} is going to ${truck.destination_code}, not to this site (${siteOf(db, station.siteId).code}).`,
    );
  }
  if (truck.status === 'loading') {
    throw new OpError(
      'not_dispatched',
      `${ref} has not been dispatched yet; it is still loading at ${truck.origin_code}.`,
    );
  }
  if (truck.status === 'cancelled') {
    throw new OpError('shipment_cancelled', `${ref} was cancelled; there is nothing to receive.`);
  }
  if (truck.status !== 'dispatched') {
    throw new OpError(
      'already_received',
      `${ref} was already received by ${actorOf(db, truck, truck.received_by_user_id)}.`,
    );
  }
  if (truck.receiving_station_id !== null && truck.receiving_station_id !== station.stationId) {
    const first = db
      .prepare(
        'SELECT received_by_user_id FROM shipment_receipt_lines WHERE shipment_id = ? ORDER BY received_at, id LIMIT 1',
      )
      .pluck()
      .get(truck.id) as string | undefined;
    throw new OpError(
      'receiving_elsewhere',
      `${ref} is being received at another station by ${userName(db, first ?? null)}; finish it there.`,
    );
  }
}
