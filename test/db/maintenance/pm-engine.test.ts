// The PM engine on the real PostgreSQL: hybrid schedules (whichever comes first), suppression of
// the smaller services of one asset by the biggest, never a duplicate work order (re-runs,
// concurrent runs, two stations logging one asset, meter corrections), forecasts from average
// daily use, and the sentence why. Meters move through the station's own daily_log.record
// operation (amms_push), which runs the engine in the same transaction.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../db/ids/uuidv7.ts';
import { uuid } from '../../../src-preload/contract/fields.ts';
import {
  applied,
  buildMaintenanceFixture,
  engineFailures,
  insertMeteredAsset,
  insertSchedule,
  logHours,
  scheduleRow,
  serverDay,
  setMeter,
  workOrdersOf,
  type MaintenanceFixture,
} from '../../helpers/maintenance-fixture.ts';

let f: MaintenanceFixture;
let today: string;
let yesterday: string;

beforeAll(async () => {
  f = await buildMaintenanceFixture();
  today = await serverDay(f);
  yesterday = await serverDay(f, -1);
});

afterAll(async () => {
  await f.close();
});

afterEach(async () => {
  // A meter change never fails because of the engine; if it did, it would be recorded here.
  expect(await engineFailures(f)).toEqual([]);
});

async function runAll(asOf: string = today): Promise<{ code: string; why: string }[]> {
  const { rows } = await f.su.query<{ g: { code: string; why: string }[] }>(
    'SELECT amms_private.pm_run($1::date, $2::uuid) AS g',
    [asOf, f.tenantId],
  );
  return rows[0]?.g ?? [];
}

async function runAsset(assetId: string, asOf: string = today): Promise<unknown[]> {
  const { rows } = await f.su.query<{ g: unknown[] }>(
    'SELECT amms_private.pm_run_asset($1, $2, $3::date) AS g',
    [f.tenantId, assetId, asOf],
  );
  return rows[0]?.g ?? [];
}

/** The 250 h and 500 h services of one excavator, both due at 12,510 h. */
async function excavatorWithServices(
  meter = 12_490,
): Promise<{ asset: string; code: string; s250: string; s500: string }> {
  const { id, code } = await insertMeteredAsset(f, meter);
  const s250 = await insertSchedule(f, id, {
    name: '250 h service',
    interval_meter: 250,
    last_performed_meter: 12_260,
    last_performed_date: '2026-03-01',
    tasks: [
      { description: 'Drain engine oil and refill', is_mandatory: true },
      { description: 'Grease pivot points', is_mandatory: false },
    ],
  });
  const s500 = await insertSchedule(f, id, {
    name: '500 h service',
    interval_meter: 500,
    last_performed_meter: 12_010,
    last_performed_date: '2026-01-20',
    tasks: [
      { description: 'Replace fuel filters', is_mandatory: true },
      { description: 'Record engine oil pressure', is_mandatory: true },
      { description: 'Take an oil sample', is_mandatory: false },
    ],
  });
  return { asset: id, code, s250, s500 };
}

