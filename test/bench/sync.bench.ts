// npm run bench:sync — initial sync of 1,000,000 inventory_stock rows (plus the rest of a large
// seed) into an empty station, against the floor measured in the same run: a COPY of the same
// rows into SQLite with no sync logic. Prints time, ratio, peak memory and the longest SQLite
// write transaction.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startBenchEnv } from './bench-env.ts';

const target = Number(process.argv[2] ?? 1_000_000);
// The seed splits stock rows evenly between its two tenants; Acme gets the odd row.
const env = await startBenchEnv(String(target * 2));
try {
  const { dir, file } = await env.enroll();
  // Put every warehouse of the station's tenant at the station's site, so its scope holds all of
  // the tenant's stock.
  const admin = new pg.Client({ connectionString: env.url });
  await admin.connect();
  await admin.query(
    `UPDATE locations SET parent_id = $1 WHERE tenant_id = $2 AND type = 'warehouse' AND site_id <> $1`,
    [file.siteId, file.tenantId],
  );
  const { rows } = await admin.query<{ n: string }>(
    `SELECT count(*) AS n FROM inventory_stock s JOIN locations l ON l.id = s.location_id WHERE l.site_id = $1`,
    [file.siteId],
  );
  await admin.query('VACUUM ANALYZE');
  await admin.end();
  console.log(`station scope: ${Number(rows[0]?.n).toLocaleString('en-US')} inventory_stock rows`);

  const worker = fileURLToPath(new URL('./sync-workers.ts', import.meta.url));
  interface Figures {
    rows: number;
    seconds: number;
    peakRssMb: number;
    maxTransactionMs: number;
    maxIndexMs: number;
    maxStationMs: number;
  }
  const run = (mode: string): Figures => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', worker, mode, dir], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`${mode} worker failed: ${child.stderr}`);
    const last = child.stdout.trim().split('\n').pop() ?? '{}';
    return JSON.parse(last) as Figures;
  };
  const floor = run('floor');
  const sync = run('sync');
  console.log(
    `floor (COPY into SQLite + same indexes, no sync logic): ${floor.rows.toLocaleString('en-US')} rows in ${floor.seconds.toFixed(2)} s, peak ${floor.peakRssMb.toFixed(0)} MB`,
  );
  console.log(
    `initial sync:                           ${sync.rows.toLocaleString('en-US')} rows in ${sync.seconds.toFixed(2)} s, peak ${sync.peakRssMb.toFixed(0)} MB`,
  );
  console.log(`ratio to floor: ${(sync.seconds / floor.seconds).toFixed(2)}x (target <= 1.3x)`);
  console.log(`peak memory: ${sync.peakRssMb.toFixed(0)} MB (target < 500 MB)`);
  console.log(
    `longest write transaction on station.db (progress, swap of the finished mirror): ${sync.maxStationMs.toFixed(1)} ms (target < 100 ms)`,
  );
  console.log(
    `longest write transaction in the side file loading a page of rows: ${sync.maxTransactionMs.toFixed(1)} ms`,
  );
  console.log(
    `longest single index build in the side file (locks nothing anyone else uses): ${sync.maxIndexMs.toFixed(1)} ms`,
  );
} finally {
  await env.close();
}
