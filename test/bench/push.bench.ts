// npm run bench:push — how many operations per second one station's backlog is applied at.
// Queues N stock receipts offline (exactly as the UI would), then pushes them all and times it.
import { StationCache } from '../../src-main/cache/station-cache.ts';
import { submitBatch, type SubmitInput } from '../../src-main/ops/submit.ts';
import { STATION_OPERATIONS } from '../../src-main/station/operations.ts';
import { pushPending } from '../../src-main/sync/push.ts';
import { connectStation } from '../../src-main/sync/server-link.ts';
import { SyncEngine } from '../../src-main/sync/sync-engine.ts';
import { startBenchEnv } from './bench-env.ts';

const count = Number(process.argv[2] ?? 2000);
const env = await startBenchEnv('small');
try {
  const { dir, file } = await env.enroll();
  const cache = StationCache.open(dir);
  await new SyncEngine(cache, file).syncOnce();
  const storekeeper = cache.reader
    .prepare(`SELECT id FROM users WHERE role = 'storekeeper' AND site_id = ? LIMIT 1`)
    .pluck()
    .get(file.siteId) as string;
  const bins = cache.reader
    .prepare('SELECT part_id, location_id, bin_location FROM inventory_stock LIMIT 200')
    .all() as { part_id: string; location_id: string; bin_location: string }[];
  const inputs: SubmitInput[] = Array.from({ length: count }, (_, i) => {
    const bin = bins[i % bins.length];
    if (!bin) throw new Error('The seeded site has no stock.');
    return { type: 'stock.receive', userId: storekeeper, payload: { lines: [{ ...bin, qty: 1 }] } };
  });
  const queuedAt = performance.now();
  submitBatch(
    STATION_OPERATIONS,
    cache,
    { stationId: file.stationId, tenantId: file.tenantId, siteId: file.siteId },
    inputs,
  );
  console.log(`queued ${count} operations offline in ${(performance.now() - queuedAt).toFixed(0)} ms`);
  const link = await connectStation(file);
  const started = performance.now();
  const report = await pushPending(link.client, cache);
  const seconds = (performance.now() - started) / 1000;
  await link.close();
  console.log(`pushed ${report.applied} applied + ${report.rejected} rejected in ${seconds.toFixed(2)} s`);
  console.log(`push throughput: ${(count / seconds).toFixed(0)} operations/s (target >= 500)`);
  cache.close();
} finally {
  await env.close();
}