describe('hybrid schedules, whichever comes first', () => {
  it('250 h and 500 h both reached: one work order, for the 500 h, with the 250 h folded into it', async () => {
    const x = await excavatorWithServices();
    expect(await workOrdersOf(f, x.asset)).toEqual([]);
    await logHours(f, x.asset, yesterday, 22); // 12,490 -> 12,512 h

    const wos = await workOrdersOf(f, x.asset);
    expect(wos).toHaveLength(1);
    const wo = wos[0];
    expect(wo).toMatchObject({
      status: 'draft',
      pm_schedule_id: x.s500,
      pm_cycle: 1,
      title: `500 h service: ${x.code}`,
      pm_why:
        '500 h reached at 12,512 h (due at 12,510 h), last done at 12,010 h on 2026-01-20; ' +
        'the 250 h service is folded into it.',
    });
    // The checklist is the 500 h schedule's task list, mandatory flags included.
    const { rows: tasks } = await f.su.query<{
      id: string;
      seq: number;
      description: string;
      is_mandatory: boolean;
    }>('SELECT id, seq, description, is_mandatory FROM wo_tasks WHERE wo_id = $1 ORDER BY seq', [wo?.id]);
    // The ids follow from (schedule, cycle) and are valid UUIDs for the stations' contract, which
    // checks every id a screen sends back (wo.ready, wo.task_result).
    for (const id of [wo?.id, ...tasks.map((t) => t.id)]) expect(uuid.safeParse(id).success, id).toBe(true);
    expect(tasks.map(({ id: _, ...t }) => t)).toEqual([
      { seq: 1, description: 'Replace fuel filters', is_mandatory: true },
      { seq: 2, description: 'Record engine oil pressure', is_mandatory: true },
      { seq: 3, description: 'Take an oil sample', is_mandatory: false },
    ]);

    const s250 = await scheduleRow(f, x.s250);
    const s500 = await scheduleRow(f, x.s500);
    expect(s250.suppressed_by_schedule_id).toBe(x.s500);
    expect(s250.why).toBe(
      `Folded into ${wo?.code} (500 h service), which includes it; it restarts from that service's completion.`,
    );
    expect(s500.suppressed_by_schedule_id).toBeNull();
    expect(s500.why).toBe(
      `${wo?.code} is open for it: 500 h reached at 12,512 h (due at 12,510 h); last done at 12,010 h on 2026-01-20.`,
    );
    expect(s500).toMatchObject({ due_meter: '12510.00', cycle: 1 });
  });

  it('falls due by date on a date-only schedule, and by whichever comes first on a hybrid one', async () => {
    const { id } = await insertMeteredAsset(f, 40_000, 118_500);
    const weekly = await insertSchedule(f, id, {
      name: 'Weekly safety inspection',
      interval_days: 7,
      last_performed_date: await serverDay(f, -3),
    });
    const brakes = await insertSchedule(f, id, {
      name: 'Brake inspection (90 days or 20,000 km)',
      interval_days: 90,
      interval_meter: 20_000,
      meter: 'odometer',
      last_performed_date: await serverDay(f, -10),
      last_performed_meter: 100_000,
    });
    expect(await runAll()).toEqual([]);
    expect((await scheduleRow(f, weekly)).why).toBe(
      `Next on ${await serverDay(f, 4)}; last done on ${await serverDay(f, -3)}.`,
    );
    expect((await scheduleRow(f, brakes)).why).toBe(
      `Next at 120,000 km (now 118,500 km) or on ${await serverDay(f, 80)}, whichever comes first; ` +
        `last done at 100,000 km on ${await serverDay(f, -10)}.`,
    );

    // Four days on, the weekly inspection is due by date; the brakes not yet.
    const generated = await runAll(await serverDay(f, 4));
    expect(generated.map((g) => g.why)).toEqual([
      `7 days since ${await serverDay(f, -3)} passed on ${await serverDay(f, 4)}, last done on ${await serverDay(f, -3)}.`,
    ]);
    // The odometer reaches 120,000 km long before the 90 days: due by meter.
    await f.su.query('UPDATE asset_meters SET current_odometer = 120050 WHERE asset_id = $1', [id]);
    const wos = await workOrdersOf(f, id);
    expect(wos.map((w) => [w.pm_schedule_id, w.pm_why])).toEqual([
      [weekly, expect.stringContaining('7 days since')],
      [
        brakes,
        `20,000 km reached at 120,050 km (due at 120,000 km), last done at 100,000 km on ${await serverDay(f, -10)}.`,
      ],
    ]);
  });

  it('forecasts the due date from the asset’s average daily use', async () => {
    const { id, code } = await insertMeteredAsset(f, 0);
    // 30 days of 8 h a day, then the meter is set to what they add up to.
    for (let d = 30; d >= 1; d--) {
      await f.su.query(
        `INSERT INTO daily_logs (tenant_id, date, supervisor_id, asset_id, run_hours_added, fuel_liters_added)
         VALUES ($1, current_date - $2::int, $3, $4, 8, 80)`,
        [f.tenantId, d, f.users.supervisor, id],
      );
    }
    const schedule = await insertSchedule(f, id, {
      name: '500 h service',
      interval_meter: 500,
      last_performed_meter: 0,
      last_performed_date: await serverDay(f, -31),
    });
    await f.su.query('DELETE FROM amms_private.pm_meter_days WHERE asset_id = $1', [id]);
    await f.su.query(
      'UPDATE asset_meters SET current_run_hours = 240, last_updated_at = now() WHERE asset_id = $1',
      [id],
    );
    const { rows } = await f.su.query<{ run_hours_per_day: string; run_hours_days: number }>(
      'SELECT run_hours_per_day::text, run_hours_days FROM asset_usage WHERE asset_id = $1',
      [id],
    );
    // From the end of the first logged day (8 h) to today (240 h): 232 h in 30 days.
    expect(rows).toEqual([{ run_hours_per_day: '7.73', run_hours_days: 30 }]);
    // (500 - 240) / 7.73 = 33.6 days: around 34 days from today.
    const row = await scheduleRow(f, schedule);
    expect(row.forecast_date).toBe(await serverDay(f, 34));
    expect(row.why).toBe(
      `Next at 500 h (now 240 h, about 7.7 h a day: around ${await serverDay(f, 34)}); last done at 0 h on ${await serverDay(f, -31)}.`,
    );
    expect(code).toMatch(/^EX-/);
  });

  it('counts a schedule never done from 0 on the meter and from the day it was made', async () => {
    const { id } = await insertMeteredAsset(f, 180);
    const schedule = await insertSchedule(f, id, {
      name: '250 h service',
      interval_meter: 250,
      interval_days: 180,
    });
    await runAll();
    expect((await scheduleRow(f, schedule)).why).toBe(
      `Next at 250 h (now 180 h) or on ${await serverDay(f, 180)}, whichever comes first; ` +
        `no service on record: counted from 0 h and ${today}, when the schedule was made.`,
    );
  });
});

