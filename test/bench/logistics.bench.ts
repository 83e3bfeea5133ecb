// npm run bench:logistics — the logistics clerk's screens in Chromium (the real renderer over the web
// host, two stations of one tenant, an embedded PostgreSQL with normal durability), with 500 plain
// units added at station A's site. At A a clerk opens a truck and loads the 500 units by scanning
// them (online, the sync engine pushing in the background): scan-to-line is the time from the Enter
// key reaching the page to the unit's line in "On the truck". Then the truck is dispatched with a
// seal: click to the shipment dispatched in PostgreSQL. At B the truck is received blind, 500 scans:
// Enter to the unit's line in "Scanned off the truck". Target: scan-to-line p95 < 50 ms, dispatch
// committed online < 2 s. Optional argument: the number of units (default 500).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import pg from 'pg';
import { databaseUrl, startEmbeddedServer } from '../../db/embedded/embedded-server.ts';
import { migrate } from '../../db/migrate.ts';
import { addPlainUnits } from '../helpers/logistics-e2e-data.ts';
import { logIn, startTwoStations, type TwoStations } from '../helpers/logistics-stations.ts';
import { waitForSynced } from '../helpers/web-station.ts';
import { fmt, percentile } from './bench-env.ts';

const count = Number(process.argv[2] ?? 500);
const root = mkdtempSync(join(tmpdir(), 'amms-bench-logistics-'));
chmodSync(root, 0o755);
const server = await startEmbeddedServer({ dataDir: join(root, 'pg') });

/**
 * Scans a code into a field and resolves with the time (measured in the page) from the Enter key
 * to a `.line-sku` with exactly that code in the table.
 */
