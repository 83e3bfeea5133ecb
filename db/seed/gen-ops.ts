// Daily operations of one tenant: daily logs of run hours and fuel per unit (one per asset and
// date, 0 to 24 hours, fuel >= 0). PM schedules and their history are in gen-pm.ts.
import { fixed, type TenantCtx } from './context.ts';
import type { CopyRow } from './copy-rows.ts';
import type { Fleet } from './gen-assets.ts';
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
