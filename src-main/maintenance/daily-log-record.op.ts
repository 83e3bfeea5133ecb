// daily_log.record: a supervisor's run hours and fuel for one asset and day (the server:
// db/functions/maintenance/op_daily_log_record.sql). One log per asset and day, not on a submitted
// day, fuel within the tank; the meter moves by the hours unless a machine reading already counts
// the day.
import { OpError } from '../core/errors.ts';
import type { OperationHandler } from '../ops/operation-type.ts';
import { addEffect } from '../ops/overlay.ts';
import { formatNumber } from '../../src-preload/contract/maintenance/daily-log-rules.ts';
import { assetLabel, checkDay, checkDayOpen, checkTank, dayLog, requireAsset } from './daily-log-checks.ts';
import { dayCountedByReading } from './meter-checks.ts';

export const dailyLogRecord: OperationHandler<'daily_log.record'> = {
  summarize(payload, db) {
    const name = db.prepare('SELECT name FROM assets WHERE id = ?').pluck().get(payload.asset_id) as
      string | undefined;
    return `Daily log ${payload.date} for ${name ?? 'an asset'}: ${payload.run_hours_added} h, ${payload.fuel_liters_added} L`;
  },
  applyLocal(ctx, payload) {
    const asset = requireAsset(ctx.db, payload.asset_id);
    checkDay(payload.date, ctx.now, 'A daily log cannot be for a future day.');
    checkTank(asset, payload.fuel_liters_added);
    checkDayOpen(ctx.db, asset, payload.date);
    const existing = dayLog(ctx.db, asset.id, payload.date);
    if (existing) {
      throw new OpError(
        'duplicate_daily_log',
        `${assetLabel(asset)} already has a daily log for ${payload.date}: ${formatNumber(existing.hours)} h and ${formatNumber(existing.fuel)} L` +
          `${existing.supervisor ? ` recorded by ${existing.supervisor}` : ''}${existing.queued ? ' (queued at this station)' : ''}. ` +
          'Correct that log instead of adding a second one.',
      );
    }
    const supervisor = ctx.db.prepare('SELECT full_name FROM users WHERE id = ?').pluck().get(ctx.userId) as
      string | undefined;
    addEffect(ctx.db, ctx.opId, 'daily_log', `${asset.id}|${payload.date}`, 0, { ...payload, supervisor });
    const moved = dayCountedByReading(ctx.db, asset.id, payload.date) ? 0 : payload.run_hours_added;
    addEffect(ctx.db, ctx.opId, 'meter', asset.id, moved);
  },
};
