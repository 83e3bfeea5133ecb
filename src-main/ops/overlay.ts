// Optimistic effects of operations the server has not confirmed, kept beside the mirror (which
// stays an exact copy of the server): the screens show the mirror with these on top, and they go
// when the operation is rejected (push) or once a pull has brought its effects in (settle).
//
// Two kinds:
// - Numeric deltas keyed by entity and natural key (stock: part|warehouse|bin, wallet:
//   technician|part, meter: asset; daily_log: asset|date and consumable: work order, with the
//   payload as data).
// - State changes of a state machine (a shipment, a work order): the state the operation expects
//   and the state it leads to. pendingState() folds them, in the order they were queued, over the
//   mirror's state, so a screen shows "dispatched (pending)" and the next local check sees it.
import type { CacheDb } from '../cache/db.ts';

export type DeltaEntity =
  | 'stock'
  | 'wallet'
  | 'meter'
  | 'daily_log'
  | 'consumable'
  // Logistics, keyed by the shipment's id, with the operation's details as data: a truck opened
  // here, assets (+1/-1) or parts (+/- qty) loaded or unloaded, scans received off it, its seals.
  | 'shipment_open'
  | 'cargo'
  | 'receipt'
  | 'seals';
/** Entities with a state machine whose pending changes the overlay tracks. */
export type StateEntity = 'shipment' | 'work_order' | 'service_request' | 'pm_schedule';
export type EffectEntity = DeltaEntity | StateEntity;

export function stockKey(partId: string, locationId: string, bin: string): string {
  return `${partId}|${locationId}|${bin}`;
}

export function walletKey(technicianId: string, partId: string): string {
  return `${technicianId}|${partId}`;
}

export function addEffect(
  db: CacheDb,
  opId: string,
  entity: DeltaEntity,
  key: string,
  delta: number,
  data?: unknown,
): void {
  db.prepare('INSERT INTO pending_effects (op_id, entity, key, delta, data) VALUES (?, ?, ?, ?, ?)').run(
    opId,
    entity,
    key,
    delta,
    data === undefined ? null : JSON.stringify(data),
  );
}

export function pendingDelta(db: CacheDb, entity: DeltaEntity, key: string): number {
  return (
    (db
      .prepare('SELECT coalesce(sum(delta), 0) FROM pending_effects WHERE entity = ? AND key = ?')
      .pluck()
      .get(entity, key) as number | null) ?? 0
  );
}

export function hasPendingEffect(db: CacheDb, entity: EffectEntity, key: string): boolean {
  return (
    db.prepare('SELECT 1 FROM pending_effects WHERE entity = ? AND key = ? LIMIT 1').get(entity, key) !==
    undefined
  );
}

/** One queued state change: from one of the expected states to the new one. */
export interface StateChange {
  opId: string;
  from: readonly string[];
  to: string;
}

/**
 * Records that the operation moves the entity from one of the expected states to a new one (e.g. a
 * shipment from loading to dispatched). Like every effect, it is removed when the operation is
 * rejected or settled.
 */
export function addStateChange(
  db: CacheDb,
  opId: string,
  entity: StateEntity,
  id: string,
  from: string | readonly string[],
  to: string,
): void {
  const expected = typeof from === 'string' ? [from] : [...from];
  db.prepare('INSERT INTO pending_effects (op_id, entity, key, delta, data) VALUES (?, ?, ?, 0, ?)').run(
    opId,
    entity,
    id,
    JSON.stringify({ from: expected, to }),
  );
}

export interface PendingState {
  /** The state the screens show: the mirror's, with the queued changes applied in order. */
  state: string;
  /** The mirror's (the server's last known) state. */
  confirmed: string;
  /** The queued changes still waiting for the server, oldest first. */
  changes: StateChange[];
  /**
   * A queued change that expected another state than the one before it (the server will refuse
   * it): its operation, or null.
   */
  conflict: string | null;
}

/** The entity's state as the station sees it: the mirror's state and the queued changes. */
export function pendingState(db: CacheDb, entity: StateEntity, id: string, confirmed: string): PendingState {
  const rows = db
    .prepare('SELECT op_id, data FROM pending_effects WHERE entity = ? AND key = ? ORDER BY rowid')
    .all(entity, id) as { op_id: string; data: string }[];
  let state = confirmed;
  let conflict: string | null = null;
  const changes = rows.map((row): StateChange => {
    const { from, to } = JSON.parse(row.data) as { from: string[]; to: string };
    if (from.includes(state)) state = to;
    else conflict ??= row.op_id;
    return { opId: row.op_id, from, to };
  });
  return { state, confirmed, changes, conflict };
}
