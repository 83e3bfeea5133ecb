// npm run bench:propagation — how long a row committed on the server takes to reach a following
// station's cache (LISTEN/NOTIFY wake-up, then an incremental pull), under a background write
// load from other writers in both tenants.
import pg from 'pg';
import { StationCache } from '../../src-main/cache/station-cache.ts';
import { SyncEngine } from '../../src-main/sync/sync-engine.ts';
import { fmt, percentile, startBenchEnv } from './bench-env.ts';

const samples = Number(process.argv[2] ?? 100);
const loadPerSecond = Number(process.argv[3] ?? 50);
const env = await startBenchEnv('small');
try {
  const { dir, file } = await env.enroll();
  const cache = StationCache.open(dir);
  const engine = new SyncEngine(cache, file, { pollIntervalMs: 60_000 });
  await engine.syncOnce();
  engine.start();

  const admin = new pg.Client({ connectionString: env.url });
  await admin.connect();
  const load = new pg.Client({ connectionString: env.url });
  await load.connect();
  const stockIds = (
    await load.query<{ id: string }>('SELECT id FROM inventory_stock ORDER BY random() LIMIT 500')
  ).rows.map((r) => r.id);
  const control = { loading: true };
  let loadCommits = 0;
  const loadLoop = (async () => {
    while (control.loading) {
      const id = stockIds[loadCommits % stockIds.length];
      await load.query('UPDATE inventory_stock SET qty_on_hand = qty_on_hand + 1 WHERE id = $1', [id]);
      loadCommits++;
      await new Promise((r) => setTimeout(r, 1000 / loadPerSecond));
    }
  })();

  const probe = (
    await admin.query<{ id: string }>('SELECT id FROM parts WHERE tenant_id = $1 LIMIT 1', [file.tenantId])
  ).rows[0]?.id;
  if (!probe) throw new Error('No part to probe with.');
  const read = cache.reader.prepare('SELECT name FROM parts WHERE id = ?').pluck();
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const marker = `Probe ${i} ${Date.now()}`;
    await admin.query('UPDATE parts SET name = $1 WHERE id = $2', [marker, probe]);
    const committed = performance.now();
    for (;;) {
      if (read.get(probe) === marker) break;
      if (performance.now() - committed > 10_000) throw new Error(`Sample ${i} did not arrive within 10 s.`);
      await new Promise((r) => setTimeout(r, 2));
    }
    latencies.push(performance.now() - committed);
    await new Promise((r) => setTimeout(r, 50));
  }
  control.loading = false;
  await loadLoop;
  latencies.sort((a, b) => a - b);
  console.log(`background load: ${loadCommits} commits (${loadPerSecond}/s target)`);
  console.log(
    `propagation over ${samples} samples: median ${fmt(percentile(latencies, 50))}, p95 ${fmt(percentile(latencies, 95))}, max ${fmt(latencies[latencies.length - 1] ?? NaN)} (target < 1000 ms)`,
  );
  await admin.end();
  await load.end();
  await engine.stop();
  cache.close();
} finally {
  await env.close();
}
