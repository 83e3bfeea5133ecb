// npm run bench:pm (station part) — two station caches in temp folders, rows written straight into
// the mirror tables with the indexes built after the load (as the initial sync does):
// 1. the PM board (pm.board's read) of a site with 10,000 assets and their 40,000 schedules (a
//    250/500 h package, a monthly inspection and an odometer service each), 2,000 open PM work
//    orders and queued daily-log hours on 500 meters;
// 2. Lookup by name (resolveCode: exact codes first, then the FTS5 trigram name indexes) over
//    600,000 assets with their identities and 400,000 parts (1,000,000 cached identities and
//    parts): words of asset and part names, two-word searches, rare names, and words no name has
//    (which go on to the suggestions).
// Usage: tsx test/bench/pm-station.bench.ts [assets=10000] [identities=600000] [parts=400000] [lookups=20000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rngFor } from '../../db/seed/prng.ts';
import { StationCache } from '../../src-main/cache/station-cache.ts';
import { pmBoard } from '../../src-main/maintenance/reads/pm-board.ts';
import { resolveCode } from '../../src-main/resolve/resolver.ts';
import { mirrorInserter, type MirrorRow } from '../helpers/mirror-rows.ts';

const ASSETS = Number(process.argv[2] ?? 10_000);
const IDENTITIES = Number(process.argv[3] ?? 600_000);
const PARTS = Number(process.argv[4] ?? 400_000);
const LOOKUPS = Number(process.argv[5] ?? 20_000);

const rng = rngFor(1, 'pm-station-bench');
const now = new Date();
const DAY = 86_400_000;
const day = (offset: number): string => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);

function stats(list: number[], unit: 'ms' | 'µs'): string {
  const sorted = [...list].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const f = (v: number): string => (unit === 'ms' ? v.toFixed(1) : v.toFixed(0)).padStart(7);
  return `median ${f(at(0.5))} ${unit}   p95 ${f(at(0.95))} ${unit}   p99 ${f(at(0.99))} ${unit}   max ${f(at(1))} ${unit}   (${String(sorted.length)} runs)`;
}

function openCache(label: string): { cache: StationCache; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), `amms-pm-${label}-bench-`));
  return { cache: StationCache.open(dir), dir };
}

function load(
  cache: StationCache,
  table: Parameters<typeof mirrorInserter>[1],
  count: number,
  row: (i: number) => MirrorRow,
): void {
  const insert = mirrorInserter(cache.writer, table);
  for (let start = 0; start < count; start += 50_000) {
    cache.transaction(() => {
      for (let i = start; i < Math.min(count, start + 50_000); i++) insert(row(i));
    });
  }
}