describe('never a duplicate', () => {
  it('re-running the engine, many times and at once, makes no second work order', async () => {
    const x = await excavatorWithServices();
    await logHours(f, x.asset, yesterday, 22);
    for (let i = 0; i < 5; i++) {
      expect(await runAll()).toEqual([]);
      expect(await runAsset(x.asset)).toEqual([]);
    }
    const clients = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const c = new pg.Client({ connectionString: f.db.url });
        await c.connect();
        return c;
      }),
    );
    try {
      await Promise.all(
        clients.map((c, i) =>
          i % 2 === 0
            ? c.query('SELECT amms_private.pm_run(current_date)')
            : c.query('SELECT amms_private.pm_run_asset($1, $2, current_date)', [f.tenantId, x.asset]),
        ),
      );
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    expect(await workOrdersOf(f, x.asset)).toHaveLength(1);
  });

  it('two stations logging one asset at the same moment make one work order', async () => {
    const x = await excavatorWithServices();
    const second = await f.secondStation();
    await Promise.all([
      applied(f.station, 'daily_log.record', f.users.supervisor, {
        asset_id: x.asset,
        date: yesterday,
        run_hours_added: 11,
        fuel_liters_added: 90,
      }),
      applied(second, 'daily_log.record', f.users.supervisor, {
        asset_id: x.asset,
        date: today,
        run_hours_added: 11,
        fuel_liters_added: 90,
      }),
    ]);
    const wos = await workOrdersOf(f, x.asset);
    expect(wos).toHaveLength(1);
    expect(wos[0]?.pm_why).toContain('500 h reached at 12,512 h');
  });

  it('a meter correction that makes the PM no longer due keeps the work order; the meter rising again makes no second one', async () => {
    const x = await excavatorWithServices();
    await logHours(f, x.asset, yesterday, 22);
    const [wo] = await workOrdersOf(f, x.asset);
    await setMeter(f, x.asset, 12_420); // a wrong daily log corrected: 90 h less
    const after = await workOrdersOf(f, x.asset);
    expect(after).toEqual([wo]);
    expect((await scheduleRow(f, x.s500)).why).toBe(
      `${wo?.code} is open for it, but it is no longer due (next at 12,510 h (now 12,420 h)): the meter went down ` +
        'after the work order was made. The work order is kept; cancel it if the work should wait.',
    );
    // Folded schedules stay folded while the work order is open.
    expect((await scheduleRow(f, x.s250)).suppressed_by_schedule_id).toBe(x.s500);
    await setMeter(f, x.asset, 12_530);
    await runAll();
    expect(await workOrdersOf(f, x.asset)).toEqual([wo]);
    expect((await scheduleRow(f, x.s500)).why).toContain(
      `${wo?.code} is open for it: 500 h reached at 12,530 h`,
    );
  });

  it('the database refuses a second open work order for a schedule and a second one for a cycle', async () => {
    const x = await excavatorWithServices();
    await logHours(f, x.asset, yesterday, 22); // the engine's work order: cycle 1, draft
    const insert = (cycle: number, status: string): Promise<unknown> =>
      f.su.query(
        `INSERT INTO work_orders (id, tenant_id, code, asset_id, pm_schedule_id, pm_cycle, status, origin, title,
                                  cancel_reason, closed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::wo_status, 'pm', 'Copy',
                 CASE WHEN $7 = 'cancelled' THEN 'x' END, CASE WHEN $7 = 'closed' THEN now() END)`,
        [uuidv7(), f.tenantId, `WO-COPY-${cycle}-${status.toUpperCase()}`, x.asset, x.s500, cycle, status],
      );
    await expect(insert(2, 'draft')).rejects.toMatchObject({
      constraint: 'work_orders_one_open_per_schedule',
    });
    await expect(insert(1, 'closed')).rejects.toMatchObject({ constraint: 'work_orders_pm_cycle_key' });
    await expect(insert(1, 'cancelled')).resolves.toBeDefined(); // a cancelled one counts for neither
  });
});

