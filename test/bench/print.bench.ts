// npm run bench:print — the print room's figures:
// - a gate pass drawn in the print worker (first one, fonts loading, and then the median of 20),
// - a 500-line manifest in the worker (median of 5), and the longest stall of the core's event loop
//   meanwhile (a 1 ms timer's worst lateness: the worker keeps the core free),
// - verifying a scanned gate pass code against a station cache (median and p99 of 2,000),
// - when a browser is available (AMMS_CHROMIUM, default /usr/bin/chromium) and the renderer is
//   built: the longest main-thread stall of the renderer (long-task observer in Chromium) while a
//   500-line manifest is made in the core and its progress events arrive (test/bench/print-ui.ts).
// Targets (issue 12): gate pass < 150 ms, manifest < 1 s, renderer stall < 50 ms, verify < 5 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StationCache } from '../../src-main/cache/station-cache.ts';
import { PrintRoom } from '../../src-main/print/print-room.ts';
import { verifyPassCode } from '../../src-main/resolve/pass-verify.ts';
import { insertMirrorRows } from '../helpers/mirror-rows.ts';
import {
  SAMPLE_SHIPMENT,
  sampleGatePass,
  sampleKey,
  sampleManifest,
} from '../helpers/shipment-doc-samples.ts';
import { rendererStallWhileManifest } from './print-ui.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** The worst lateness of a 1 ms timer while `work` runs: how long the event loop was held. */
async function loopStall<T>(work: () => Promise<T>): Promise<{ result: T; stall: number }> {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 1);
    last = now;
  }, 1);
  try {
    const result = await work();
    return { result, stall: worst };
  } finally {
    clearInterval(timer);
  }
}

const key = sampleKey();
const room = new PrintRoom();

const firstStart = performance.now();
await room.render({ kind: 'gate-pass', data: sampleGatePass(key) });
const firstGatePass = performance.now() - firstStart;

const gatePass: number[] = [];
const gatePassDrawing: number[] = [];
const passes = Array.from({ length: 20 }, (_, i) => sampleGatePass(key, { copy: i % 3 }));
for (const data of passes) {
  const started = performance.now();
  const rendered = await room.render({ kind: 'gate-pass', data });
  gatePass.push(performance.now() - started);
  gatePassDrawing.push(rendered.ms);
}

const manifest: number[] = [];
let coreStall = 0;
let pages = 0;
let bytes = 0;
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  const { result, stall } = await loopStall(() =>
    room.render({ kind: 'manifest', data: sampleManifest(500) }),
  );
  manifest.push(performance.now() - started);
  coreStall = Math.max(coreStall, stall);
  pages = result.pages;
  bytes = result.bytes.byteLength;
}
await room.close();

// Verify: a cache with the signer's key and the shipment.
const dir = mkdtempSync(join(tmpdir(), 'amms-print-bench-'));
const cache = StationCache.open(dir);
const [nbo = '', msa = ''] = insertMirrorRows(cache.writer, 'locations', [
  { code: 'ACME-NBO', name: 'Nairobi Central Depot', type: 'site', is_active: 1 },
  { code: 'ACME-MSA', name: 'Mombasa Port Yard', type: 'site', is_active: 1 },
]);
insertMirrorRows(cache.writer, 'station_keys', [
  {
    key_id: key.file.keyId,
    public_key: key.file.publicKey,
    station_name: 'Gate 1',
    site_id: nbo,
    algorithm: 'ed25519',
  },
]);
insertMirrorRows(cache.writer, 'shipments', [
  {
    id: SAMPLE_SHIPMENT,
    gate_pass_ref: 'GP-NBO-0042',
    origin_location_id: nbo,
    destination_location_id: msa,
    status: 'dispatched',
  },
]);
const code = sampleGatePass(key).qrCode;
const now = new Date('2026-03-14T12:00:00Z');
const verifies: number[] = [];
for (let i = 0; i < 2000; i++) {
  const started = performance.now();
  const check = verifyPassCode(cache.reader, code, { now });
  verifies.push(performance.now() - started);
  if (check?.verdict !== 'genuine') throw new Error(`expected genuine, got ${check?.verdict ?? 'nothing'}`);
}
cache.close();
rmSync(dir, { recursive: true, force: true });

console.log(
  `gate pass (worker): first ${ms(firstGatePass)} (starts the worker, loads fonts); then median ${ms(median(gatePass))}, max ${ms(Math.max(...gatePass))}  [target < 150 ms]`,
);
console.log(
  `500-line manifest (worker): median ${ms(median(manifest))}, max ${ms(Math.max(...manifest))}, ${String(pages)} pages, ${String(Math.round(bytes / 1024))} KB  [target < 1 s]`,
);
console.log(`core event loop meanwhile: longest stall ${ms(coreStall)}`);
console.log(
  `verify a scanned gate pass (${String(code.length)} characters): median ${(median(verifies) * 1000).toFixed(0)} µs, p99 ${(percentile(verifies, 0.99) * 1000).toFixed(0)} µs  [target < 5 ms]`,
);

const stall = await rendererStallWhileManifest();
console.log(
  stall.ok
    ? `renderer main thread while a 500-line manifest is made: longest task ${ms(stall.longest)} (${String(stall.tasks)} long tasks over 50 ms; ${stall.how})  [target < 50 ms]`
    : `renderer stall: not measured (${stall.why})`,
);
