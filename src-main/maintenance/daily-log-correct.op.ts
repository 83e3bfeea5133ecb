// daily_log.correct: a day's hours, fuel or notes changed with a reason (the server:
// db/functions/maintenance/op_daily_log_correct.sql). The log may be synced or still queued at
// this station; the meter moves by the difference unless a machine reading counts the day.
import { OpError } from '../core/errors.ts';
import type { OperationHandler } from '../ops/operation-type.ts';
import { addEffect } from '../ops/overlay.ts';
import { formatNumber } from '../../src-preload/contract/maintenance/daily-log-rules.ts';
import { assetLabel, checkDayOpen, checkTank, findLog, requireAsset } from './daily-log-checks.ts';
import { dayCountedByReading } from './meter-checks.ts';

export const dailyLogCorrect: OperationHandler<'daily_log.correct'> = {
  summarize(payload, db) {
    const found = findLog(db, payload.log_id);
    const name = found
      ? (db.prepare('SELECT name FROM assets WHERE id = ?').pluck().get(found.assetId) as string | undefined)
      : undefined;
    return `Correction of the daily log ${found?.date ?? ''} for ${name ?? 'an asset'}: ${payload.run_hours_added} h, ${payload.fuel_liters_added} L (${payload.reason})`;
  },
  applyLocal(ctx, payload) {
    const found = findLog(ctx.db, payload.log_id);
    if (!found) {
      throw new OpError(
        'unknown_log',
        'That daily log does not exist (it may have been refused when it was sent).',
      );
    }
    const { log, date } = found;
    const asset = requireAsset(ctx.db, found.assetId);
    checkTank(asset, payload.fuel_liters_added);
    const notes = payload.notes === undefined ? log.notes : payload.notes === '' ? null : payload.notes;
    const label = assetLabel(asset);
    if (
      payload.expected &&
      (payload.expected.run_hours_added !== log.hours || payload.expected.fuel_liters_added !== log.fuel)
    ) {
      throw new OpError(
        'log_changed',
        `The daily log of ${label} for ${date} was changed meanwhile: it now says ${formatNumber(log.hours)} h and ${formatNumber(log.fuel)} L. Look at it again before correcting.`,
      );
    }
    if (
      payload.run_hours_added === log.hours &&
      payload.fuel_liters_added === log.fuel &&
      notes === log.notes
    ) {
      throw new OpError(
        'no_change',
        `The daily log of ${label} for ${date} already says ${formatNumber(log.hours)} h and ${formatNumber(log.fuel)} L; the correction changes nothing.`,
      );
    }
    checkDayOpen(ctx.db, asset, date);
    const key = `${asset.id}|${date}`;
    addEffect(ctx.db, ctx.opId, 'daily_log_correction', key, 0, {
      log_id: log.id,
      run_hours_added: payload.run_hours_added,
      fuel_liters_added: payload.fuel_liters_added,
      notes,
      anomalies: payload.anomalies ?? log.anomalies,
      old_hours: log.hours,
      old_fuel: log.fuel,
      reason: payload.reason,
    });
    const delta = dayCountedByReading(ctx.db, asset.id, date) ? 0 : payload.run_hours_added - log.hours;
    addEffect(ctx.db, ctx.opId, 'meter', asset.id, Math.round(delta * 100) / 100);
  },
};
