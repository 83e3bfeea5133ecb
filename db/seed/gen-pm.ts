// Preventive maintenance of one tenant: PM schedules with their task lists and a service history
// the PM engine can continue. Hour services follow the classic 250 h / 500 h / 1000 h package: each
// service is the biggest one its number calls for (every 4th a 1000 h, every 2nd a 500 h, else a
// 250 h) and includes the smaller ones, done on time or a little late (the next counts from the
// completion). Calendar inspections (weekly, monthly, quarterly electrical, annual) and a hybrid
// brake inspection for road trailers (90 days or 20,000 km, whichever first) come on top. Each
// unit's next hour service is placed so that a site shows overdue, due-this-week, due-this-month
// and later machines; the engine (run at the end of the seed) then opens the due work orders and
// folds smaller services into bigger ones.
import {
  ELECTRICAL_TASKS,
  HOUR_SERVICE_TASKS,
  INSPECTION_TASKS,
  REPAIR_TASKS,
  type TaskTemplate,
} from './catalog-work.ts';
import { fixed, type TenantCtx } from './context.ts';
import type { CopyRow } from './copy-rows.ts';
import type { AssetRec, Fleet } from './gen-assets.ts';
import type { LogTotals } from './gen-daily-logs.ts';
import type { Rng } from './prng.ts';

export interface PmSchedule {
  id: string;
  asset: AssetRec;
  name: string;
  intervalDays: number | null;
  intervalMeter: number | null;
  meter: 'run_hours' | 'odometer';
  lastDate: string | null;
  lastMeter: number | null;
  /** The cycle now running: completions in the history + 1. */
  cycle: number;
  /** Schedules of one asset in one package fold into the biggest one due. */
  package: string | null;
  tasks: readonly TaskTemplate[];
}

/** A service done in the past: the biggest schedule due, and the smaller ones folded into it. */
export interface PmService {
  asset: AssetRec;
  schedule: PmSchedule;
  folded: PmSchedule[];
  daysAgo: number;
  meter: number | null;
  /** The cycle each schedule (the main one and the folded ones) completed. */
  cycles: Map<string, number>;
}

export interface PmPlan {
  schedules: PmSchedule[];
  /** Oldest first. */
  services: PmService[];
}

/** Hour services in the history: the last this many days. */
const HOUR_HISTORY_DAYS = 60;
const HOUR_INTERVALS = [1000, 500, 250] as const;

function electric(unit: AssetRec): boolean {
  return typeof unit.model.specs.voltage === 'string';
}

/** Hours between now and the next 250 h service: overdue, this week, this month, or later. */
function nextServiceIn(rng: Rng, perDay: number): number {
  return rng.weighted<() => number>([
    [() => -rng.float(5, 80), 15],
    [() => rng.float(0, 7 * perDay), 20],
    [() => rng.float(7 * perDay, 30 * perDay), 25],
    [() => rng.float(30 * perDay, 60 * perDay), 40],
  ])();
}

function hourTasks(interval: number): readonly TaskTemplate[] {
  return HOUR_SERVICE_TASKS[interval] ?? REPAIR_TASKS;
}

/**
 * One machine per site whose next hour service comes with about half a day's running: the
 * supervisor sees it due tomorrow on the PM board, and today's daily log brings it due (the work
 * order opens). The first working, still-logging hour-service unit of each site.
 */
function dueTomorrow(fleet: Fleet): Set<string> {
  const bySite = new Map<string, string>();
  for (const unit of fleet.units) {
    if (unit.status !== 'in_service' || !unit.kind.hourService || unit.logStopDaysAgo !== 0) continue;
    if (!bySite.has(unit.siteCode)) bySite.set(unit.siteCode, unit.id);
  }
  return new Set(bySite.values());
}

