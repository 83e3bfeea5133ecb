// Latency of the counter's read calls (src-main/stock/reads) on a big station cache: 100,000
// parts and 1,000,000 stock rows at the station's site (5 warehouses), 200 technicians with
// wallets, 50,000 work orders, 300,000 stock movements and 500 queued operations. The rows go
// straight into a StationCache's mirror tables in a temp folder (no server needed).
// Run: npx tsx test/bench/stock-queries.bench.ts [parts] [stockRows]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StationCache } from '../../src-main/cache/station-cache.ts';
import { openWorkOrders } from '../../src-main/maintenance/reads/open-work-orders.ts';
import { stockByBin } from '../../src-main/stock/reads/by-bin.ts';
import { stockByPart } from '../../src-main/stock/reads/by-part.ts';
import { lowStock } from '../../src-main/stock/reads/low-stock.ts';
import { stockMovements } from '../../src-main/stock/reads/movements.ts';
import { searchParts } from '../../src-main/stock/reads/parts-search.ts';
import { technicians, walletForTechnician } from '../../src-main/stock/reads/people.ts';
import { siteWarehouses } from '../../src-main/stock/reads/warehouses.ts';
import { fillBenchCache, type BenchWorld } from './stock-fill.ts';

const PARTS = Number(process.argv[2] ?? 100_000);
const STOCK = Number(process.argv[3] ?? 1_000_000);
const RUNS = 60;

const dir = mkdtempSync(join(tmpdir(), 'amms-stock-bench-'));
const cache = StationCache.open(dir);
try {
  const started = performance.now();
  const world: BenchWorld = fillBenchCache(cache, PARTS, STOCK);
  console.log(
    `filled ${PARTS.toLocaleString('en-US')} parts, ${STOCK.toLocaleString('en-US')} stock rows ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const db = cache.reader;
  const site = world.siteId;
  const pick = <T>(list: readonly T[], i: number): T => list[(i * 7919) % list.length] as T;
  const page = { limit: 50 };

  const only = process.env.BENCH_ONLY === undefined ? null : new RegExp(process.env.BENCH_ONLY);
  function measure(name: string, run: (i: number) => unknown, runs = RUNS): void {
    if (only && !only.test(name)) return;
    run(0);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      run(i + 1);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const at = (q: number): string =>
      (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(2);
    console.log(`${name.padEnd(46)} median ${at(0.5).padStart(7)} ms   p95 ${at(0.95).padStart(7)} ms`);
  }

  let cursor: string | undefined;
  measure('parts.search SKU prefix (50)', (i) => searchParts(db, pick(world.skus, i).slice(0, 7), page));
  measure('parts.search SKU prefix, next page', (i) => {
    const first = searchParts(db, pick(world.skus, i).slice(0, 6), page);
    return first.next && searchParts(db, pick(world.skus, i).slice(0, 6), { ...page, after: first.next });
  });
  measure('parts.search barcode', (i) => searchParts(db, pick(world.barcodes, i), page));
  measure('parts.search name words (lower case)', (i) => searchParts(db, pick(world.nameQueries, i), page));
  measure('parts.search 1 letter (200 rows)', (i) =>
    searchParts(db, 'ABCDEFGH'.charAt(i % 8), { limit: 200 }),
  );
  measure('stock.byPart', (i) => stockByPart(db, pick(world.partIds, i)));
  measure('stock.byBin one bin', (i) =>
    stockByBin(db, site, {
      location_id: pick(world.warehouses, i),
      bin_location: pick(world.bins, i),
      limit: 200,
    }),
  );
  measure('stock.byBin warehouse, 200 rows, walking pages', (i) => {
    const result = stockByBin(db, site, {
      location_id: pick(world.warehouses, i),
      after: cursor,
      limit: 200,
    });
    cursor = result.next ?? undefined;
  });
  measure('stock.warehouses (5, 2,000 bins each)', () => siteWarehouses(db, site));
  cursor = undefined;
  measure('stock.lowStock 50, walking pages', () => {
    const result = lowStock(db, { after: cursor, limit: 50 });
    cursor = result.next ?? undefined;
  });
  measure('stock.lowStock first page', () => lowStock(db, { limit: 50 }));
  measure('wallets.forTechnician', (i) => walletForTechnician(db, site, pick(world.technicians, i)));
  measure('people.technicians (query)', (i) =>
    technicians(db, site, { query: pick(world.techNames, i), limit: 50 }),
  );
  measure('people.technicians (all, 50)', () => technicians(db, site, { limit: 50 }));
  measure('workOrders.open (50)', () => openWorkOrders(db, world.tenantId, { limit: 50 }));
  measure('workOrders.open code prefix', (i) =>
    openWorkOrders(db, world.tenantId, { query: pick(world.woCodes, i).slice(0, 7), limit: 50 }),
  );
  measure('stock.movements by part', (i) =>
    stockMovements(db, world, { part_id: pick(world.partIds, i), limit: 50 }),
  );
  measure('stock.movements by bin', (i) =>
    stockMovements(db, world, {
      location_id: pick(world.warehouses, i),
      bin_location: pick(world.bins, i),
      limit: 50,
    }),
  );
  measure('stock.movements by technician', (i) =>
    stockMovements(db, world, { technician_id: pick(world.technicians, i), limit: 50 }),
  );
  // For the record: what worst-first low stock would cost (every part's sum before the first row).
  measure(
    '(alternative) full GROUP BY part_id aggregate',
    () =>
      db
        .prepare(
          `SELECT p.id, p.min_level, t.q FROM (SELECT part_id, sum(qty_on_hand) AS q FROM inventory_stock
          WHERE bin_location <> 'QUARANTINE' GROUP BY part_id) t JOIN parts p ON p.id = t.part_id
          WHERE p.min_level > 0 AND t.q < p.min_level ORDER BY t.q / p.min_level LIMIT 50`,
        )
        .all(),
    5,
  );
} finally {
  cache.close();
  rmSync(dir, { recursive: true, force: true });
}
