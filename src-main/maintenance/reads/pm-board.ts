// pm.board: the PM schedules of the site's assets (or of one asset), sorted into buckets by what
// the station knows today: overdue (due by date or meter: today or before, or the meter reached the
// due reading), due within 7 or 30 days (by the due date or the forecast date from the asset's
// average use), folded into a bigger service whose work order is open (suppressed), later,
// inactive. The board lists every bucket but "later" and "inactive" (counted only), most urgent
// first, at most `limit` rows of each (the counts are whole). Hours of queued daily logs count on
// the meters.
import type { CacheDb } from '../../cache/db.ts';
import type { PmBoardRow, PmBucket } from '../../../src-preload/contract/maintenance/pm-reads.ts';
import { ASSET_LABEL, localDay, METER_UNITS } from './labels.ts';

const NEXT_DUE = `min(coalesce(s.due_date, '9999-12-31'), coalesce(s.forecast_date, '9999-12-31'))`;

/**
 * The schedules in scope with their buckets (CTE "b", materialized once: id, asset, next due "nd",
 * meter now, bucket) and the whole count of each bucket (CTE "counts"). The assets in scope come
 * first with their meters (queued daily-log hours added), so a meter is read once per asset; "b"
 * carries only narrow columns, and the schedule's own columns are read again for the rows returned.
 */
function bucketed(assetScope: string): string {
  return `WITH queued_hours AS (
    SELECT key AS asset_id, sum(delta) AS hours FROM pending_effects WHERE entity = 'meter' GROUP BY key
  ), sa AS MATERIALIZED (
    SELECT a.id, a.status, m.current_run_hours + coalesce(q.hours, 0) AS hours, m.current_odometer AS km
      FROM assets a
      LEFT JOIN asset_meters m ON m.asset_id = a.id
      LEFT JOIN queued_hours q ON q.asset_id = a.id
     WHERE ${assetScope}
  ), b AS MATERIALIZED (
    SELECT s.id, s.asset_id, ${NEXT_DUE} AS nd,
           CASE s.meter WHEN 'odometer' THEN sa.km ELSE sa.hours END AS meter_now,
           CASE
             WHEN NOT s.is_active OR sa.status = 'disposed' THEN 'inactive'
             WHEN s.suppressed_by_schedule_id IS NOT NULL AND EXISTS (
               SELECT 1 FROM work_orders o WHERE o.pm_schedule_id = s.suppressed_by_schedule_id
                  AND o.status IN ('draft', 'ready', 'in_progress')) THEN 'suppressed'
             WHEN s.due_date <= @today
               OR (s.due_meter IS NOT NULL AND CASE s.meter WHEN 'odometer' THEN sa.km ELSE sa.hours END >= s.due_meter)
               THEN 'overdue'
             WHEN ${NEXT_DUE} <= @week THEN 'week'
             WHEN ${NEXT_DUE} <= @month THEN 'month'
             ELSE 'later' END AS bucket
      FROM sa JOIN pm_schedules s ON s.asset_id = sa.id
  ), counts AS (
    SELECT bucket, count(*) AS total FROM b GROUP BY bucket
  )`;
}

/**
 * The most urgent `@limit` schedules of each listed bucket: one top-N pass over "b" per bucket
 * (SQLite keeps only N rows in its sorter, where ranking every schedule meant sorting them all).
 */
function picked(buckets: readonly PmBucket[]): string {
  return buckets
    .map(
      (bucket) =>
        `SELECT * FROM (SELECT id, bucket, meter_now, nd FROM b WHERE bucket = '${bucket}'
            ORDER BY nd, asset_id, id LIMIT @limit)`,
    )
    .join(' UNION ALL ');
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

/** Rows of each bucket the board shows unless asked for more (a big site has thousands). */
export const BOARD_ROWS_PER_BUCKET = 200;

export interface PmBoardOptions {
  assetId?: string | undefined;
  /** The later and inactive schedules too (the asset card lists all of an asset's). */
  all?: boolean;
  /** At most this many rows per bucket, most urgent first (the counts are always whole). */
  limit?: number;
}

/**
 * The board of the site, or of one asset: one pass over the schedules in scope puts each in its
 * bucket and counts the buckets; the most urgent of each listed bucket are picked from that pass,
 * and names, labels and open work orders are read only for them. A bucket with nothing listed
 * still comes back as one row without a schedule, for its count.
 */
export function pmBoard(db: CacheDb, siteId: string, now: Date, options: PmBoardOptions = {}): PmBoard {
  const today = localDay(now);
  const all = options.all === true;
  const params = {
    today,
    week: localDay(now, 7),
    month: localDay(now, 30),
    site: siteId,
    asset: options.assetId ?? '',
    limit: options.limit ?? BOARD_ROWS_PER_BUCKET,
  };
  const assetScope =
    options.assetId === undefined
      ? `a.location_id IN (SELECT l.id FROM locations l WHERE l.site_id = @site)`
      : `a.id = @asset`;
  const listed = (Object.keys(ORDER) as PmBucket[]).filter((b) => all || (b !== 'later' && b !== 'inactive'));
  const rows = db
    .prepare(
      `${bucketed(assetScope)}, p AS (${picked(listed)})
       SELECT c.bucket, c.total, p.id, s.asset_id, ${ASSET_LABEL} AS asset_label, s.name,
              nullif(p.nd, '9999-12-31') AS next_due, s.due_meter, p.meter_now, s.meter, s.interval_meter,
              s.why, w.id AS wo_id, w.code AS wo_code, w.status AS wo_status
         FROM counts c
         LEFT JOIN p ON p.bucket = c.bucket
         LEFT JOIN pm_schedules s ON s.id = p.id
         LEFT JOIN assets a ON a.id = s.asset_id
         LEFT JOIN work_orders w ON w.pm_schedule_id = p.id AND w.status IN ('draft', 'ready', 'in_progress')`,
    )
    .all(params) as (Omit<Row, 'id'> & { id: string | null; total: number })[];
  const counts = Object.fromEntries(Object.keys(ORDER).map((k) => [k, 0])) as Record<PmBucket, number>;
  for (const row of rows) counts[row.bucket] = row.total;
  const shown = rows.filter((r): r is Row & { total: number } => r.id !== null);
  shown.sort(
    (a, b) =>
      ORDER[a.bucket] - ORDER[b.bucket] ||
      (a.next_due ?? '9999').localeCompare(b.next_due ?? '9999') ||
      a.asset_label.localeCompare(b.asset_label),
  );
  return {
    today,
    counts,
    rows: shown.map((r) => ({
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