// 1. The PM board -------------------------------------------------------------------------------
{
  const { cache, dir } = openCache('board');
  const site = 'site-0';
  const started = performance.now();
  load(cache, 'locations', 50, (i) => ({
    id: i === 0 ? site : `loc-${String(i)}`,
    code: i === 0 ? 'ACME-NBO' : `ACME-NBO-A${String(i)}`,
    name: `Area ${String(i)}`,
    type: i === 0 ? 'site' : 'area',
    site_id: site,
    is_active: 1,
  }));
  load(cache, 'assets', ASSETS, (i) => ({
    id: `asset-${String(i)}`,
    location_id: `loc-${String(1 + (i % 49))}`,
    name: `Machine ${String(i)}`,
    status: 'in_service',
  }));
  load(cache, 'asset_identities', ASSETS, (i) => ({
    asset_id: `asset-${String(i)}`,
    client_code: `EX-${String(1000 + i)}`,
  }));
  const meters: number[] = [];
  load(cache, 'asset_meters', ASSETS, (i) => {
    const hours = rng.int(500, 20_000);
    meters.push(hours);
    return { asset_id: `asset-${String(i)}`, current_run_hours: hours, current_odometer: hours * 30 };
  });
  load(cache, 'asset_usage', ASSETS, (i) => ({
    asset_id: `asset-${String(i)}`,
    run_hours_per_day: 8 + (i % 9),
    run_hours_days: 30,
  }));
  // Four schedules an asset: 250 h and 500 h (a package), a monthly inspection, a 10,000 km service.
  const kinds = [
    { name: '250 h service', meter: 'run_hours', every: 250 },
    { name: '500 h service', meter: 'run_hours', every: 500 },
    { name: 'Monthly inspection', meter: null, every: 30 },
    { name: '10,000 km service', meter: 'odometer', every: 10_000 },
  ];
  let openWos = 0;
  load(cache, 'pm_schedules', ASSETS * 4, (n) => {
    const i = Math.floor(n / 4);
    const kind = kinds[n % 4] ?? kinds[0];
    const meterNow = (meters[i] ?? 0) * (kind?.meter === 'odometer' ? 30 : 1);
    const left = rng.int(-40, 600);
    const byDate = kind?.meter === null;
    const suppressed = n % 4 === 0 && i % 7 === 0;
    return {
      id: `s-${String(n)}`,
      asset_id: `asset-${String(i)}`,
      name: kind?.name ?? '',
      is_active: 1,
      meter: kind?.meter ?? 'run_hours',
      cycle: 3,
      interval_days: byDate ? 30 : null,
      interval_meter: byDate ? null : (kind?.every ?? 250),
      due_date: byDate ? day(rng.int(-5, 30)) : null,
      due_meter: byDate ? null : meterNow + left,
      forecast_date: byDate ? null : day(Math.ceil(left / 10)),
      suppressed_by_schedule_id: suppressed ? `s-${String(n + 1)}` : null,
      why: `Next at ${String(meterNow + left)} h (now ${String(meterNow)} h, about 10 h a day); last done at ${String(meterNow - 200)} h.`,
    };
  });
  load(cache, 'work_orders', Math.min(2_000, ASSETS), (i) => {
    openWos++;
    return {
      id: `wo-${String(i)}`,
      code: `WO-${String(100_000 + i)}`,
      asset_id: `asset-${String(i * 5)}`,
      pm_schedule_id: `s-${String(i * 5 * 4 + 1)}`,
      title: '500 h service',
      status: i % 3 === 0 ? 'in_progress' : 'draft',
      origin: 'pm',
      priority: 'normal',
    };
  });
  cache.transaction(() => {
    const effect = cache.writer.prepare(
      `INSERT INTO pending_effects (op_id, entity, key, delta) VALUES (?, 'meter', ?, ?)`,
    );
    for (let i = 0; i < 500; i++) effect.run(`op-${String(i)}`, `asset-${String(i * 17)}`, 9.5);
  });
  const loaded = performance.now();
  cache.createMirrorIndexes();
  console.log(
    `PM board cache: ${ASSETS.toLocaleString('en-US')} assets, ${(ASSETS * 4).toLocaleString('en-US')} schedules, ${openWos.toLocaleString('en-US')} open PM work orders, 500 queued daily logs; loaded in ${((loaded - started) / 1000).toFixed(1)} s, indexes ${((performance.now() - loaded) / 1000).toFixed(1)} s`,
  );
  const db = cache.reader;
  let board = pmBoard(db, site, now);
  for (let k = 0; k < 3; k++) board = pmBoard(db, site, now); // warm up
  const times: number[] = [];
  for (let k = 0; k < 30; k++) {
    const t = performance.now();
    board = pmBoard(db, site, now);
    times.push(performance.now() - t);
  }
  const oneAsset: number[] = [];
  for (let k = 0; k < 500; k++) {
    const t = performance.now();
    pmBoard(db, site, now, { assetId: `asset-${String(rng.int(0, ASSETS - 1))}` });
    oneAsset.push(performance.now() - t);
  }
  console.log(`  pm.board, whole site   ${stats(times, 'ms')}   target < 100 ms`);
  console.log(
    `    rows shown ${board.rows.length.toLocaleString('en-US')}: ${Object.entries(board.counts)
      .map(([bucket, n]) => `${bucket} ${n.toLocaleString('en-US')}`)
      .join(', ')}`,
  );
  console.log(`  pm.board, one asset    ${stats(oneAsset, 'ms')}`);
  cache.close();
  rmSync(dir, { recursive: true, force: true });
}

