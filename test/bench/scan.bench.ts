// npm run bench:scan — resolver latency over a station cache with 1,000,000 asset identities.
// Builds the cache in a temp folder (rows written straight into the mirror tables, indexes built
// after the load as the initial sync does), then times resolveCode on the reader connection for a
// mix of hits (client code, QR token, QR URL, manufacturer barcode, SKU, part barcode, badge, work
// order, gate pass, GS1 DataMatrix) and misses that get suggestions. Prints microseconds.
// Usage: tsx test/bench/scan.bench.ts [identities=1000000] [lookups=100000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withEan13CheckDigit } from '../../db/seed/barcodes.ts';
import { rngFor } from '../../db/seed/prng.ts';
import { StationCache } from '../../src-main/cache/station-cache.ts';
import { resolveCode } from '../../src-main/resolve/resolver.ts';
import { mirrorInserter, type MirrorRow } from '../helpers/mirror-rows.ts';

const IDENTITIES = Number(process.argv[2] ?? 1_000_000);
const LOOKUPS = Number(process.argv[3] ?? 100_000);
const PREFIXES = [
  'EX',
  'DT',
  'ADT',
  'WL',
  'DZ',
  'GR',
  'GEN',
  'P',
  'C',
  'LT',
  'WB',
  'PM',
  'TR',
  'RT',
  'FL',
  'RS',
  'RTK',
];
const CATEGORIES = ['FLT', 'LUB', 'GRS', 'BRG', 'BLT', 'HOS', 'FIT', 'ELE', 'CBL', 'FST', 'TYR', 'SEA'];
const GS = '\u001d';

const rng = rngFor(1, 'scan-bench');
const dir = mkdtempSync(join(tmpdir(), 'amms-scan-bench-'));
const cache = StationCache.open(dir);

interface Sample {
  code: string;
  token: string;
  barcode: string | null;
}
const assets: Sample[] = [];
const parts: { sku: string; barcode: string }[] = [];
const others: string[] = [];

function load(
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

const loadStarted = performance.now();
const siteId = 'site-0';
load('locations', 200, (i) => ({
  id: i === 0 ? siteId : `loc-${String(i)}`,
  code: i === 0 ? 'ACME-NBO' : `ACME-NBO-${i % 10 === 0 ? 'WH' : 'AREA'}${String(i)}`,
  name: `Location ${String(i)}`,
  type: i === 0 ? 'site' : i % 10 === 0 ? 'warehouse' : 'area',
  site_id: siteId,
  is_active: 1,
}));
const perPrefix = new Map<string, number>();
load('assets', IDENTITIES, (i) => ({
  id: `asset-${String(i)}`,
  location_id: `loc-${String(1 + (i % 199))}`,
  name: `Asset ${String(i)}`,
  status: 'in_service',
  serial_number: `SN${String(i)}`,
}));
load('asset_identities', IDENTITIES, (i) => {
  const prefix = PREFIXES[i % PREFIXES.length] ?? 'EX';
  const n = (perPrefix.get(prefix) ?? 100) + 1;
  perPrefix.set(prefix, n);
  const code = `${prefix}-${String(n)}`;
  const token = rng.token(24);
  const barcode = rng.chance(0.85) ? withEan13CheckDigit(`6${String(i).padStart(11, '0')}`) : null;
  if (i % 50 === 0) assets.push({ code, token, barcode });
  return {
    asset_id: `asset-${String(i)}`,
    client_code: code,
    qr_token: token,
    barcode_manufacturer: barcode,
  };
});
load('parts', 20_000, (p) => {
  const sku = `${CATEGORIES[p % CATEGORIES.length] ?? 'FLT'}-${String(100_001 + p)}`;
  const barcode = withEan13CheckDigit(`4006381${String(p).padStart(5, '0')}`);
  if (p % 10 === 0) parts.push({ sku, barcode });
  return { id: `part-${String(p)}`, sku, name: `Part ${String(p)}`, unit: 'piece', barcode, is_active: 1 };
});
load('inventory_stock', 50_000, (i) => ({
  part_id: `part-${String(i % 20_000)}`,
  location_id: `loc-${String(10 * (1 + (i % 19)))}`,
  qty_on_hand: 1 + (i % 40),
  bin_location: `${String.fromCharCode(65 + (i % 26))}-${String(1 + (i % 99)).padStart(2, '0')}-0${String(1 + (i % 6))}`,
}));
load('users', 2_000, (i) => ({
  full_name: `User ${String(i)}`,
  email: `u${String(i)}@x`,
  role: 'technician',
  badge_code: `ACME-T${String(i + 1).padStart(4, '0')}`,
  is_active: 1,
}));
load('work_orders', 100_000, (i) => ({
  code: `WO-${String(i + 1).padStart(6, '0')}`,
  title: `Work ${String(i)}`,
  asset_id: `asset-${String(i)}`,
  status: 'ready',
  origin: 'manual',
  priority: 'medium',
}));
load('shipments', 20_000, (i) => ({
  gate_pass_ref: `GP-ACME-${String(i + 1).padStart(6, '0')}`,
  status: 'in_transit',
  origin_location_id: siteId,
  destination_location_id: 'loc-10',
}));
for (let i = 0; i < 500; i++)
  others.push(
    `ACME-T${String(1 + i).padStart(4, '0')}`,
    `WO-${String(1 + i * 97).padStart(6, '0')}`,
    `GP-ACME-${String(1 + i * 13).padStart(6, '0')}`,
  );
const loaded = performance.now();
cache.createMirrorIndexes();
console.log(
  `loaded ${IDENTITIES.toLocaleString('en-US')} assets and identities, 20,000 parts, 50,000 stock lines, 100,000 work orders in ${((loaded - loadStarted) / 1000).toFixed(1)} s; indexes in ${((performance.now() - loaded) / 1000).toFixed(1)} s`,
);

const pick = <T>(list: T[]): T => list[rng.int(0, list.length - 1)] as T;
const withBarcode = assets.filter((a) => a.barcode !== null);
/** A slip a person or a scanner makes that leaves no valid code: a digit read as a letter, a dash dropped. */
function slip(code: string): string {
  const digit = /[01258]/.exec(code.slice(code.indexOf('-')));
  if (rng.chance(0.5) && digit) {
    const swapped: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '8': 'B' };
    const at = code.indexOf('-') + digit.index;
    return code.slice(0, at) + (swapped[digit[0]] ?? '') + code.slice(at + 1);
  }
  return code.replace('-', '');
}

