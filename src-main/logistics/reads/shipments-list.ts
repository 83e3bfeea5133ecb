// shipments.list: the trucks of the station's site. Leaving: loading, on the way, and arrived in
// the last 14 days (so the sending site sees what the destination found); coming: the same;
// returnable passes from here whose goods are not back, overdue first. Trucks opened here offline
// are in it at once.
import type { CacheDb } from '../../cache/db.ts';
import type { ShipmentSummary, ShipmentsList } from '../../../src-preload/contract/logistics/reads.ts';
import type { StationScope } from '../../core/scope.ts';
import { findTruck, openedTruckIds } from '../truck.ts';
import { summarize } from './shipment-summary.ts';

const RECENT_DAYS = 14;

const newestFirst = (a: ShipmentSummary, b: ShipmentSummary): number =>
  (b.dispatched_at ?? b.created_at).localeCompare(a.dispatched_at ?? a.created_at) ||
  b.gate_pass_ref.localeCompare(a.gate_pass_ref);

export function shipmentsList(db: CacheDb, scope: StationScope, now: Date = new Date()): ShipmentsList {
  const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  const ids = db
    .prepare(
      `SELECT id FROM shipments
        WHERE status IN ('loading', 'dispatched') OR received_at >= @since
           OR (is_returnable = 1 AND returned_at IS NULL AND status <> 'cancelled' AND origin_location_id IN
                 (SELECT id FROM locations WHERE site_id = @site))
       UNION SELECT key FROM pending_effects WHERE entity IN ('shipment_open', 'shipment', 'cargo', 'receipt')`,
    )
    .pluck()
    .all({ since, site: scope.siteId }) as string[];
  const all = [...new Set([...ids, ...openedTruckIds(db)])]
    .map((id) => findTruck(db, id))
    .filter((truck) => truck !== null)
    .map((truck) => summarize(db, truck, scope, now));
  const current = (s: ShipmentSummary): boolean =>
    s.status === 'loading' || s.status === 'dispatched' || s.pending || (s.received_at ?? '') >= since;
  const outgoing = all.filter((s) => s.direction === 'outgoing' && s.status !== 'cancelled' && current(s));
  const incoming = all.filter((s) => s.direction === 'incoming' && s.status !== 'cancelled' && current(s));
  const returnable = all
    .filter(
      (s) =>
        s.direction === 'outgoing' && s.is_returnable && s.returned_at === null && s.status !== 'cancelled',
    )
    .filter((s) => s.status !== 'loading')
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        (a.expected_return_date ?? '').localeCompare(b.expected_return_date ?? ''),
    );
  return { outgoing: outgoing.sort(newestFirst), incoming: incoming.sort(newestFirst), returnable };
}