export function buildPm(ctx: TenantCtx, fleet: Fleet, totals: Map<string, LogTotals>): PmPlan {
  const soon = dueTomorrow(fleet);
  const schedules: PmSchedule[] = [];
  const services: PmService[] = [];
  const add = (s: Omit<PmSchedule, 'id' | 'cycle' | 'package'>, pkg: string | null = null): PmSchedule => {
    const full: PmSchedule = { ...s, id: ctx.id('pm_schedule', schedules.length), cycle: 1, package: pkg };
    schedules.push(full);
    return full;
  };
  const complete = (service: Omit<PmService, 'cycles'>): void => {
    const cycles = new Map<string, number>();
    for (const s of [service.schedule, ...service.folded]) {
      cycles.set(s.id, s.cycle);
      s.cycle += 1;
    }
    services.push({ ...service, cycles });
  };

  for (const unit of fleet.units) {
    if (unit.status === 'disposed') continue;
    const rng = ctx.rng('pm', unit.index);
    const hours = unit.hoursBase + (totals.get(unit.id)?.hours ?? 0);
    if (unit.kind.hourService && hours > 0) {
      const perDay = Math.max(1, ((unit.kind.hoursPerDay[0] + unit.kind.hoursPerDay[1]) / 2) * 0.88);
      // Service meters, newest first: the last one 250 h before the next is due, each earlier one
      // 250 h (plus its lateness) before the one after it.
      const meters: number[] = [];
      const next = nextServiceIn(rng, perDay);
      let meter = Math.min(hours, hours + (soon.has(unit.id) ? perDay / 2 : next) - 250);
      while (meter > 0 && meters.length < 60) {
        meters.push(Math.round(meter));
        meter -= 250 + (rng.chance(0.3) ? rng.float(2, 24) : rng.float(0, 2));
      }
      // The number of the last service: the machine's whole life when the history reaches 0 h.
      const lastIndex = meters.length < 60 ? meters.length : 60 + rng.int(0, 3);
      const byInterval = new Map<number, PmSchedule>();
      for (const interval of HOUR_INTERVALS) {
        byInterval.set(
          interval,
          add({
            asset: unit,
            name: `${interval} h service`,
            intervalDays: null,
            intervalMeter: interval,
            meter: 'run_hours',
            lastDate: null,
            lastMeter: null,
            tasks: hourTasks(interval),
          }),
        );
      }
      // Oldest first, so that cycles count up.
      meters.reverse().forEach((m, i) => {
        const number = lastIndex - (meters.length - 1 - i);
        if (number < 1) return;
        const size = number % 4 === 0 ? 1000 : number % 2 === 0 ? 500 : 250;
        const daysAgo = (hours - m) / perDay;
        const date = ctx.date(Math.max(1, Math.round(daysAgo)));
        const done = HOUR_INTERVALS.filter((n) => n <= size).map((n) => byInterval.get(n) as PmSchedule);
        for (const s of done) {
          s.lastDate = date;
          s.lastMeter = m;
        }
        const [main, ...folded] = done;
        if (main && daysAgo <= HOUR_HISTORY_DAYS) {
          complete({ asset: unit, schedule: main, folded, daysAgo: Math.max(1, daysAgo), meter: m });
        }
      });
    }
    const mobile = unit.kind.meter === 'hours' || unit.kind.meter === 'hours+km';
    // The monthly inspection includes the weekly checks (one package); the quarterly electrical
    // and the annual statutory inspections stand alone.
    const calendar: [string, number, readonly TaskTemplate[], string | null][] = [];
    if (mobile) calendar.push(['Weekly pre-use safety inspection', 7, INSPECTION_TASKS, 'inspection']);
    calendar.push([
      mobile ? 'Monthly lubrication and inspection' : 'Monthly inspection',
      30,
      INSPECTION_TASKS,
      'inspection',
    ]);
    if (electric(unit))
      calendar.push(['Quarterly electrical inspection and thermography', 90, ELECTRICAL_TASKS, null]);
    calendar.push(['Annual statutory inspection', 365, INSPECTION_TASKS, null]);
    for (const [name, days, tasks, pkg] of calendar) {
      const since = rng.chance(0.12) ? days + rng.int(1, Math.min(20, days)) : rng.int(0, days - 1);
      const s = add(
        {
          asset: unit,
          name,
          intervalDays: days,
          intervalMeter: null,
          meter: 'run_hours',
          lastDate: ctx.date(since),
          lastMeter: null,
          tasks,
        },
        pkg,
      );
      if (since <= 150)
        complete({ asset: unit, schedule: s, folded: [], daysAgo: Math.max(0.5, since), meter: null });
    }
    if (unit.kind.meter === 'km') {
      // Hybrid trigger: whichever comes first.
      const km = unit.kmBase ?? 0;
      const lastMeter = Math.max(0, Math.floor(km / 20_000) * 20_000 - (rng.chance(0.15) ? 2_000 : 0));
      const since = rng.int(5, 100);
      const s = add({
        asset: unit,
        name: 'Brake and tyre inspection (90 days or 20,000 km)',
        intervalDays: 90,
        intervalMeter: 20_000,
        meter: 'odometer',
        lastDate: ctx.date(since),
        lastMeter,
        tasks: INSPECTION_TASKS,
      });
      complete({ asset: unit, schedule: s, folded: [], daysAgo: since, meter: lastMeter });
    }
  }
  services.sort((a, b) => b.daysAgo - a.daysAgo);
  return { schedules, services };
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
    meter: s.meter,
    cycle: s.cycle,
    package: s.package,
  }));
}

export function pmTaskRows(ctx: TenantCtx, schedules: readonly PmSchedule[]): CopyRow[] {
  const rows: CopyRow[] = [];
  for (const s of schedules) {
    s.tasks.forEach((task, i) => {
      rows.push({
        id: ctx.id('pm_schedule_task', rows.length),
        tenant_id: ctx.tenantId,
        schedule_id: s.id,
        seq: i + 1,
        description: task.description,
        is_mandatory: task.mandatory,
      });
    });
  }
  return rows;
}
