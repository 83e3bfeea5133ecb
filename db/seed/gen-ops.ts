// Daily operations and preventive maintenance of one tenant: daily logs of run hours and fuel per
// unit (one per asset and date, 0 to 24 hours, fuel >= 0), and PM schedules: the 1000 h / 500 h /
// 250 h chain (each larger service suppresses the smaller one it includes) plus day-based and
// hybrid (days or kilometres, whichever comes first) inspections.
import { fixed, type TenantCtx } from './context.ts';
import type { CopyRow } from './copy-rows.ts';
import type { AssetRec, Fleet } from './gen-assets.ts';
import { usersAt, type UserRec } from './gen-org.ts';

export interface LogTotals {
  hours: number;
  km: number;
  lastDaysAgo: number;
}

const LOG_NOTES = [
  'Standby, no operator on shift',
  'Rain stoppage',
  'Refuelled from bowser',
  'Operator reported minor oil leak',
  'Worked double shift',
  'Idle awaiting spares',
  'Night shift only',
];

/** Daily logs for units with an hour meter; returns the rows and what they add to each meter. */
export function buildDailyLogs(
  ctx: TenantCtx,
  fleet: Fleet,
  users: readonly UserRec[],
): { rows: CopyRow[]; totals: Map<string, LogTotals> } {
  const rows: CopyRow[] = [];
  const totals = new Map<string, LogTotals>();
  for (const unit of fleet.units) {
    if (unit.status === 'disposed' || unit.kind.meter === 'km' || unit.kind.meter === 'none') continue;
    const rng = ctx.rng('logs', unit.index);
    const supervisors = usersAt(users, 'supervisor', unit.siteCode);
    const supervisor = rng.pick(supervisors);
    const [minH, maxH] = unit.kind.hoursPerDay;
    const [minF, maxF] = unit.kind.fuelPerHour;
    const speed = unit.kind.meter === 'hours+km' ? rng.float(18, 45) : 0;
    const total: LogTotals = { hours: 0, km: 0, lastDaysAgo: 0 };
    for (let daysAgo = ctx.vol.logDays; daysAgo >= Math.max(1, unit.logStopDaysAgo); daysAgo--) {
      if (rng.chance(0.12)) continue; // no shift, or not entered
      const hours = Math.min(24, Math.max(0, rng.decimal(minH, maxH, 2)));
      const fuel = hours * rng.float(minF, maxF);
      rows.push({
        id: ctx.id('daily_log', rows.length),
        tenant_id: ctx.tenantId,
        date: ctx.date(daysAgo),
        supervisor_id: supervisor.id,
        asset_id: unit.id,
        run_hours_added: fixed(hours, 2),
        fuel_liters_added: fixed(fuel, 2),
        notes: rng.chance(0.06) ? rng.pick(LOG_NOTES) : null,
        created_at: ctx.at(daysAgo, 17 + rng.float(0, 4)),
        updated_at: ctx.at(daysAgo, 21.5),
      });
      total.hours += Number(fixed(hours, 2));
      total.km += Math.round(hours * speed * 10) / 10;
      total.lastDaysAgo = daysAgo;
    }
    if (total.lastDaysAgo > 0) totals.set(unit.id, total);
  }
  return { rows, totals };
}

export interface PmSchedule {
  id: string;
  asset: AssetRec;
  name: string;
  intervalDays: number | null;
  intervalMeter: number | null;
  lastDate: string | null;
  lastMeter: number | null;
  suppressedBy: string | null;
  /** Due now or overdue (a PM work order is likely open for it). */
  due: boolean;
}

function electric(unit: AssetRec): boolean {
  return typeof unit.model.specs.voltage === 'string';
}

/** PM schedules per unit; larger services come before the ones they suppress. */
export function buildPmSchedules(ctx: TenantCtx, fleet: Fleet, totals: Map<string, LogTotals>): PmSchedule[] {
  const schedules: PmSchedule[] = [];
  const add = (s: Omit<PmSchedule, 'id'>): PmSchedule => {
    const full = { ...s, id: ctx.id('pm_schedule', schedules.length) };
    schedules.push(full);
    return full;
  };
  for (const unit of fleet.units) {
    if (unit.status === 'disposed') continue;
    const rng = ctx.rng('pm', unit.index);
    const hours = unit.hoursBase + (totals.get(unit.id)?.hours ?? 0);
    if (unit.kind.hourService && hours > 0) {
      // The last service was done at a multiple of 250 h (one interval late if overdue); it counted
      // as the largest service that multiple is due for, which includes the smaller ones.
      const lastService = Math.max(0, Math.floor(hours / 250) * 250 - (rng.chance(0.12) ? 250 : 0));
      const perDay = Math.max(1, ((unit.kind.hoursPerDay[0] + unit.kind.hoursPerDay[1]) / 2) * 0.88);
      let suppressor: string | null = null;
      for (const interval of [1000, 500, 250]) {
        const lastMeter = Math.floor(lastService / interval) * interval;
        const s = add({
          asset: unit,
          name: `${interval} h service`,
          intervalDays: null,
          intervalMeter: interval,
          lastDate: ctx.date(Math.max(1, Math.round((hours - lastMeter) / perDay))),
          lastMeter,
          suppressedBy: suppressor,
          due: hours - lastMeter >= interval * 0.9,
        });
        suppressor = s.id;
      }
    }
    const mobile = unit.kind.meter === 'hours' || unit.kind.meter === 'hours+km';
    const dayBased: [string, number][] = [];
    if (mobile) dayBased.push(['Weekly pre-use safety inspection', 7]);
    dayBased.push([mobile ? 'Monthly lubrication and inspection' : 'Monthly inspection', 30]);
    if (electric(unit)) dayBased.push(['Quarterly electrical inspection and thermography', 90]);
    dayBased.push(['Annual statutory inspection', 365]);
    for (const [name, days] of dayBased) {
      const since = rng.chance(0.1) ? days + rng.int(1, 20) : rng.int(0, days - 1);
      add({
        asset: unit,
        name,
        intervalDays: days,
        intervalMeter: null,
        lastDate: ctx.date(since),
        lastMeter: null,
        suppressedBy: null,
        due: since >= days - 2,
      });
    }
    if (unit.kind.meter === 'km') {
      // Hybrid trigger: whichever comes first.
      const km = unit.kmBase ?? 0;
      const lastMeter = Math.max(0, Math.floor(km / 20_000) * 20_000);
      const since = rng.int(5, 100);
      add({
        asset: unit,
        name: 'Brake and tyre inspection (90 days or 20 000 km)',
        intervalDays: 90,
        intervalMeter: 20_000,
        lastDate: ctx.date(since),
        lastMeter,
        suppressedBy: null,
        due: since >= 88 || km - lastMeter >= 18_000,
      });
    }
  }
  return schedules;
}

export function pmScheduleRows(ctx: TenantCtx, schedules: readonly PmSchedule[]): CopyRow[] {
  return schedules.map((s) => ({
    id: s.id,
    tenant_id: ctx.tenantId,
    asset_id: s.asset.id,
    name: s.name,
    interval_days: s.intervalDays,
    interval_meter: s.intervalMeter === null ? null : fixed(s.intervalMeter, 2),
    last_performed_date: s.lastDate,
    last_performed_meter: s.lastMeter === null ? null : fixed(s.lastMeter, 2),
    suppressed_by_schedule_id: s.suppressedBy,
  }));
}
