// meter.reading: what the machine's meter shows at a time (the server:
// db/functions/maintenance/op_meter_reading.sql). Refused here at once when it breaks the time
// order of the meter's readings (synced and queued), quoting its neighbours; the latest reading
// re-aligns the meter (down only with a reason).
import { OpError } from '../core/errors.ts';
import type { OperationHandler } from '../ops/operation-type.ts';
import { addEffect } from '../ops/overlay.ts';
import { formatNumber } from '../../src-preload/contract/maintenance/daily-log-rules.ts';
import { assetLabel, requireAsset } from './daily-log-checks.ts';
import {
  formatTime,
  meterKey,
  offsetAt,
  parseLocalTime,
  readingProblem,
  readingsOf,
  realignment,
  unitOf,
  type ReadingEffect,
} from './meter-checks.ts';

export const meterReading: OperationHandler<'meter.reading'> = {
  summarize(payload, db) {
    const name = db.prepare('SELECT name FROM assets WHERE id = ?').pluck().get(payload.asset_id) as
      string | undefined;
    const unit = unitOf(payload.meter ?? 'run_hours');
    return `Meter reading of ${name ?? 'an asset'}: ${formatNumber(payload.reading)} ${unit} at ${payload.read_at.slice(0, 16).replace('T', ' ')}`;
  },
  applyLocal(ctx, payload) {
    const asset = requireAsset(ctx.db, payload.asset_id);
    const meter = payload.meter ?? 'run_hours';
    const at = parseLocalTime(payload.read_at);
    if (at.ms > ctx.now.getTime() + 3_600_000) {
      throw new OpError('invalid_time', 'The time of the reading cannot be in the future.');
    }
    const readings = readingsOf(ctx.db, asset.id, meter);
    const total = Math.round((payload.reading + offsetAt(ctx.db, asset.id, meter, at.ms)) * 100) / 100;
    const problem = readingProblem(readings, meter, at, payload.reading, total);
    if (problem) throw new OpError(problem.code, problem.message);
    const latest = !readings.some((r) => r.ms > at.ms);
    const adjustment = latest
      ? realignment(
          ctx.db,
          asset.id,
          assetLabel(asset),
          meter,
          total,
          at.day,
          `${formatNumber(payload.reading)} ${unitOf(meter)} on ${formatTime(at.ms, at.zone)}`,
          payload.reason !== undefined && payload.reason !== '',
        )
      : 0;
    const effect: ReadingEffect = {
      id: payload.reading_id ?? ctx.opId,
      ms: at.ms,
      day: at.day,
      reading: payload.reading,
      total,
      adjustment,
      source: 'reading',
      reason: payload.reason ?? null,
    };
    addEffect(ctx.db, ctx.opId, 'meter_reading', `${asset.id}|${meter}`, 0, effect);
    if (adjustment !== 0) addEffect(ctx.db, ctx.opId, 'meter', meterKey(asset.id, meter), adjustment);
  },
};
