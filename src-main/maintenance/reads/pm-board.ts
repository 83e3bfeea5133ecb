// pm.board: the PM schedules of the site's assets (or of one asset), sorted into buckets by what
// the station knows today: overdue (due by date or meter: today or before, or the meter reached the
// due reading), due within 7 or 30 days (by the due date or the forecast date from the asset's
// average use), folded into a bigger service whose work order is open (suppressed), later,
// inactive. The board lists every bucket but "later" and "inactive" (counted only), most urgent
// first. Hours of queued daily logs count on the meters.
import type { CacheDb } from '../../cache/db.ts';
import type { PmBoardRow, PmBucket } from '../../../src-preload/contract/maintenance/pm-reads.ts';
import { ASSET_LABEL, localDay, METER_UNITS } from './labels.ts';

const NEXT_DUE = `min(coalesce(b.due_date, '9999-12-31'), coalesce(b.forecast_date, '9999-12-31'))`;

/** Every schedule in scope with its meter now and its bucket (CTE "b"). */
function bucketed(scope: string): string {
  return `WITH queued_hours AS (
    SELECT key AS asset_id, sum(delta) AS hours FROM pending_effects WHERE entity = 'meter' GROUP BY key
  ), scoped AS (
    SELECT s.id, s.asset_id, s.name, s.is_active, s.meter, s.interval_meter, s.due_date, s.due_meter,
           s.forecast_date, s.why, s.suppressed_by_schedule_id, a.status AS asset_status,
           CASE s.meter WHEN 'odometer' THEN m.current_odometer
                ELSE m.current_run_hours + coalesce(q.hours, 0) END AS meter_now
      FROM pm_schedules s
      JOIN assets a ON a.id = s.asset_id
      LEFT JOIN asset_meters m ON m.asset_id = s.asset_id
      LEFT JOIN queued_hours q ON q.asset_id = s.asset_id
     WHERE ${scope}
  ), b AS (
    SELECT b.*, CASE
        WHEN NOT b.is_active OR b.asset_status = 'disposed' THEN 'inactive'
        WHEN b.suppressed_by_schedule_id IS NOT NULL AND EXISTS (
          SELECT 1 FROM work_orders o WHERE o.pm_schedule_id = b.suppressed_by_schedule_id
             AND o.status IN ('draft', 'ready', 'in_progress')) THEN 'suppressed'
        WHEN b.due_date <= @today OR (b.due_meter IS NOT NULL AND b.meter_now >= b.due_meter) THEN 'overdue'
        WHEN ${NEXT_DUE} <= @week THEN 'week'
        WHEN ${NEXT_DUE} <= @month THEN 'month'
        ELSE 'later' END AS bucket
      FROM scoped b
  )`;
}

interface Row {
  id: string;
  bucket: PmBucket;
  asset_id: string;
  asset_label: string;
  name: string;
  next_due: string | null;
  due_meter: number | null;
  meter_now: number | null;
  meter: string;
  interval_meter: number | null;
  why: string | null;
  wo_id: string | null;
  wo_code: string | null;
  wo_status: string | null;
}

const ORDER: Readonly<Record<PmBucket, number>> = {
  overdue: 0,
  week: 1,
  month: 2,
  suppressed: 3,
  later: 4,
  inactive: 5,
};

export interface PmBoard {
  today: string;
  rows: PmBoardRow[];
  counts: Record<PmBucket, number>;
}

/** The board of the site, or (assetId) one asset's schedules; `all`: the later and inactive too. */
export function pmBoard(db: CacheDb, siteId: string, now: Date, assetId?: string, all = false): PmBoard {
  const today = localDay(now);
  const params = {
    today,
    week: localDay(now, 7),
    month: localDay(now, 30),
    site: siteId,
    asset: assetId ?? '',
  };
  const scope =
    assetId === undefined
      ? `a.location_id IN (SELECT l.id FROM locations l WHERE l.site_id = @site)`
      : `s.asset_id = @asset`;
  const counts = Object.fromEntries(Object.keys(ORDER).map((k) => [k, 0])) as Record<PmBucket, number>;
  const grouped = db
    .prepare(`${bucketed(scope)} SELECT bucket, count(*) AS n FROM b GROUP BY bucket`)
    .all(params) as { bucket: PmBucket; n: number }[];
  for (const row of grouped) counts[row.bucket] = row.n;
  const rows = db
    .prepare(
      `${bucketed(scope)}
       SELECT b.id, b.bucket, b.asset_id, ${ASSET_LABEL} AS asset_label, b.name,
              nullif(${NEXT_DUE}, '9999-12-31') AS next_due, b.due_meter, b.meter_now, b.meter, b.interval_meter,
              b.why, w.id AS wo_id, w.code AS wo_code, w.status AS wo_status
         FROM b
         JOIN assets a ON a.id = b.asset_id
         LEFT JOIN work_orders w ON w.pm_schedule_id = b.id AND w.status IN ('draft', 'ready', 'in_progress')
        ${all ? '' : `WHERE b.bucket NOT IN ('later', 'inactive')`}`,
    )
    .all(params) as Row[];
  rows.sort(
    (a, b) =>
      ORDER[a.bucket] - ORDER[b.bucket] ||
      (a.next_due ?? '9999').localeCompare(b.next_due ?? '9999') ||
      a.asset_label.localeCompare(b.asset_label),
  );
  return {
    today,
    counts,
    rows: rows.map((r) => ({
      id: r.id,
      bucket: r.bucket,
      asset_id: r.asset_id,
      asset_label: r.asset_label,
      name: r.name,
      next_due: r.next_due,
      due_meter: r.due_meter,
      meter_now: r.interval_meter === null ? null : r.meter_now,
      unit: METER_UNITS[r.meter] ?? 'h',
      why: r.why,
      open_wo: r.wo_id === null ? null : { id: r.wo_id, code: r.wo_code ?? '', status: r.wo_status ?? '' },
    })),
  };
}