async function scanToLine(page: Page, field: string, table: string, code: string): Promise<number> {
  await page.locator(`#${field}:focus`).waitFor({ timeout: 10_000 });
  await page.locator(`#${field}`).fill(code);
  // (A string, not a function: tsx would add helpers the page does not have.)
  const shown = page.evaluate<number>(`new Promise((resolve) => {
    const code = ${JSON.stringify(code)};
    const selector = ${JSON.stringify(`table[aria-label="${table}"] .line-sku`)};
    let pressed = 0;
    const onKey = (event) => {
      if (event.key === 'Enter') pressed = performance.now();
    };
    document.addEventListener('keydown', onKey, { capture: true, once: true });
    const has = () => Array.from(document.querySelectorAll(selector)).some((el) => el.textContent === code);
    const observer = new MutationObserver(() => {
      if (pressed > 0 && has()) {
        observer.disconnect();
        resolve(performance.now() - pressed);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  })`);
  await page.locator(`#${field}`).press('Enter');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${code} never showed in "${table}".`));
    }, 15_000);
  });
  try {
    return await Promise.race([shown, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function allSent(page: Page): Promise<void> {
  await page.locator('section.sync-bar[data-pending="0"]').waitFor({ timeout: 120_000 });
}

const sorted = (values: number[]): number[] => [...values].sort((x, y) => x - y);

/** Every 100 scans: the figures of the last hundred (the truck grows as it is loaded or emptied). */
function progress(what: string, values: number[]): void {
  if (values.length % 100 !== 0) return;
  console.log(
    `  ${what} scans ${values.length - 99}-${values.length}: ${summary(sorted(values.slice(-100)))}`,
  );
}

function summary(ordered: number[]): string {
  return `median ${fmt(percentile(ordered, 50))}, p95 ${fmt(percentile(ordered, 95))}, max ${fmt(ordered.at(-1) ?? NaN)}`;
}

let stations: TwoStations | undefined;
try {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE amms');
  await admin.end();
  const url = databaseUrl(server.url, 'amms');
  await migrate(url);
  stations = await startTwoStations({ adminUrl: url, pollIntervalMs: 500 });
  const { a, b } = stations;
  const su = new pg.Client({ connectionString: url });
  await su.connect();
  // The units to load: plain pumps at a building of A's site, each with its client code.
  const codes = await addPlainUnits(url, a.siteId, 'BP', count);
  console.log(`${codes.length} units added at ${a.siteCode}; waiting for station A to pull them …`);
  for (let i = 0; ; i++) {
    const n = a.core.cache.reader
      .prepare(`SELECT count(*) FROM asset_identities WHERE client_code LIKE 'BP-%'`)
      .pluck()
      .get() as number;
    if (n >= codes.length) break;
    if (i > 600) throw new Error(`Station A has only ${n} of the ${codes.length} units.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  // Station A: open a truck to B and load every unit by scanning it.
  const pageA = await a.openPage({ width: 1280, height: 900 });
  await waitForSynced(pageA);
  await logIn(pageA, a.clerk);
  await pageA.keyboard.press('Alt+2');
  await pageA.getByRole('heading', { name: 'Shipments', level: 1 }).waitFor();
  await pageA.keyboard.press('F5');
  await pageA.getByRole('heading', { name: 'Load', level: 1 }).waitFor();
  await pageA.getByLabel('Destination').selectOption(b.siteId);
  await pageA.getByLabel('Vehicle').fill('KDA 500B');
  await pageA.getByLabel('Driver’s name').fill('Bench Driver');
  await pageA.getByLabel('Driver’s ID number').fill('12345678');
  await pageA.getByRole('button', { name: 'Open the truck' }).click();
  const title = pageA.getByRole('heading', { name: /^Load GP-/, level: 1 });
  await title.waitFor();
  const gatePass = /GP-[A-Z0-9]+-\d+/.exec((await title.textContent()) ?? '')?.[0] ?? '';
  const loading: number[] = [];
  const started = performance.now();
  for (const code of codes) {
    loading.push(await scanToLine(pageA, 'load-scan', 'On the truck', code));
    progress('loading', loading);
  }
  const loadSeconds = (performance.now() - started) / 1000;
  console.log(
    `  loading, Enter -> line on the truck: ${summary(sorted(loading))} (${loadSeconds.toFixed(0)} s)`,
  );
  await allSent(pageA);
  const loaded = await su.query<{ n: string }>(
    `SELECT count(*) AS n FROM asset_movements m JOIN shipments s ON s.id = m.shipment_id
      WHERE s.gate_pass_ref = $1 AND m.status = 'loaded'`,
    [gatePass],
  );
  console.log(`${loaded.rows[0]?.n ?? 0} lines of ${gatePass} in PostgreSQL`);

  // Dispatch with a seal: click to the shipment dispatched in PostgreSQL.
  await pageA.getByLabel('Seal number (Enter adds it)').fill('BENCH-SEAL-1');
  await pageA.getByLabel('Seal number (Enter adds it)').press('Enter');
  const dispatch = pageA.getByRole('button', { name: new RegExp(`^Dispatch ${gatePass}`) });
  await dispatch.waitFor();
  const clicked = performance.now();
  await dispatch.click();
  let dispatchMs = NaN;
  for (;;) {
    const { rows } = await su.query<{ status: string }>(
      'SELECT status::text FROM shipments WHERE gate_pass_ref = $1',
      [gatePass],
    );
    if (rows[0]?.status === 'dispatched') {
      dispatchMs = performance.now() - clicked;
      break;
    }
    if (performance.now() - clicked > 60_000) throw new Error(`${gatePass} was not dispatched in 60 s.`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  console.log(`  dispatch click -> dispatched in PostgreSQL: ${fmt(dispatchMs)}`);

  // Station B: the truck arrives; receive it blind, one scan per unit.
  const pageB = await b.openPage({ width: 1280, height: 900 });
  await waitForSynced(pageB);
  await logIn(pageB, b.clerk);
  await pageB.keyboard.press('Alt+2');
  await pageB
    .getByRole('table', { name: 'Trucks coming' })
    .getByRole('button', { name: gatePass })
    .waitFor({ timeout: 60_000 });
  await pageB.keyboard.press('F6');
  await pageB.getByRole('heading', { name: 'Receive truck', level: 1 }).waitFor();
  await pageB.locator('#receive-truck-scan').fill(gatePass);
  await pageB.locator('#receive-truck-scan').press('Enter');
  await pageB.getByRole('heading', { name: new RegExp(`^Receive ${gatePass}`), level: 1 }).waitFor();
  const receiving: number[] = [];
  const receiveStarted = performance.now();
  for (const code of codes) {
    receiving.push(await scanToLine(pageB, 'receive-truck-scan', 'Scanned off the truck', code));
    progress('receiving', receiving);
  }
  const receiveSeconds = (performance.now() - receiveStarted) / 1000;
  await allSent(pageB);
  await su.end();

  console.log(`A truck of ${count} units (Chromium, web host, durable PostgreSQL, stations online):`);
  console.log(
    `  loading, Enter -> line on the truck:          ${summary(sorted(loading))} (${loadSeconds.toFixed(0)} s in all)`,
  );
  console.log(`  dispatch click -> dispatched in PostgreSQL:   ${fmt(dispatchMs)}`);
  console.log(
    `  receiving, Enter -> line scanned off:         ${summary(sorted(receiving))} (${receiveSeconds.toFixed(0)} s in all)`,
  );
} catch (error) {
  const pages = stations?.browser.contexts().flatMap((context) => context.pages()) ?? [];
  for (const [i, page] of pages.entries())
    await page.screenshot({ path: `/tmp/bench-logistics-fail-${i}.png` }).catch(() => undefined);
  console.error('bench:logistics failed:', error);
  process.exitCode = 1;
} finally {
  await stations?.close().catch(() => undefined);
  await server.stop();
  rmSync(root, { recursive: true, force: true });
}
