// The daily log grid's rules, in one place for the grid (as the supervisor types) and the core
// (before it queues a save): what a cell may hold, and what is unusual enough to be confirmed and
// flagged for the manager. The server checks the same limits again (db/functions/maintenance/).
import type { ANOMALY_CODES } from './daily-log.ts';

export interface DailyLogAnomaly {
  code: (typeof ANOMALY_CODES)[number];
  message: string;
}

/** An asset's own normal, learnt from its recent days (see assetNorms); null without enough days. */
export interface AssetNorms {
  /** Run hours of the days it ran. */
  hours: { days: number; median: number; q1: number; q3: number } | null;
  /** Litres per hour of the days with both hours and fuel. */
  burn: { days: number; q1: number; q3: number } | null;
}

/** At least this many days before an asset's own normal is trusted. */
export const MIN_HISTORY_DAYS = 5;

/** The quantile q (0..1) of sorted values, interpolated. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (pos - lo);
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

/** An asset's normal from its recent days (hours and fuel per day). */
export function assetNorms(days: readonly { hours: number; fuel: number }[]): AssetNorms {
  const hours = days
    .map((d) => d.hours)
    .filter((h) => h > 0)
    .sort((a, b) => a - b);
  const burn = days
    .filter((d) => d.hours > 0 && d.fuel > 0)
    .map((d) => d.fuel / d.hours)
    .sort((a, b) => a - b);
  return {
    hours:
      hours.length < MIN_HISTORY_DAYS
        ? null
        : {
            days: hours.length,
            median: round(quantile(hours, 0.5)),
            q1: round(quantile(hours, 0.25)),
            q3: round(quantile(hours, 0.75)),
          },
    burn:
      burn.length < MIN_HISTORY_DAYS
        ? null
        : { days: burn.length, q1: round(quantile(burn, 0.25)), q3: round(quantile(burn, 0.75)) },
  };
}

/** One formatter per number of decimals: toLocaleString builds a new one on every call. */
const formatters = new Map<number, Intl.NumberFormat>();

/** 7.5 -> "7.5", 12 -> "12", 1234.5 -> "1,234.5". */
export function formatNumber(value: number, decimals = 2): string {
  let format = formatters.get(decimals);
  if (format === undefined) {
    format = new Intl.NumberFormat('en-US', { maximumFractionDigits: decimals });
    formatters.set(decimals, format);
  }
  return format.format(value);
}

export type CellCheck = { ok: true; value: number | null } | { ok: false; reason: string };

/** A number as typed: "7.5", "7,5", " 8 "; empty is null. */
export function parseNumber(text: string): number | null | 'invalid' {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(trimmed)) return 'invalid';
  return Number(trimmed);
}

const decimals = (value: number): number =>
  Number.isInteger(value) ? 0 : (String(value).split('.')[1]?.length ?? 0);

/** Run hours of a day: 0 to 24, at most 2 decimals. */
export function checkHours(text: string): CellCheck {
  const value = parseNumber(text);
  if (value === 'invalid') return { ok: false, reason: `"${text.trim()}" is not a number of hours.` };
  if (value === null) return { ok: true, value };
  if (value > 24)
    return { ok: false, reason: `${formatNumber(value)} hours in one day is not possible (0 to 24).` };
  if (decimals(value) > 2) return { ok: false, reason: 'Hours can have at most 2 decimals.' };
  return { ok: true, value };
}

/** Fuel of a day: 0 up to the asset's tank (where known), at most 2 decimals. */
export function checkFuel(text: string, tankLitres: number | null): CellCheck {
  const value = parseNumber(text);
  if (value === 'invalid') return { ok: false, reason: `"${text.trim()}" is not a number of litres.` };
  if (value === null) return { ok: true, value };
  if (tankLitres !== null && value > tankLitres)
    return {
      ok: false,
      reason: `Its tank holds at most ${formatNumber(tankLitres)} L; ${formatNumber(value)} L is more.`,
    };
  if (value > 100_000) return { ok: false, reason: `${formatNumber(value)} litres of fuel is not possible.` };
  if (decimals(value) > 2) return { ok: false, reason: 'Fuel can have at most 2 decimals.' };
  return { ok: true, value };
}

export interface AnomalyInput {
  hours: number;
  fuel: number;
  /** The asset's status (in_service, out_of_service, in_transit, disposed). */
  status: string;
  norms: AssetNorms | null;
}

/**
 * The band of an asset's normal burn rate (litres per hour): the interquartile fence, and at least
 * 15 % either side of the middle half (a machine that always burns the same still varies a little).
 */
export function burnBand(burn: NonNullable<AssetNorms['burn']>): { low: number; high: number } {
  const iqr = burn.q3 - burn.q1;
  return {
    low: Math.max(0, Math.min(burn.q1 - 1.5 * iqr, burn.q1 * 0.85)),
    high: Math.max(burn.q3 + 1.5 * iqr, burn.q3 * 1.15),
  };
}

/** What is unusual about a day's values: allowed, but confirmed and flagged for the manager. */
export function detectAnomalies({ hours, fuel, status, norms }: AnomalyInput): DailyLogAnomaly[] {
  const found: DailyLogAnomaly[] = [];
  const usual = norms?.hours;
  if (usual && hours > 0) {
    const fence = usual.q3 + 1.5 * (usual.q3 - usual.q1);
    if (hours > fence && hours - usual.median >= 2) {
      found.push({
        code: 'hours_above_normal',
        message: `${formatNumber(hours)} h is far above its usual ${formatNumber(usual.median, 1)} h a day.`,
      });
    }
  }
  if (norms?.burn && hours > 0 && fuel > 0) {
    const { low, high } = burnBand(norms.burn);
    const rate = fuel / hours;
    if (rate < low || rate > high) {
      found.push({
        code: 'burn_rate_outside_band',
        message: `${formatNumber(rate, 1)} L/h is outside its usual ${formatNumber(low, 1)} to ${formatNumber(high, 1)} L/h.`,
      });
    }
  }
  if (fuel > 0 && hours === 0) {
    found.push({ code: 'fuel_without_hours', message: `${formatNumber(fuel)} L of fuel with no run hours.` });
  }
  if (hours > 0 && status === 'out_of_service') {
    found.push({
      code: 'hours_out_of_service',
      message: `${formatNumber(hours)} h on an asset that is out of service.`,
    });
  }
  if (hours > 0 && status === 'in_transit') {
    found.push({
      code: 'hours_in_transit',
      message: `${formatNumber(hours)} h on an asset that is in transit.`,
    });
  }
  return found;
}

/** A block copied from a spreadsheet: rows of tab-separated cells (a trailing newline is no row). */
export function parseTsv(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split('\t'));
}
