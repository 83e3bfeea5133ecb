// meters.history: an asset's run-hour meter (as the machine shows it and as the continuous
// total), its latest readings (synced and queued) and its replaced meters, for the meter reading
// and replacement dialogs.
import type { CacheDb } from '../../cache/db.ts';
import type { MeterHistory } from '../../../src-preload/contract/maintenance/daily-log-reads.ts';
import { currentTotal, offsetAt, queuedReadings, readingsOf } from '../meter-checks.ts';

export function meterHistory(
  db: CacheDb,
  assetId: string,
  limit: number,
  now: Date = new Date(),
): MeterHistory {
  const total = currentTotal(db, assetId, 'run_hours') ?? 0;
  const offset = offsetAt(db, assetId, 'run_hours', now.getTime());
  const readings = readingsOf(db, assetId, 'run_hours')
    .sort((a, b) => b.ms - a.ms)
    .slice(0, limit)
    .map((r) => ({
      id: r.id,
      read_at: new Date(r.ms).toISOString(),
      reading: r.reading,
      total: r.total,
      adjustment: r.adjustment,
      source: r.source,
      reason: r.reason,
      pending: r.pending,
    }));
  const synced = db
    .prepare(
      `SELECT replaced_at, old_final_reading, new_start_reading, reason FROM meter_replacements
        WHERE asset_id = ? AND meter = 'run_hours'`,
    )
    .all(assetId) as MeterHistory['replacements'];
  const queued = queuedReadings(db, assetId, 'run_hours').flatMap((r) =>
    r.replacement
      ? [
          {
            replaced_at: new Date(r.ms).toISOString(),
            old_final_reading: r.replacement.old_final,
            new_start_reading: r.replacement.new_start,
            reason: r.reason ?? '',
          },
        ]
      : [],
  );
  return {
    asset_id: assetId,
    meter: Math.round((total - offset) * 100) / 100,
    total,
    offset,
    readings,
    replacements: [...synced, ...queued].sort((a, b) => (a.replaced_at < b.replaced_at ? 1 : -1)),
  };
}
