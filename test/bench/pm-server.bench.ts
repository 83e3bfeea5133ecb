// npm run bench:pm (server part) — the PM engine on a fresh embedded PostgreSQL with 100,000
// schedules: 25,000 machines, each with the 250/500/1000 h package (5 tasks each) and a monthly
// inspection, meters and 30 days of meter samples. Times a full run that opens the due work
// orders, a full run that finds nothing new (what cron does every 15 minutes), and one asset's
// meter change (the trigger runs the engine for that asset in the change's transaction).
// Usage: tsx test/bench/pm-server.bench.ts [schedules=100000] [meter changes=300]
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { databaseUrl, startEmbeddedServer } from '../../db/embedded/embedded-server.ts';
import { migrate } from '../../db/migrate.ts';
import { fmt, percentile } from './bench-env.ts';

const SCHEDULES = Number(process.argv[2] ?? 100_000);
const CHANGES = Number(process.argv[3] ?? 300);
const ASSETS = Math.ceil(SCHEDULES / 4);

const root = mkdtempSync(join(tmpdir(), 'amms-pm-bench-'));
chmodSync(root, 0o755);
const server = await startEmbeddedServer({ dataDir: join(root, 'pg'), fast: process.env.BENCH_FAST === '1' });
try {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE amms');
  await admin.end();
  const url = databaseUrl(server.url, 'amms');
  await migrate(url);
  const c = new pg.Client({ connectionString: url });
  await c.connect();

  let t = performance.now();
  await c.query('BEGIN');
  // Loaded like the demo data: row-by-row audit and the meter trigger stay off for the bulk load.
  await c.query(`SELECT set_config('amms.bulk_load', 'on', true)`);
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO tenants (slug, name) VALUES ('bench-pm', 'PM bench') RETURNING id`,
  );
  const tenant = rows[0]?.id ?? '';
  await c.query(
    `INSERT INTO locations (id, tenant_id, type, code, name, site_id)
     VALUES ('00000000-0000-0000-0000-00000000a001', $1, 'site', 'SITE-1', 'Site 1', '00000000-0000-0000-0000-00000000a001')`,
    [tenant],
  );
  await c.query(
    `INSERT INTO assets (id, tenant_id, location_id, name)
     SELECT md5('asset' || i)::uuid, $1, '00000000-0000-0000-0000-00000000a001', 'Machine ' || i
       FROM generate_series(1, $2) i`,
    [tenant, ASSETS],
  );
  await c.query(
    `INSERT INTO asset_identities (tenant_id, asset_id, client_code)
     SELECT $1, md5('asset' || i)::uuid, 'EX-' || i FROM generate_series(1, $2) i`,
    [tenant, ASSETS],
  );
  // Meters between 2,000 and 20,000 h; usage 5 to 20 h a day, sampled 30 days ago and today.
  await c.query(
    `INSERT INTO asset_meters (tenant_id, asset_id, current_run_hours)
     SELECT $1, md5('asset' || i)::uuid, 2000 + (i * 7919) % 18000 FROM generate_series(1, $2) i`,
    [tenant, ASSETS],
  );
  await c.query(
    `INSERT INTO amms_private.pm_meter_days (tenant_id, asset_id, day, run_hours)
     SELECT $1, m.asset_id, d.day, m.current_run_hours - CASE WHEN d.day = current_date THEN 0
                                                         ELSE 30 * (5 + (hashtext(m.asset_id::text) & 15)) END
       FROM asset_meters m, (VALUES (current_date), (current_date - 30)) d(day)`,
    [tenant],
  );
  // The package: last services at a 250 h step before the meter (about 1 in 20 now due); the
  // monthly inspection done 0 to 31 days ago.
  await c.query(
    `INSERT INTO pm_schedules (tenant_id, asset_id, name, interval_meter, last_performed_meter, last_performed_date)
     SELECT $1, m.asset_id, n || ' h service', n,
            greatest(0, m.current_run_hours - 20 - (hashtext(m.asset_id::text || n) & 1023) * n / 4300.0),
            current_date - 20
       FROM asset_meters m, (VALUES (250), (500), (1000)) s(n)`,
    [tenant],
  );
  await c.query(
    `INSERT INTO pm_schedules (tenant_id, asset_id, name, interval_days, last_performed_date)
     SELECT $1, m.asset_id, 'Monthly inspection', 30, current_date - (hashtext(m.asset_id::text) & 31)
       FROM asset_meters m`,
    [tenant],
  );
  await c.query(
    `INSERT INTO pm_schedule_tasks (tenant_id, schedule_id, seq, description, is_mandatory)
     SELECT $1, s.id, k, 'Task ' || k, k <= 3 FROM pm_schedules s, generate_series(1, 5) k
      WHERE s.interval_meter IS NOT NULL`,
    [tenant],
  );
  await c.query('COMMIT');
  await c.query('ANALYZE');
  const count = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pm_schedules');
  console.log(
    `loaded ${count.rows[0]?.n.toLocaleString('en-US')} schedules on ${ASSETS.toLocaleString('en-US')} assets in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const fullRun = async (label: string, days = 0): Promise<void> => {
    t = performance.now();
    const r = await c.query<{ n: number }>(
      'SELECT jsonb_array_length(amms_private.pm_run(current_date + $1::int))::int AS n',
      [days],
    );
    console.log(`${label}: ${fmt(performance.now() - t)}, ${r.rows[0]?.n ?? 0} work orders generated`);
  };
  await fullRun(
    "full run, first (usage of every asset computed, every schedule's sentence written, due work orders opened)",
  );
  await c.query('ANALYZE');
  await fullRun('full run, again (nothing new: what cron does every 15 minutes)');
  await fullRun("full run, as of tomorrow (the day's monthly inspections fall due)", 1);
  await fullRun('full run, as of tomorrow again', 1);

  // One asset's meter change at a time: a daily log's worth of hours on a random asset.
  const times: number[] = [];
  let generated = 0;
  for (let i = 0; i < CHANGES; i++) {
    const asset = `EX-${1 + ((i * 104_729) % ASSETS)}`;
    const before = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM work_orders');
    t = performance.now();
    await c.query(
      `UPDATE asset_meters SET current_run_hours = current_run_hours + 14, last_updated_at = now()
        WHERE asset_id = (SELECT asset_id FROM asset_identities WHERE tenant_id = $1 AND client_code = $2)`,
      [tenant, asset],
    );
    times.push(performance.now() - t);
    const after = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM work_orders');
    generated += (after.rows[0]?.n ?? 0) - (before.rows[0]?.n ?? 0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `one asset's meter change (${CHANGES} changes, ${generated} of them opened a work order): ` +
      `median ${fmt(percentile(times, 50))}, p95 ${fmt(percentile(times, 95))}, max ${fmt(times.at(-1) ?? NaN)}`,
  );
  const failures = await c.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM amms_private.pm_engine_failures',
  );
  console.log(`engine failures recorded: ${failures.rows[0]?.n ?? 0}`);
  console.log(
    `load average while measuring: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (2 cores)`,
  );
  await c.end();
} finally {
  await server.stop();
  rmSync(root, { recursive: true, force: true });
}
