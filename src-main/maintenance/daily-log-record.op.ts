// daily_log.record: a supervisor's run hours and fuel for one asset and day.
import type { OperationHandler } from '../ops/operation-type.ts';
import { OpError } from '../core/errors.ts';
import { addEffect, hasPendingEffect } from '../ops/overlay.ts';

const DAY_MS = 86_400_000;

export const dailyLogRecord: OperationHandler<'daily_log.record'> = {
  summarize(payload, db) {
    const name = db.prepare('SELECT name FROM assets WHERE id = ?').pluck().get(payload.asset_id) as
      string | undefined;
    return `Daily log ${payload.date} for ${name ?? 'an asset'}: ${payload.run_hours_added} h, ${payload.fuel_liters_added} L`;
  },
  applyLocal(ctx, payload) {
    const asset = ctx.db.prepare('SELECT id, name FROM assets WHERE id = ?').get(payload.asset_id) as
      { id: string; name: string } | undefined;
    if (!asset) throw new OpError('unknown_asset', 'That asset does not exist.');
    const day = Date.parse(`${payload.date}T00:00:00Z`);
    // Date.parse rolls impossible days over (2025-02-30 becomes 2025-03-02): compare the round trip.
    if (Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== payload.date)
      throw new OpError('invalid_date', `"${payload.date}" is not a date.`);
    if (day > ctx.now.getTime() + DAY_MS)
      throw new OpError('invalid_date', 'A daily log cannot be for a future day.');
    const key = `${asset.id}|${payload.date}`;
    const logged =
      ctx.db
        .prepare('SELECT 1 FROM daily_logs WHERE asset_id = ? AND date = ?')
        .get(asset.id, payload.date) !== undefined || hasPendingEffect(ctx.db, 'daily_log', key);
    if (logged)
      throw new OpError('duplicate_daily_log', `${asset.name} already has a daily log for ${payload.date}.`);
    addEffect(ctx.db, ctx.opId, 'daily_log', key, 0, payload);
    addEffect(ctx.db, ctx.opId, 'meter', asset.id, payload.run_hours_added);
  },
};