const KINDS: [string, number, () => string][] = [
  ['client code', 25, () => pick(assets).code],
  ['QR token', 15, () => pick(assets).token],
  ['QR URL', 10, () => `https://amms.example/t/acme/a/${pick(assets).token}`],
  ['asset barcode', 10, () => pick(withBarcode).barcode ?? ''],
  ['part SKU', 8, () => pick(parts).sku],
  ['part barcode', 5, () => pick(parts).barcode],
  ['badge/WO/gate pass', 7, () => pick(others)],
  [
    'GS1 DataMatrix',
    10,
    () =>
      `]d201${pick(parts).barcode.padStart(14, '0')}1727123110B${String(rng.int(1, 9999))}${GS}21S${String(rng.int(1, 99999))}`,
  ],
  ['miss + suggestions', 10, () => slip(pick(assets).code)],
];
const total = KINDS.reduce((sum, [, weight]) => sum + weight, 0);
const plan = Array.from({ length: LOOKUPS }, () => {
  let roll = rng.int(1, total);
  const kind = KINDS.find(([, weight]) => (roll -= weight) <= 0) ?? KINDS[0];
  return { kind: kind?.[0] ?? '', code: kind?.[2]() ?? '' };
});

const db = cache.reader;
for (const { code } of plan.slice(0, 5_000)) resolveCode(db, code); // warm up: statements, JIT
const times = new Map<string, number[]>();
const statuses = new Map<string, number>();
for (const { kind, code } of plan) {
  const started = process.hrtime.bigint();
  const r = resolveCode(db, code);
  const micros = Number(process.hrtime.bigint() - started) / 1000;
  (times.get(kind) ?? times.set(kind, []).get(kind))?.push(micros);
  (times.get('all') ?? times.set('all', []).get('all'))?.push(micros);
  statuses.set(`${kind}: ${r.status}`, (statuses.get(`${kind}: ${r.status}`) ?? 0) + 1);
}

function stats(list: number[]): string {
  const sorted = [...list].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `median ${at(0.5).toFixed(1).padStart(6)} µs   p99 ${at(0.99).toFixed(1).padStart(7)} µs   max ${at(1).toFixed(0).padStart(6)} µs   (${String(sorted.length)})`;
}
console.log(
  `resolveCode over ${IDENTITIES.toLocaleString('en-US')} identities, ${LOOKUPS.toLocaleString('en-US')} lookups:`,
);
for (const [kind] of [...KINDS, ['all']]) console.log(`  ${kind.padEnd(20)} ${stats(times.get(kind) ?? [])}`);
console.log(`outcomes: ${[...statuses].map(([k, n]) => `${k} ${String(n)}`).join(', ')}`);
cache.close();
rmSync(dir, { recursive: true, force: true });
