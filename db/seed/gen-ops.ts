// Preventive maintenance of one tenant: PM schedules, the 1000 h / 500 h / 250 h chain (each
// larger service suppresses the smaller one it includes) plus day-based and hybrid (days or
// kilometres, whichever comes first) inspections. The daily logs are in gen-daily-logs.ts.
import { fixed, type TenantCtx } from './context.ts';
import type { CopyRow } from './copy-rows.ts';
import type { AssetRec, Fleet } from './gen-assets.ts';
import type { LogTotals } from './gen-daily-logs.ts';

export type { LogTotals } from './gen-daily-logs.ts';

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