// 2. Lookup by name ------------------------------------------------------------------------------
{
  const { cache, dir } = openCache('names');
  const MACHINES = [
    ['Excavator', ['Komatsu PC210-11', 'CAT 320', 'Volvo EC220E', 'Hitachi ZX200']],
    ['Dump truck', ['CAT 745', 'Volvo A40G', 'Bell B45E']],
    ['Wheel loader', ['CAT 966M', 'Komatsu WA380', 'Volvo L120H']],
    ['Dozer', ['CAT D6', 'Komatsu D65EX']],
    ['Grader', ['CAT 140', 'John Deere 770G']],
    ['Generator', ['Perkins 500 kVA', 'Cummins C220D5']],
    ['Dewatering pump', ['Grundfos S1.80', 'Atlas Copco WEDA', 'Godwin CD150M']],
    ['Compressor', ['Atlas Copco XAS 185', 'Sullair 375']],
    ['Lighting tower', ['Atlas Copco HiLight V5+', 'Generac MLT6S']],
    ['Crane truck', ['Hiab X-HiPro 232', 'Palfinger PK 23500']],
  ] as const;
  const PART_WORDS = [
    ['Hydraulic hose', ['1/2in x 1.2m', '3/4in x 2m', '1in x 0.8m']],
    ['Oil filter', ['Fleetguard LF9009', 'Donaldson P550162', 'Baldwin B7177']],
    ['Air filter element', ['outer', 'inner safety']],
    ['Ball bearing', ['6205-2RS', '6310-ZZ', '22220 EK']],
    ['V-belt', ['SPB 2000', 'SPA 1250']],
    ['O-ring kit', ['metric 382 pcs', 'imperial 407 pcs']],
    ['Fuel injector', ['Bosch 0445120', 'Delphi BEBE4']],
    ['Brake pad set', ['front axle', 'rear axle']],
    ['Track shoe bolt', ['M20 x 60', 'M22 x 70']],
    ['LED work lamp', ['24V 48W', '12V 27W']],
  ] as const;
  const started = performance.now();
  load(cache, 'locations', 20, (i) => ({
    id: `loc-${String(i)}`,
    code: `SITE-${String(i)}`,
    name: `Yard ${String(i)}`,
    type: 'area',
    site_id: 'loc-0',
    is_active: 1,
  }));
  load(cache, 'assets', IDENTITIES, (i) => {
    const [kind, models] = MACHINES[i % MACHINES.length] ?? MACHINES[0];
    return {
      id: `asset-${String(i)}`,
      location_id: `loc-${String(i % 20)}`,
      name: `${kind} ${models[Math.floor(i / MACHINES.length) % models.length] ?? ''} #${String(i)}`,
      status: 'in_service',
    };
  });
  load(cache, 'asset_identities', IDENTITIES, (i) => ({
    asset_id: `asset-${String(i)}`,
    client_code: `A-${String(100_000 + i)}`,
    qr_token: `tok${String(i).padStart(12, '0')}`,
  }));
  load(cache, 'parts', PARTS, (p) => {
    const [word, sizes] = PART_WORDS[p % PART_WORDS.length] ?? PART_WORDS[0];
    return {
      id: `part-${String(p)}`,
      sku: `P-${String(1_000_000 + p)}`,
      name: `${word} ${sizes[Math.floor(p / PART_WORDS.length) % sizes.length] ?? ''} v${String(p)}`,
      unit: 'piece',
      is_active: 1,
    };
  });
  const loaded = performance.now();
  cache.createMirrorIndexes();
  console.log(
    `name search cache: ${IDENTITIES.toLocaleString('en-US')} assets with identities and ${PARTS.toLocaleString('en-US')} parts; loaded in ${((loaded - started) / 1000).toFixed(1)} s, indexes (FTS5 trigram included) ${((performance.now() - loaded) / 1000).toFixed(1)} s`,
  );
  const pick = <T>(list: readonly T[]): T => list[rng.int(0, list.length - 1)] as T;
  const KINDS: [string, () => string][] = [
    ['machine word', () => pick(MACHINES)[0].split(' ')[0]?.toLowerCase() ?? 'excavator'],
    ['make and model', () => pick(pick(MACHINES)[1]).split(' ').slice(0, 2).join(' ')],
    ['part words', () => pick(PART_WORDS)[0].toLowerCase()],
    ['part size', () => pick(pick(PART_WORDS)[1])],
    ['rare: one name', () => `#${String(rng.int(0, IDENTITIES - 1))}`.replace('#', 'Excavator #')],
    ['no such name', () => pick(['gearboxx', 'windscreen wiper blade', 'tyre 29.5R25', 'zzz'])],
  ];
  const plan = Array.from({ length: LOOKUPS }, (_, k) => {
    const kind = KINDS[k % KINDS.length] ?? KINDS[0];
    return { kind: kind?.[0] ?? '', text: kind?.[1]() ?? '' };
  });
  const db = cache.reader;
  for (const { text } of plan.slice(0, 600)) resolveCode(db, text); // warm up
  const times = new Map<string, number[]>();
  const found = new Map<string, number>();
  for (const { kind, text } of plan) {
    const t = process.hrtime.bigint();
    const r = resolveCode(db, text);
    const micros = Number(process.hrtime.bigint() - t) / 1000;
    for (const key of [kind, 'all']) (times.get(key) ?? times.set(key, []).get(key))?.push(micros);
    if (r.matches.length > 0) found.set(kind, (found.get(kind) ?? 0) + 1);
  }
  console.log(
    `  resolveCode by name over ${(IDENTITIES + PARTS).toLocaleString('en-US')} identities and parts:`,
  );
  for (const [kind] of [...KINDS, ['all']]) {
    const list = times.get(kind) ?? [];
    const hits = kind === 'all' ? '' : `  ${String(found.get(kind) ?? 0)} found`;
    console.log(`    ${kind.padEnd(16)} ${stats(list, 'µs')}${hits}`);
  }
  console.log('    target: p99 < 20,000 µs');
  cache.close();
  rmSync(dir, { recursive: true, force: true });
}
