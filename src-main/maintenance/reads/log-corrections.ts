// dailyLog.corrections: the history of a daily log's corrections (old and new values, reason,
// who, when), synced and queued, oldest first.
import type { CacheDb } from '../../cache/db.ts';
import type { DailyLogCorrections } from '../../../src-preload/contract/maintenance/daily-log-reads.ts';

export function logCorrections(db: CacheDb, logId: string): DailyLogCorrections {
  const synced = db
    .prepare(
      `SELECT c.old_run_hours_added AS old_hours, c.new_run_hours_added AS new_hours,
              c.old_fuel_liters_added AS old_fuel, c.new_fuel_liters_added AS new_fuel, c.reason,
              (SELECT full_name FROM users WHERE id = c.corrected_by_user_id) AS corrected_by,
              c.created_at AS corrected_at
         FROM daily_log_corrections c WHERE c.daily_log_id = ? ORDER BY c.created_at`,
    )
    .all(logId) as Omit<DailyLogCorrections[number], 'pending'>[];
  const queued = (
    db
      .prepare(
        `SELECT e.data, o.created_at, (SELECT full_name FROM users WHERE id = o.user_id) AS by
           FROM pending_effects e JOIN outbox o ON o.op_id = e.op_id
          WHERE e.entity = 'daily_log_correction' ORDER BY e.rowid`,
      )
      .all() as { data: string; created_at: string; by: string | null }[]
  ).flatMap((row) => {
    const c = JSON.parse(row.data) as {
      log_id: string;
      old_hours: number;
      old_fuel: number;
      run_hours_added: number;
      fuel_liters_added: number;
      reason: string;
    };
    if (c.log_id !== logId) return [];
    return [
      {
        old_hours: c.old_hours,
        new_hours: c.run_hours_added,
        old_fuel: c.old_fuel,
        new_fuel: c.fuel_liters_added,
        reason: c.reason,
        corrected_by: row.by,
        corrected_at: row.created_at,
        pending: true,
      },
    ];
  });
  return [...synced.map((c) => ({ ...c, pending: false })), ...queued];
}
