// The supervisors' daily logs of one tenant, months of them, with the patterns a real site has so
// that per-asset averages, burn-rate bands and anomalies mean something: each machine has its own
// normal hours and burn rate, Sundays off or short, site-wide rain stoppages, downtime stretches
// waiting for spares, entries forgotten now and then, a few anomalies the supervisor confirmed
// (flagged for the manager) and a few corrections with their reasons. Also the meter history that
// goes with them (a machine reading about once a month, a few replaced hour meters, the total
// staying continuous) and the day lock: every day up to two days ago is submitted, yesterday is
// logged but open, today is empty. Tank capacities are in the units' specs (catalog-assets.ts:
// fuelTankLitres).
import { fuelTankLitres } from './catalog-assets.ts';
import { fixed, type TenantCtx } from './context.ts';
import type { CopyRow } from './copy-rows.ts';
import type { AssetRec, Fleet } from './gen-assets.ts';
import { usersAt, type Org, type UserRec } from './gen-org.ts';
import type { Rng } from './prng.ts';

const DAY_MS = 86_400_000;

export interface LogTotals {
  hours: number;
  km: number;
  lastDaysAgo: number;
}

export interface DailyOps {
  logs: CopyRow[];
  corrections: CopyRow[];
  replacements: CopyRow[];
  readings: CopyRow[];
  days: CopyRow[];
  /** What the logs added to each unit's meters (by unit id). */
  totals: Map<string, LogTotals>;
}

const LOG_NOTES = [
  'Standby, no operator on shift',
  'Refuelled from bowser',
  'Operator reported minor oil leak',
  'Night shift only',
  'Greased and checked at start of shift',
];

const CORRECTION_REASONS = [
  'Typed the wrong figure from the operator sheet',
  'Hours were entered against the wrong machine',
  'Fuel slip found after the day was entered',
  'Operator corrected his sheet the next morning',
];

const REOPEN_REASONS = [
  'Night shift sheets arrived late',
  'Fuel slips of the bowser were missing',
  'Wrong machine logged, corrected the next day',
];

/** Roughly normal noise around 0 with standard deviation 1 (sum of four uniforms). */
function gauss(rng: Rng): number {
  return (rng.next() + rng.next() + rng.next() + rng.next() - 2) * Math.sqrt(3);
}

/** Hundredths, so that sums and meter totals are exact. */
const cents = (value: number): number => Math.round(value * 100);
const fromCents = (value: number): string => fixed(value / 100, 2);

interface Profile {
  normal: number;
  sd: number;
  sundayOff: boolean;
  burn: number;
  tank: number | null;
  downtime: Set<number>;
  readEvery: number;
  readPhase: number;
  replacedDaysAgo: number | null;
}

function profileOf(ctx: TenantCtx, unit: AssetRec, rng: Rng, replaceMeter: boolean): Profile {
  const [minH, maxH] = unit.kind.hoursPerDay;
  const [minF, maxF] = unit.kind.fuelPerHour;
  const normal = rng.float(minH + (maxH - minH) * 0.2, maxH - (maxH - minH) * 0.2);
  const downtime = new Set<number>();
  for (let stretch = rng.int(0, 2); stretch > 0; stretch--) {
    const start = rng.int(5, Math.max(6, ctx.vol.logDays - 5));
    for (let d = start; d > start - rng.int(2, 5); d--) downtime.add(d);
  }
  const readEvery = rng.int(26, 34);
  return {
    normal,
    sd: Math.max(0.4, normal * 0.12),
    sundayOff: rng.chance(0.6),
    burn: rng.float(minF, maxF),
    tank: fuelTankLitres(unit.kind),
    downtime,
    readEvery,
    readPhase: rng.int(0, readEvery - 1),
    replacedDaysAgo:
      rng.chance(0.05) || replaceMeter ? rng.int(15, Math.max(16, ctx.vol.logDays - 15)) : null,
  };
}

interface Day {
  hours: number;
  fuel: number;
  notes: string | null;
  anomaly: { code: string; message: string } | null;
}