describe('suppression', () => {
  it('folds a smaller service falling due while the bigger one’s work order is open', async () => {
    const { id } = await insertMeteredAsset(f, 12_505);
    const s250 = await insertSchedule(f, id, {
      name: '250 h service',
      interval_meter: 250,
      last_performed_meter: 12_300,
    });
    const s500 = await insertSchedule(f, id, {
      name: '500 h service',
      interval_meter: 500,
      last_performed_meter: 12_000,
    });
    await runAll();
    const [big] = await workOrdersOf(f, id);
    expect(big?.pm_schedule_id).toBe(s500);
    expect((await scheduleRow(f, s250)).suppressed_by_schedule_id).toBeNull(); // due at 12,550: not near yet
    await setMeter(f, id, 12_551);
    expect(await workOrdersOf(f, id)).toHaveLength(1);
    expect((await scheduleRow(f, s250)).suppressed_by_schedule_id).toBe(s500);
    const [again] = await workOrdersOf(f, id);
    expect(again?.pm_why).toContain(
      `The 250 h service was folded into it on ${today} (250 h reached at 12,551 h`,
    );
  });

  it('cancels the smaller service’s work order that was not started when the bigger one falls due; a started one stays', async () => {
    const notStarted = await insertMeteredAsset(f, 12_300);
    const started = await insertMeteredAsset(f, 12_300);
    const ids: Record<string, { s250: string; s500: string }> = {};
    for (const a of [notStarted, started]) {
      ids[a.id] = {
        s250: await insertSchedule(f, a.id, {
          name: '250 h service',
          interval_meter: 250,
          last_performed_meter: 12_010,
        }),
        s500: await insertSchedule(f, a.id, {
          name: '500 h service',
          interval_meter: 500,
          last_performed_meter: 12_010,
        }),
      };
    }
    await runAll(); // the 250 h services are due (12,260)
    const [small] = await workOrdersOf(f, started.id);
    await f.su.query(`UPDATE work_orders SET status = 'ready' WHERE id = $1`, [small?.id]);
    await f.su.query(`UPDATE work_orders SET status = 'in_progress' WHERE id = $1`, [small?.id]);
    await setMeter(f, notStarted.id, 12_515);
    await setMeter(f, started.id, 12_515);

    const first = await workOrdersOf(f, notStarted.id);
    expect(first.map((w) => [w.pm_schedule_id, w.status])).toEqual([
      [ids[notStarted.id]?.s250, 'cancelled'],
      [ids[notStarted.id]?.s500, 'draft'],
    ]);
    expect(first[0]?.cancel_reason).toBe(`Folded into ${first[1]?.code} (500 h service), which includes it.`);

    const second = await workOrdersOf(f, started.id);
    expect(second.map((w) => [w.pm_schedule_id, w.status])).toEqual([
      [ids[started.id]?.s250, 'in_progress'],
      [ids[started.id]?.s500, 'draft'],
    ]);
    expect((await scheduleRow(f, ids[started.id]?.s250 ?? '')).suppressed_by_schedule_id).toBeNull();
  });

  it('brings the bigger service forward when it is due within 10 % of its interval', async () => {
    const { id } = await insertMeteredAsset(f, 12_240);
    const s250 = await insertSchedule(f, id, {
      name: '250 h service',
      interval_meter: 250,
      last_performed_meter: 12_000,
    });
    const s500 = await insertSchedule(f, id, {
      name: '500 h service',
      interval_meter: 500,
      last_performed_meter: 11_780,
    });
    await setMeter(f, id, 12_251); // 250 h due at 12,250 reached; 500 h due at 12,280 (within 50 h)
    const wos = await workOrdersOf(f, id);
    expect(wos.map((w) => w.pm_schedule_id)).toEqual([s500]);
    expect(wos[0]?.pm_why).toBe(
      'Brought forward: the 250 h service is due (250 h reached at 12,251 h (due at 12,250 h)), and the 500 h service, ' +
        'due at 12,280 h (now 12,251 h), includes it; last done at 11,780 h; the 250 h service is folded into it.',
    );
    expect((await scheduleRow(f, s250)).suppressed_by_schedule_id).toBe(s500);
  });

  it('never folds a calendar inspection into an hour service, nor services of another meter', async () => {
    const { id } = await insertMeteredAsset(f, 12_600, 50_000);
    const hours = await insertSchedule(f, id, {
      name: '500 h service',
      interval_meter: 500,
      last_performed_meter: 12_000,
    });
    const km = await insertSchedule(f, id, {
      name: '10,000 km service',
      interval_meter: 10_000,
      meter: 'odometer',
      last_performed_meter: 40_000,
    });
    const monthly = await insertSchedule(f, id, {
      name: 'Monthly inspection',
      interval_days: 30,
      last_performed_date: await serverDay(f, -40),
    });
    await runAll();
    const wos = await workOrdersOf(f, id);
    expect(wos.map((w) => w.pm_schedule_id).sort()).toEqual([hours, km, monthly].sort());
  });
});

