// The meter rules of migration 0014 on the station's side, so that a reading or a replacement is
// refused at once (offline too) with the server's codes and messages: readings of a meter in time
// order, at most one run hour per clock hour, the offset of the meter in use, the anchoring of the
// total on the latest reading. The station's view is the mirror plus the queued operations.
import type { CacheDb } from '../cache/db.ts';
import { formatNumber } from '../../src-preload/contract/maintenance/daily-log-rules.ts';
import { OpError } from '../core/errors.ts';
import { pendingDelta } from '../ops/overlay.ts';
import { dayLog } from './daily-log-checks.ts';

export type MeterKind = 'run_hours' | 'odometer';

export interface LocalTime {
  ms: number;
  /** The day as written (the site's day). */
  day: string;
  /** The UTC offset as written, in minutes. */
  zone: number;
}

/** "2026-11-24T17:30+03:00" (seconds optional, Z for UTC): the instant, the day, the offset. */
export function parseLocalTime(text: string): LocalTime {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(Z|[+-]\d{2}:\d{2})$/.exec(text);
  const ms = match ? Date.parse(text) : NaN;
  if (!match || Number.isNaN(ms)) {
    throw new OpError('invalid_time', `"${text}" is not a date and time (2026-03-10T17:30+03:00).`);
  }
  const zoneText = match[3] ?? 'Z';
  const zone =
    zoneText === 'Z'
      ? 0
      : (zoneText.startsWith('-') ? -1 : 1) *
        (Number(zoneText.slice(1, 3)) * 60 + Number(zoneText.slice(4, 6)));
  return { ms, day: match[1] ?? '', zone };
}

