// assets.card: one machine as a supervisor or technician wants to see it: its codes, where it is
// (the location path, and the truck it is on while in transit), its meters with the last reading
// and average daily use (queued daily logs shown apart), the PM status of each schedule, its open
// work orders and requests, its components, and its recent history (work orders closed, PM
// services done or skipped, daily logs).
import type { CacheDb } from '../../cache/db.ts';
import type { AssetCard } from '../../../src-preload/contract/maintenance/asset-card-reads.ts';
import { OpError } from '../../core/errors.ts';
import { pendingDelta } from '../../ops/overlay.ts';
import { pmBoard } from './pm-board.ts';
import { workOrderList } from './work-order-list.ts';
import { requestQueue } from './requests.ts';

interface AssetRow {
  id: string;
  name: string;
  category: string | null;
  make: string | null;
  model: string | null;
  serial_number: string | null;
  status: string;
  location_id: string;
  parent_id: string | null;
  parent_name: string | null;
}

function locationPath(db: CacheDb, locationId: string): string[] {
  const path: string[] = [];
  const step = db.prepare('SELECT name, parent_id FROM locations WHERE id = ?');
  let id: string | null = locationId;
  for (let depth = 0; id !== null && depth < 10; depth++) {
    const row = step.get(id) as { name: string; parent_id: string | null } | undefined;
    if (!row) break;
    path.unshift(row.name);
    id = row.parent_id;
  }
  return path;
}

function history(db: CacheDb, assetId: string): AssetCard['history'] {
  const events = db
    .prepare(
      `SELECT w.closed_at AS at, 'Closed ' || w.code || ': ' || w.title AS what
         FROM work_orders w WHERE w.asset_id = @asset AND w.status = 'closed'
       UNION ALL
       SELECT c.completed_on, CASE c.kind WHEN 'done' THEN s.name || ' done'
                                           WHEN 'folded' THEN s.name || ' done with a bigger service'
                                           ELSE s.name || ' skipped: ' || coalesce(c.note, '') END
                || CASE WHEN c.meter IS NOT NULL THEN ' at ' || c.meter END
         FROM pm_completions c JOIN pm_schedules s ON s.id = c.schedule_id WHERE s.asset_id = @asset
       UNION ALL
       SELECT l.date, 'Daily log: ' || l.run_hours_added || ' h, ' || l.fuel_liters_added || ' L'
                || coalesce(' (' || l.notes || ')', '')
         FROM daily_logs l WHERE l.asset_id = @asset
       ORDER BY 1 DESC LIMIT 12`,
    )
    .all({ asset: assetId }) as { at: string; what: string }[];
  return events;
}

export function assetCard(db: CacheDb, assetId: string, siteId: string, now: Date): AssetCard {
  const a = db
    .prepare(
      `SELECT a.id, a.name, a.category, a.make, a.model, a.serial_number, a.status, a.location_id, a.parent_id,
              p.name AS parent_name
         FROM assets a LEFT JOIN assets p ON p.id = a.parent_id WHERE a.id = ?`,
    )
    .get(assetId) as AssetRow | undefined;
  if (!a) throw new OpError('unknown_asset', 'That asset does not exist.');
  const codes = (
    db
      .prepare('SELECT client_code, qr_token, barcode_manufacturer FROM asset_identities WHERE asset_id = ?')
      .all(assetId) as {
      client_code: string | null;
      qr_token: string | null;
      barcode_manufacturer: string | null;
    }[]
  ).flatMap((i) =>
    [
      ['Client code', i.client_code],
      ['QR token', i.qr_token],
      ['Manufacturer barcode', i.barcode_manufacturer],
    ]
      .filter((pair): pair is [string, string] => pair[1] !== null)
      .map(([label, value]) => ({ label, value })),
  );
  const transit = db
    .prepare(
      `SELECT m.gate_pass_ref, f.name AS "from", t.name AS "to", m.status
         FROM asset_movements m JOIN locations f ON f.id = m.from_location_id JOIN locations t ON t.id = m.to_location_id
        WHERE m.asset_id = ? AND m.status IN ('loaded', 'in_transit') LIMIT 1`,
    )
    .get(assetId) as AssetCard['in_transit'] | undefined;
  const meter = db
    .prepare(
      `SELECT m.current_run_hours, m.current_odometer, m.last_updated_at, u.run_hours_per_day, u.run_hours_days,
              u.odometer_per_day, u.odometer_days
         FROM asset_meters m LEFT JOIN asset_usage u ON u.asset_id = m.asset_id WHERE m.asset_id = ?`,
    )
    .get(assetId) as
    | {
        current_run_hours: number;
        current_odometer: number | null;
        last_updated_at: string;
        run_hours_per_day: number | null;
        run_hours_days: number | null;
        odometer_per_day: number | null;
        odometer_days: number | null;
      }
    | undefined;
  const meters: AssetCard['meters'] = [];
  if (meter) {
    meters.push({
      label: 'Run hours',
      value: meter.current_run_hours,
      unit: 'h',
      pending: pendingDelta(db, 'meter', assetId),
      last_reading_at: meter.last_updated_at,
      per_day: meter.run_hours_per_day,
      per_day_days: meter.run_hours_days,
    });
    if (meter.current_odometer !== null)
      meters.push({
        label: 'Odometer',
        value: meter.current_odometer,
        unit: 'km',
        pending: 0,
        last_reading_at: meter.last_updated_at,
        per_day: meter.odometer_per_day,
        per_day_days: meter.odometer_days,
      });
  }
  const components = db
    .prepare(
      `SELECT c.id, c.name, (SELECT i.client_code FROM asset_identities i WHERE i.asset_id = c.id
                               AND i.client_code IS NOT NULL LIMIT 1) AS code
         FROM assets c WHERE c.parent_id = ? ORDER BY c.name`,
    )
    .all(assetId) as AssetCard['components'];
  return {
    id: a.id,
    name: a.name,
    codes,
    category: a.category,
    make_model: [a.make, a.model].filter(Boolean).join(' ') || null,
    serial_number: a.serial_number,
    status: a.status,
    location_path: locationPath(db, a.location_id),
    parent: a.parent_id === null ? null : { id: a.parent_id, name: a.parent_name ?? '' },
    in_transit: transit ?? null,
    meters,
    schedules: pmBoard(db, siteId, now, { assetId, all: true, limit: 1000 }).rows,
    work_orders: workOrderList(db, { asset_id: assetId }, now).rows.map((w) => ({
      id: w.id,
      code: w.code,
      title: w.title,
      status: w.status,
    })),
    requests: requestQueue(db)
      .rows.filter((r) => r.asset_id === assetId)
      .map((r) => ({ id: r.id, description: r.description, reported_at: r.reported_at })),
    components,
    history: history(db, assetId),
  };
}
