// Benchmark of the demo-data generator: starts an embedded PostgreSQL in a temporary directory,
// migrates a fresh database, seeds N inventory_stock rows (default 1,000,000), prints the time and
// rate, checks the count and stops the server.
//   npx tsx db/seed/bench-seed.ts [N] [--seed S]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { databaseUrl, startEmbeddedServer } from '../embedded/embedded-server.ts';
import { migrate } from '../migrate.ts';
import { parseScale, seedDemoData } from './seed-demo-data.ts';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 1;
  const scaleText = args.find((a, i) => !a.startsWith('--') && (seedAt < 0 || i !== seedAt + 1)) ?? 'large';
  const scale = parseScale(scaleText);
  const dir = mkdtempSync(join(tmpdir(), 'amms-bench-seed-'));
  console.log(`Starting embedded PostgreSQL in ${dir} ...`);
  const server = await startEmbeddedServer({ dataDir: dir });
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    try {
      await admin.query('CREATE DATABASE amms_bench');
    } finally {
      await admin.end();
    }
    const url = databaseUrl(server.url, 'amms_bench');
    await migrate(url);
    console.log(
      `Seeding ${scale.stockRows.toLocaleString('en-US')} stock rows (scale ${scale.name}, seed ${seed}) ...`,
    );
    const started = performance.now();
    const result = await seedDemoData({
      url,
      scale,
      seed,
      onProgress: (p) => {
        const t = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
        console.log(
          `${t} s  ${p.step}${p.rows === undefined ? '' : `: ${p.rows.toLocaleString('en-US')} rows`}`,
        );
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    let stock = 0;
    try {
      const { rows } = await check.query<{ n: string }>('SELECT count(*) AS n FROM inventory_stock');
      stock = Number(rows[0]?.n ?? 0);
    } finally {
      await check.end();
    }
    console.log(result.summary);
    console.log(`Peak memory of this Node process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.`);
    console.log(
      `Seeded ${stock.toLocaleString('en-US')} stock rows in ${seconds.toFixed(1)} s ` +
        `(${Math.round(stock / seconds).toLocaleString('en-US')} stock rows/s).`,
    );
    if (stock !== scale.stockRows) {
      console.error(`Count mismatch: expected ${scale.stockRows}, found ${stock}.`);
      process.exitCode = 1;
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
