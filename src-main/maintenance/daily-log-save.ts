// dailyLog.save: the grid's good rows queued at once, each row one daily_log.record operation with
// the id the grid chose for it. A batch is all or nothing (ops/submit.ts); a row the station
// refuses (e.g. another station's log of that asset and day arrived meanwhile) is taken out with
// its reason and the others are queued in a new attempt, so nothing is half-saved: each row is
// either queued whole or refused whole. A row whose operation is already queued (Save pressed
// twice) is reported queued again and not queued twice.
import type { StationCache } from '../cache/station-cache.ts';
import type {
  DailyLogSaveResult,
  DailyLogSaveRow,
} from '../../src-preload/contract/maintenance/daily-log-reads.ts';
import type { StationScope } from '../core/scope.ts';
import { BatchError, submitBatch, type SubmitInput } from '../ops/submit.ts';
import { maintenanceOperationHandlers } from './operations.ts';

export function saveDailyLogGrid(
  cache: StationCache,
  scope: StationScope,
  userId: string,
  date: string,
  rows: readonly DailyLogSaveRow[],
  now: Date = new Date(),
): DailyLogSaveResult {
  const result: DailyLogSaveResult = { queued: [], refused: [] };
  const known = cache.writer.prepare('SELECT 1 FROM outbox WHERE op_id = ?');
  let todo = rows.filter((row) => {
    if (known.get(row.op_id) === undefined) return true;
    result.queued.push({ asset_id: row.asset_id, op_id: row.op_id });
    return false;
  });
  while (todo.length > 0) {
    const inputs: SubmitInput[] = todo.map((row) => ({
      type: 'daily_log.record',
      userId,
      opId: row.op_id,
      payload: {
        log_id: row.log_id,
        asset_id: row.asset_id,
        date,
        run_hours_added: row.run_hours_added,
        fuel_liters_added: row.fuel_liters_added,
        ...(row.notes ? { notes: row.notes } : {}),
        ...(row.anomalies && row.anomalies.length > 0 ? { anomalies: row.anomalies } : {}),
      },
    }));
    try {
      submitBatch(maintenanceOperationHandlers, cache, scope, inputs, now);
      for (const row of todo) result.queued.push({ asset_id: row.asset_id, op_id: row.op_id });
      todo = [];
    } catch (error) {
      if (!(error instanceof BatchError)) throw error;
      const bad = todo[error.index];
      if (!bad) throw error;
      result.refused.push({ asset_id: bad.asset_id, code: error.code, message: error.message });
      todo = todo.filter((_, i) => i !== error.index);
    }
  }
  return result;
}