/** An instant as "2026-11-24 17:30" in a UTC offset (minutes). */
export function formatTime(ms: number, zone: number): string {
  return new Date(ms + zone * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** An ISO timestamp with the given offset: what a user of that zone typed. */
export function localIso(ms: number, zone: number): string {
  const sign = zone < 0 ? '-' : '+';
  const abs = Math.abs(zone);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${new Date(ms + zone * 60_000).toISOString().slice(0, 16)}${offset}`;
}

export const unitOf = (meter: MeterKind): string => (meter === 'odometer' ? 'km' : 'h');

/** The overlay key of an asset's meter: the asset for run hours, asset|odometer for the odometer. */
export const meterKey = (assetId: string, meter: MeterKind): string =>
  meter === 'odometer' ? `${assetId}|odometer` : assetId;

export interface ReadingEntry {
  id: string;
  ms: number;
  day: string;
  reading: number;
  total: number;
  adjustment: number;
  source: string;
  reason: string | null;
  pending: boolean;
}

/** The data of a queued reading or replacement (pending_effects, entity meter_reading). */
export interface ReadingEffect extends Omit<ReadingEntry, 'pending'> {
  /** Set for a replacement: from when the new meter counts, and its offset. */
  replacement?: { offset_after: number; old_final: number; new_start: number };
}

/** An asset meter's readings, synced and queued, in time order. */
export function readingsOf(db: CacheDb, assetId: string, meter: MeterKind): ReadingEntry[] {
  const synced = (
    db
      .prepare(
        `SELECT id, read_at, read_on AS day, reading, meter_total AS total, adjustment, source, reason
           FROM meter_readings WHERE asset_id = ? AND meter = ? ORDER BY read_at`,
      )
      .all(assetId, meter) as (Omit<ReadingEntry, 'ms' | 'pending'> & { read_at: string })[]
  ).map(({ read_at, ...r }) => ({ ...r, ms: Date.parse(read_at), pending: false }));
  const queued = queuedReadings(db, assetId, meter).map(({ replacement: _r, ...r }) => ({
    ...r,
    pending: true,
  }));
  return [...synced, ...queued].sort((a, b) => a.ms - b.ms || a.total - b.total);
}

export function queuedReadings(db: CacheDb, assetId: string, meter: MeterKind): ReadingEffect[] {
  return (
    db
      .prepare(`SELECT data FROM pending_effects WHERE entity = 'meter_reading' AND key = ? ORDER BY rowid`)
      .pluck()
      .all(`${assetId}|${meter}`) as string[]
  ).map((data) => JSON.parse(data) as ReadingEffect);
}

/** The offset of the meter in use at an instant (total = shown + offset). */
export function offsetAt(db: CacheDb, assetId: string, meter: MeterKind, ms: number): number {
  const synced = db
    .prepare(`SELECT replaced_at, offset_after FROM meter_replacements WHERE asset_id = ? AND meter = ?`)
    .all(assetId, meter) as { replaced_at: string; offset_after: number }[];
  const all = [
    ...synced.map((r) => ({ ms: Date.parse(r.replaced_at), offset: r.offset_after })),
    ...queuedReadings(db, assetId, meter)
      .filter((r) => r.replacement)
      .map((r) => ({ ms: r.ms, offset: r.replacement?.offset_after ?? 0 })),
  ]
    .filter((r) => r.ms <= ms)
    .sort((a, b) => b.ms - a.ms);
  return all[0]?.offset ?? 0;
}

/** What is wrong with a reading at an instant, as the server words it; null when it fits. */
export function readingProblem(
  readings: readonly ReadingEntry[],
  meter: MeterKind,
  at: LocalTime,
  reading: number,
  total: number,
): { code: string; message: string } | null {
  const unit = unitOf(meter);
  const text = (value: number, ms: number): string =>
    `${formatNumber(value)} ${unit} on ${formatTime(ms, at.zone)}`;
  const earlier = readings.filter((r) => r.ms <= at.ms);
  const prev = earlier.sort((a, b) => b.ms - a.ms || b.total - a.total)[0];
  const next = readings.filter((r) => r.ms > at.ms).sort((a, b) => a.ms - b.ms || a.total - b.total)[0];
  const self = text(reading, at.ms);
  const prevText = prev ? text(prev.reading, prev.ms) : null;
  const nextText = next ? text(next.reading, next.ms) : null;
  if (prev && total < prev.total) {
    return {
      code: 'reading_out_of_order',
      message: `A reading of ${self} is below the reading before it (${prevText})${nextText ? `; the reading after it is ${nextText}` : ''}. Readings must stay in time order.`,
    };
  }
  if (next && total > next.total) {
    return {
      code: 'reading_out_of_order',
      message: `A reading of ${self} is above the reading after it (${nextText})${prevText ? `; the reading before it is ${prevText}` : ''}. Readings must stay in time order.`,
    };
  }
  if (meter === 'run_hours' && prev) {
    const clock = (at.ms - prev.ms) / 3_600_000;
    if (total - prev.total > clock + 0.01) {
      return {
        code: 'reading_implausible',
        message: `A reading of ${self} would mean ${formatNumber(total - prev.total)} run hours in the ${formatNumber(Math.round(clock * 10) / 10)} hours since the reading of ${prevText}.`,
      };
    }
  }
  if (meter === 'run_hours' && next) {
    const clock = (next.ms - at.ms) / 3_600_000;
    if (next.total - total > clock + 0.01) {
      return {
        code: 'reading_implausible',
        message: `A reading of ${self} would mean ${formatNumber(next.total - total)} run hours in the ${formatNumber(Math.round(clock * 10) / 10)} hours up to the reading of ${nextText}.`,
      };
    }
  }
  return null;
}

/** Whether a machine reading (synced or queued) taken on that day or later already counts its hours. */
export function dayCountedByReading(db: CacheDb, assetId: string, date: string): boolean {
  if (
    db
      .prepare(`SELECT 1 FROM meter_readings WHERE asset_id = ? AND meter = 'run_hours' AND read_on >= ?`)
      .get(assetId, date)
  ) {
    return true;
  }
  return queuedReadings(db, assetId, 'run_hours').some((r) => r.day >= date);
}

/** The asset's meter (continuous total) as the station sees it, or null without a value. */
export function currentTotal(db: CacheDb, assetId: string, meter: MeterKind): number | null {
  const row = db
    .prepare('SELECT current_run_hours AS hours, current_odometer AS km FROM asset_meters WHERE asset_id = ?')
    .get(assetId) as { hours: number; km: number | null } | undefined;
  const delta = pendingDelta(db, 'meter', meterKey(assetId, meter));
  const base = meter === 'odometer' ? (row?.km ?? null) : (row?.hours ?? null);
  if (base === null) return delta === 0 ? null : delta;
  return Math.round((base + delta) * 100) / 100;
}

/** The run hours of the asset's logs (synced and queued, corrected) of the days after a day. */
export function hoursAfter(db: CacheDb, assetId: string, day: string): number {
  const dates = new Set(
    db
      .prepare('SELECT date FROM daily_logs WHERE asset_id = ? AND date > ?')
      .pluck()
      .all(assetId, day) as string[],
  );
  const prefix = `${assetId}|`;
  for (const key of db
    .prepare(`SELECT key FROM pending_effects WHERE entity = 'daily_log' AND key > ? AND key < ?`)
    .pluck()
    .all(`${prefix}${day}`, `${prefix}~`) as string[]) {
    dates.add(key.slice(prefix.length));
  }
  let sum = 0;
  for (const date of dates) sum += dayLog(db, assetId, date)?.hours ?? 0;
  return sum;
}

/**
 * How far the latest reading of `total` on `day` moves the asset's meter (the reading anchors the
 * total: it plus the hours logged for the days after it). Down needs a reason (reading_below_meter).
 */
export function realignment(
  db: CacheDb,
  assetId: string,
  label: string,
  meter: MeterKind,
  total: number,
  day: string,
  readingText: string,
  hasReason: boolean,
): number {
  const current = currentTotal(db, assetId, meter);
  const after = meter === 'run_hours' ? hoursAfter(db, assetId, day) : 0;
  if (current === null) return Math.round((total + after) * 100) / 100;
  const expected = Math.round((current - after) * 100) / 100;
  if (total < expected && !hasReason) {
    const unit = unitOf(meter);
    throw new OpError(
      'reading_below_meter',
      `${meter === 'odometer' ? 'The odometer' : 'The hour meter'} shows ${readingText}, but ${label} already stands at ${formatNumber(expected)} ${unit} for that time (${formatNumber(Math.round((expected - total) * 100) / 100)} ${unit} more). Give a reason to re-align the meter down, or correct the daily log that is wrong.`,
    );
  }
  return Math.round((total - expected) * 100) / 100;
}
