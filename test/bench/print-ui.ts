// The renderer's side of bench:print: the station app in Debian's Chromium (web host, embedded
// PostgreSQL, demo data), a long-task observer in the page, and a 500-line manifest made in the
// core while the page listens to its progress events. Reports the longest main-thread task.
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { databaseUrl, startEmbeddedServer } from '../../db/embedded/embedded-server.ts';
import { migrate } from '../../db/migrate.ts';
import { printServiceOf } from '../../src-main/print/print-service.ts';
import { CHROMIUM_PATH, RENDERER_DIR, startWebStation, waitForSynced } from '../helpers/web-station.ts';
import { sampleManifest } from '../helpers/shipment-doc-samples.ts';

export type StallResult =
  { ok: true; longest: number; tasks: number; how: string } | { ok: false; why: string };

/** Runs in the page: collects the duration of every long task (over 50 ms) of the main thread. */
const OBSERVE = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
  .observe({ type: 'longtask', buffered: false });`;

export async function rendererStallWhileManifest(): Promise<StallResult> {
  if (!existsSync(CHROMIUM_PATH)) return { ok: false, why: `no Chromium at ${CHROMIUM_PATH}` };
  if (!existsSync(join(RENDERER_DIR, 'index.html')))
    return { ok: false, why: 'the renderer is not built (npm run build:web)' };
  const root = mkdtempSync(join(tmpdir(), 'amms-bench-print-'));
  chmodSync(root, 0o755);
  const server = await startEmbeddedServer({ dataDir: join(root, 'pg') });
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE amms');
    await admin.end();
    const url = databaseUrl(server.url, 'amms');
    await migrate(url);
    const station = await startWebStation({ adminUrl: url, pollIntervalMs: 1000 });
    try {
      const page = await station.openPage({ width: 1280, height: 900 });
      await waitForSynced(page);
      const clerk = station.login('logistics_clerk');
      await page.getByLabel('E-mail').fill(clerk.email);
      await page.getByLabel('Password').fill(clerk.password);
      await page.getByLabel('Password').press('Enter');
      await page.getByRole('button', { name: 'Log out' }).waitFor();
      await page.evaluate(OBSERVE);
      const service = printServiceOf(station.core);
      await service.room.render({ kind: 'manifest', data: sampleManifest(20) });
      const runs = 3;
      for (let i = 0; i < runs; i++) {
        await service.make(
          { kind: 'manifest', data: sampleManifest(500) },
          { fileName: 'manifest.pdf', title: 'Manifest', media: 'A4' },
          (done, total) => {
            station.core.emit('print.progress', { requestId: 'bench', done, total });
          },
        );
      }
      await page.waitForTimeout(500);
      const tasks = await page.evaluate<number[]>('window.__longTasks');
      return {
        ok: true,
        longest: Math.max(0, ...tasks),
        tasks: tasks.length,
        how: `${String(runs)} manifests made in the core's print worker, their progress events delivered to the logged-in page`,
      };
    } finally {
      await station.close();
    }
  } finally {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
