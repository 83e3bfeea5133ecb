// meter.replace: a replaced or reset meter, old final and new start readings (the server:
// db/functions/maintenance/op_meter_replace.sql). The total stays continuous: the readings after
// it are the new meter's plus the new offset.
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

export const meterReplace: OperationHandler<'meter.replace'> = {
  summarize(payload, db) {
    const name = db.prepare('SELECT name FROM assets WHERE id = ?').pluck().get(payload.asset_id) as
      string | undefined;
    return `Meter of ${name ?? 'an asset'} replaced: ${formatNumber(payload.old_final_reading)} -> ${formatNumber(payload.new_start_reading)}`;
  },
  applyLocal(ctx, payload) {
    const asset = requireAsset(ctx.db, payload.asset_id);
    const meter = payload.meter ?? 'run_hours';
    const at = parseLocalTime(payload.replaced_at);
    if (at.ms > ctx.now.getTime() + 3_600_000) {
      throw new OpError('invalid_time', 'The time of the replacement cannot be in the future.');
    }
    const readings = readingsOf(ctx.db, asset.id, meter);
    const last = readings[readings.length - 1];
    if (last && last.ms >= at.ms) {
      throw new OpError(
        'replacement_out_of_order',
        `A meter replacement must come after the last reading of the meter (${formatNumber(last.reading)} ${unitOf(meter)} on ${formatTime(last.ms, at.zone)}).`,
      );
    }
    const total =
      Math.round((payload.old_final_reading + offsetAt(ctx.db, asset.id, meter, at.ms)) * 100) / 100;
    const problem = readingProblem(readings, meter, at, payload.old_final_reading, total);
    if (problem) throw new OpError(problem.code, problem.message);
    const adjustment = realignment(ctx.db, asset.id, assetLabel(asset), meter, total, at.day, '', true);
    const effect: ReadingEffect = {
      id: payload.replacement_id ?? ctx.opId,
      ms: at.ms,
      day: at.day,
      reading: payload.old_final_reading,
      total,
      adjustment,
      source: 'replacement',
      reason: payload.reason,
      replacement: {
        offset_after: Math.round((total - payload.new_start_reading) * 100) / 100,
        old_final: payload.old_final_reading,
        new_start: payload.new_start_reading,
      },
    };
    addEffect(ctx.db, ctx.opId, 'meter_reading', `${asset.id}|${meter}`, 0, effect);
    if (adjustment !== 0) addEffect(ctx.db, ctx.opId, 'meter', meterKey(asset.id, meter), adjustment);
  },
};
