// Optimistic effects of operations the server has not confirmed: deltas keyed by entity and
// natural key (stock: part|warehouse|bin, wallet: technician|part, meter: asset, daily_log:
// asset|date, consumable: work order, with the quantity used and the payload as data). The mirror
// tables stay exact copies of the server; screens add these on top.
import type Database from 'better-sqlite3';

export type EffectEntity = 'stock' | 'wallet' | 'meter' | 'daily_log' | 'consumable';

export function stockKey(partId: string, locationId: string, bin: string): string {
  return `${partId}|${locationId}|${bin}`;
}

export function walletKey(technicianId: string, partId: string): string {
  return `${technicianId}|${partId}`;
}

export function addEffect(
  db: Database.Database,
  opId: string,
  entity: EffectEntity,
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

export function pendingDelta(db: Database.Database, entity: EffectEntity, key: string): number {
  return (
    (db
      .prepare('SELECT coalesce(sum(delta), 0) FROM pending_effects WHERE entity = ? AND key = ?')
      .pluck()
      .get(entity, key) as number | null) ?? 0
  );
}

export function hasPendingEffect(db: Database.Database, entity: EffectEntity, key: string): boolean {
  return (
    db.prepare('SELECT 1 FROM pending_effects WHERE entity = ? AND key = ? LIMIT 1').get(entity, key) !==
    undefined
  );
}
