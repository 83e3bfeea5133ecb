// Shared set-up for the benchmark scripts: a fresh embedded PostgreSQL in a temp folder (normal
// durability, as on a real server), a migrated database, demo data, an enrolled station.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { enrollStation } from '../../db/admin/enroll-station.ts';
import type { StationFile } from '../../db/admin/station-file.ts';
import { databaseUrl, startEmbeddedServer, type EmbeddedServer } from '../../db/embedded/embedded-server.ts';
import { migrate } from '../../db/migrate.ts';
import { parseScale, seedDemoData, type SeedResult } from '../../db/seed/seed-demo-data.ts';

export interface BenchEnv {
  url: string;
  root: string;
  server: EmbeddedServer;
  seed: SeedResult;
  enroll(siteIndex?: number): Promise<{ dir: string; file: StationFile }>;
  close(): Promise<void>;
}

export async function startBenchEnv(scale: string): Promise<BenchEnv> {
  const root = mkdtempSync(join(tmpdir(), 'amms-bench-'));
  chmodSync(root, 0o755);
  const server = await startEmbeddedServer({
    dataDir: join(root, 'pg'),
    fast: process.env.BENCH_FAST === '1',
  });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE amms');
  await admin.end();
  const url = databaseUrl(server.url, 'amms');
  await migrate(url);
  const started = performance.now();
  const seed = await seedDemoData({ url, scale: parseScale(scale), seed: 1 });
  console.log(`seeded ${seed.summary} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  let stations = 0;
  return {
    url,
    root,
    server,
    seed,
    enroll: async (siteIndex = 0) => {
      const site = seed.sites[siteIndex];
      if (!site) throw new Error(`The seed has no site #${siteIndex}.`);
      const dir = join(root, `station-${++stations}`);
      const result = await enrollStation({
        adminUrl: url,
        tenantSlug: site.tenantSlug,
        siteCode: site.code,
        dir,
      });
      return { dir, file: result.file };
    },
    close: async () => {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

export function fmt(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}