/** One day of a unit: its hours, fuel, notes and, now and then, an anomaly. */
function dayOf(ctx: TenantCtx, unit: AssetRec, p: Profile, rng: Rng, daysAgo: number): Day {
  const sunday = new Date(ctx.today - daysAgo * DAY_MS).getUTCDay() === 0;
  const rain = ctx.rng(`rain:${unit.siteCode}`, daysAgo).chance(0.06);
  let notes: string | null = null;
  let hours = p.normal + gauss(rng) * p.sd;
  if (p.downtime.has(daysAgo)) {
    hours = 0;
    notes = 'Idle awaiting spares';
  } else if (sunday) {
    hours = p.sundayOff ? 0 : hours * 0.6;
  } else if (rain) {
    hours *= 0.4;
    notes = 'Rain stoppage';
  }
  hours = Math.min(24, Math.max(0, Math.round(hours * 10) / 10));
  let fuel = hours * p.burn * (1 + gauss(rng) * 0.05);
  let anomaly: Day['anomaly'] = null;
  const roll = rng.next();
  if (hours > 0 && roll < 0.006) {
    hours = Math.min(24, Math.round((p.normal * 1.9 + 2) * 10) / 10);
    fuel = hours * p.burn;
    notes = 'Worked double shift';
    anomaly = {
      code: 'hours_above_normal',
      message: `${hours} h is far above its usual ${p.normal.toFixed(1)} h a day.`,
    };
  } else if (hours > 0 && p.burn > 0 && roll < 0.012) {
    fuel = hours * p.burn * 1.7;
    notes = 'Fuel slip checked with the bowser driver';
    anomaly = {
      code: 'burn_rate_outside_band',
      message: `${(fuel / hours).toFixed(1)} L/h is outside its usual ${(p.burn * 0.85).toFixed(1)} to ${(p.burn * 1.15).toFixed(1)} L/h.`,
    };
  } else if (hours === 0 && p.tank !== null && roll < 0.05) {
    fuel = Math.round(p.tank * 0.4);
    notes = 'Tank topped up while standing';
    anomaly = { code: 'fuel_without_hours', message: `${fuel} L of fuel with no run hours.` };
  } else if (notes === null && rng.chance(0.04)) {
    notes = rng.pick(LOG_NOTES);
  }
  if (p.tank !== null) fuel = Math.min(fuel, p.tank);
  fuel = Math.max(0, Math.round(fuel * 10) / 10);
  return { hours, fuel, notes, anomaly };
}

/** Daily logs and meter history for the units with an hour meter; see the file header. */
export function buildDailyLogs(ctx: TenantCtx, org: Org, fleet: Fleet, users: readonly UserRec[]): DailyOps {
  const out: DailyOps = {
    logs: [],
    corrections: [],
    replacements: [],
    readings: [],
    days: [],
    totals: new Map(),
  };
  const offsetHours = ctx.plan.region === 'kenya' ? 3 : 2;
  for (const unit of fleet.units) {
    if (unit.status === 'disposed' || unit.kind.meter === 'km' || unit.kind.meter === 'none') continue;
    const rng = ctx.rng('logs', unit.index);
    const supervisor = rng.pick(usersAt(users, 'supervisor', unit.siteCode));
    // The first unit that is logged has had its hour meter replaced, so every demo shows one.
    const p = profileOf(ctx, unit, rng, out.totals.size === 0 && out.logs.length === 0);
    const speed = unit.kind.meter === 'hours+km' ? rng.float(18, 45) : 0;
    const base = cents(unit.hoursBase);
    let running = base;
    let offset = 0;
    const total: LogTotals = { hours: 0, km: 0, lastDaysAgo: 0 };
    // In transit since yesterday: on the truck, not working.
    const stop = Math.max(1, unit.logStopDaysAgo, unit.status === 'in_transit' ? 2 : 0);
    const reading = (
      daysAgo: number,
      hourLocal: number,
      extra: Record<string, string | null> = {},
    ): CopyRow => ({
      id: ctx.id('meter_reading', out.readings.length),
      tenant_id: ctx.tenantId,
      asset_id: unit.id,
      meter: 'run_hours',
      source: 'reading',
      replacement_id: null,
      read_at: ctx.at(daysAgo, hourLocal - offsetHours),
      read_on: ctx.date(daysAgo),
      reading: fromCents(running - offset),
      meter_total: fromCents(running),
      adjustment: '0.00',
      reason: null,
      notes: null,
      recorded_by_user_id: supervisor.id,
      created_at: ctx.at(daysAgo, hourLocal - offsetHours + 0.1),
      ...extra,
    });
    for (let daysAgo = ctx.vol.logDays; daysAgo >= stop; daysAgo--) {
      const day = dayOf(ctx, unit, p, rng, daysAgo);
      if (!rng.chance(0.03)) {
        const logId = ctx.id('daily_log', out.logs.length);
        out.logs.push({
          id: logId,
          tenant_id: ctx.tenantId,
          date: ctx.date(daysAgo),
          supervisor_id: supervisor.id,
          asset_id: unit.id,
          run_hours_added: fixed(day.hours, 2),
          fuel_liters_added: fixed(day.fuel, 2),
          notes: day.notes,
          anomalies: day.anomaly ? [day.anomaly] : [],
          created_at: ctx.at(daysAgo, 17 - offsetHours + rng.float(0, 4)),
          updated_at: ctx.at(daysAgo, 21.5 - offsetHours),
        });
        running += cents(day.hours);
        total.km += Math.round(day.hours * speed * 10) / 10;
        total.lastDaysAgo = daysAgo;
        if (day.hours > 1 && rng.chance(0.015)) {
          out.corrections.push(
            correction(ctx, rng, out.corrections.length, { logId, unit, day, daysAgo, by: supervisor.id }),
          );
        }
      }
      if (p.replacedDaysAgo === daysAgo) {
        const replacementId = ctx.id('meter_replacement', out.replacements.length);
        const at = ctx.at(daysAgo, 20.5 - offsetHours);
        out.replacements.push({
          id: replacementId,
          tenant_id: ctx.tenantId,
          asset_id: unit.id,
          meter: 'run_hours',
          replaced_at: at,
          replaced_on: ctx.date(daysAgo),
          old_final_reading: fromCents(running - offset),
          new_start_reading: '0.00',
          meter_total: fromCents(running),
          offset_before: fromCents(offset),
          offset_after: fromCents(running),
          reason: 'Hour meter stopped counting; new meter fitted',
          recorded_by_user_id: supervisor.id,
        });
        out.readings.push(
          reading(daysAgo, 20.5, {
            source: 'replacement',
            replacement_id: replacementId,
            reason: 'Hour meter stopped counting; new meter fitted',
          }),
        );
        offset = running;
      } else if ((daysAgo + p.readPhase) % p.readEvery === 0) {
        out.readings.push(reading(daysAgo, 18 + rng.float(0, 1.5)));
      }
    }
    total.hours = (running - base) / 100;
    if (total.lastDaysAgo > 0) out.totals.set(unit.id, total);
  }
  out.days = dayLocks(ctx, org, users);
  return out;
}

