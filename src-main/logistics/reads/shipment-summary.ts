// One truck in a list: who, where, what state, how much is on it (the mirror with what is queued).
import type { CacheDb } from '../../cache/db.ts';
import type { ShipmentSummary } from '../../../src-preload/contract/logistics/reads.ts';
import type { StationScope } from '../../core/scope.ts';
import { truckAssets, truckParts } from '../cargo.ts';
import type { Truck } from '../truck.ts';

/** Today (YYYY-MM-DD) by the station's clock: only to say "overdue", never to order anything. */
export function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function summarize(db: CacheDb, truck: Truck, scope: StationScope, now: Date): ShipmentSummary {
  const assets = [...truckAssets(db, truck).values()].filter((a) => a.status !== 'extra').length;
  const seals =
    (db
      .prepare('SELECT count(*) FROM shipment_seals WHERE shipment_id = ?')
      .pluck()
      .get(truck.id) as number) ||
    (db
      .prepare(
        `SELECT json_array_length(data, '$.seals') FROM pending_effects WHERE entity = 'seals' AND key = ?
                   AND json_extract(data, '$.seals') IS NOT NULL`,
      )
      .pluck()
      .get(truck.id) as number | undefined) ||
    0;
  const discrepancies = db
    .prepare('SELECT count(*) FROM shipment_discrepancies WHERE shipment_id = ?')
    .pluck()
    .get(truck.id) as number;
  const back = truck.returned_at !== null;
  return {
    id: truck.id,
    gate_pass_ref: truck.gate_pass_ref,
    status: truck.status,
    pending: truck.pending,
    direction: truck.origin_site_id === scope.siteId ? 'outgoing' : 'incoming',
    origin_code: truck.origin_code,
    destination_code: truck.destination_code,
    vehicle_reg: truck.vehicle_reg,
    trailer_reg: truck.trailer_reg,
    driver_name: truck.driver_name,
    assets,
    part_lines: truckParts(db, truck).length,
    seals,
    discrepancies,
    created_at: truck.created_at,
    dispatched_at: truck.dispatched_at,
    received_at: truck.received_at,
    is_returnable: truck.is_returnable,
    expected_return_date: truck.expected_return_date,
    returned_at: truck.returned_at,
    overdue:
      truck.is_returnable &&
      !back &&
      truck.expected_return_date !== null &&
      truck.expected_return_date < today(now),
  };
}