describe('what the engine leaves alone', () => {
  it('generates nothing for an inactive schedule or a disposed asset, and says so', async () => {
    const a = await insertMeteredAsset(f, 5_000);
    const b = await insertMeteredAsset(f, 5_000);
    const inactive = await insertSchedule(f, a.id, { name: '250 h service', interval_meter: 250 });
    await f.su.query('UPDATE pm_schedules SET is_active = false WHERE id = $1', [inactive]);
    const disposed = await insertSchedule(f, b.id, { name: '250 h service', interval_meter: 250 });
    await f.su.query(`UPDATE assets SET status = 'disposed' WHERE id = $1`, [b.id]);
    await runAll();
    expect(await workOrdersOf(f, a.id)).toEqual([]);
    expect(await workOrdersOf(f, b.id)).toEqual([]);
    expect((await scheduleRow(f, inactive)).why).toBe('Inactive: no work orders are generated.');
    expect((await scheduleRow(f, disposed)).why).toBe(
      'The asset is disposed of: no work orders are generated.',
    );
  });

  it('leaves tenant B alone when run for tenant A, and a run for every tenant serves both', async () => {
    const before = await f.su.query('SELECT count(*)::int AS n FROM work_orders WHERE tenant_id = $1', [
      f.fx.b.tenantId,
    ]);
    await runAll();
    const after = await f.su.query('SELECT count(*)::int AS n FROM work_orders WHERE tenant_id = $1', [
      f.fx.b.tenantId,
    ]);
    expect(after.rows).toEqual(before.rows);
  });
});