interface Corrected {
  logId: string;
  unit: AssetRec;
  day: Day;
  daysAgo: number;
  by: string;
}

/** A correction of the day's log: what was typed first, the reason, the next morning. */
function correction(ctx: TenantCtx, rng: Rng, index: number, c: Corrected): CopyRow {
  const { logId, unit, day, daysAgo } = c;
  const oldHours = Math.min(24, Math.max(0, day.hours + rng.pick([-2, -1, 1, 2, 10])));
  const hours = oldHours === day.hours ? Math.max(0, day.hours - 1) : oldHours;
  return {
    id: ctx.id('daily_log_correction', index),
    tenant_id: ctx.tenantId,
    daily_log_id: logId,
    asset_id: unit.id,
    date: ctx.date(daysAgo),
    old_run_hours_added: fixed(hours, 2),
    new_run_hours_added: fixed(day.hours, 2),
    old_fuel_liters_added: fixed(day.fuel, 2),
    new_fuel_liters_added: fixed(day.fuel, 2),
    old_notes: day.notes,
    new_notes: day.notes,
    meter_delta: fixed(day.hours - hours, 2),
    reason: rng.pick(CORRECTION_REASONS),
    corrected_by_user_id: c.by,
    created_at: ctx.at(daysAgo - 1, 5.5),
  };
}

/** Every site's days are submitted up to two days ago; a few were reopened and submitted again. */
function dayLocks(ctx: TenantCtx, org: Org, users: readonly UserRec[]): CopyRow[] {
  const rows: CopyRow[] = [];
  const managers = users.filter((u) => u.role === 'manager');
  for (const site of org.sites) {
    const rng = ctx.rng('day_locks', rows.length);
    const supervisors = usersAt(users, 'supervisor', site.code);
    for (let daysAgo = ctx.vol.logDays; daysAgo >= 2; daysAgo--) {
      const reopened = rng.chance(0.03) && managers.length > 0;
      const submittedAt = ctx.at(daysAgo, 16 + rng.float(0, 2));
      rows.push({
        id: ctx.id('daily_log_day', rows.length),
        tenant_id: ctx.tenantId,
        site_id: site.id,
        date: ctx.date(daysAgo),
        status: 'submitted',
        submitted_by_user_id: rng.pick(supervisors).id,
        submitted_at: reopened ? ctx.at(daysAgo - 1, 12) : submittedAt,
        reopened_by_user_id: reopened ? rng.pick(managers).id : null,
        reopened_at: reopened ? ctx.at(daysAgo - 1, 7) : null,
        reopen_reason: reopened ? rng.pick(REOPEN_REASONS) : null,
      });
    }
  }
  return rows;
}
