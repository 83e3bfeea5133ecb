// Small pieces the maintenance reads share: how an asset is named on a list (its client code, else
// its name), the station's today, and the queued state changes of work orders and requests.
import type { CacheDb } from '../../cache/db.ts';
import { pendingState, type StateEntity } from '../../ops/overlay.ts';

/** SQL for an asset's label (alias a for assets): its first client code, else its name. */
export const ASSET_LABEL = `coalesce((SELECT i.client_code FROM asset_identities i
   WHERE i.asset_id = a.id AND i.client_code IS NOT NULL ORDER BY i.client_code LIMIT 1), a.name)`;

/** YYYY-MM-DD in the station's time zone, `days` from now. */
export function localDay(now: Date, days = 0): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The ids with queued state changes of an entity (work orders, requests). */
export function pendingStateIds(db: CacheDb, entity: StateEntity): Set<string> {
  return new Set(
    db.prepare('SELECT DISTINCT key FROM pending_effects WHERE entity = ?').pluck().all(entity) as string[],
  );
}

/** The state the station shows for one row, and whether a change of it is queued. */
export function shownState(
  db: CacheDb,
  entity: StateEntity,
  queued: Set<string>,
  id: string,
  state: string,
): { state: string; pending: boolean } {
  if (!queued.has(id)) return { state, pending: false };
  return { state: pendingState(db, entity, id, state).state, pending: true };
}

export const METER_UNITS: Readonly<Record<string, string>> = { run_hours: 'h', odometer: 'km' };
