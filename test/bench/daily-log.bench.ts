// npm run bench:daily-log — the supervisor's daily log grid with 500 rows, in Chromium (the real
// renderer over the web host, an embedded PostgreSQL with normal durability, the sync engine
// running). The demo site's metered machines plus generated ones (test/helpers/metered-assets.ts)
// make exactly 500 rows. Measured:
// - open: F4 pressed -> the grid's rows painted (the first open of the page, then the median of
//   five more, each from another screen);
// - keystroke -> cell: a key typed into a cell -> the cell re-rendered and laid out, and -> the next
//   frame painted (the main thread's paint and commit done), split into the wait for the display's
//   next frame (vsync) and the work (input, render, paint: what must fit in one 16 ms frame). Keys
//   typed 100 ms apart (a fast typist), then sent back to back (a stress: every frame waits for
//   the keys queued before it);
// - save: Ctrl+S on 500 typed rows (a block pasted into the first cell) -> "500 rows queued"
//   shown (unusual values confirmed first: the clock starts at the last click);
// - online: the save -> all 500 logs in PostgreSQL (each log moves its meter and runs the PM
//   engine for its machine; the machines have been through a PM run, as on a live site).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import pg from 'pg';
import { databaseUrl, startEmbeddedServer } from '../../db/embedded/embedded-server.ts';
import { migrate } from '../../db/migrate.ts';
import { runPmEngineAt } from '../../db/pm/pm-run.ts';
import { dailyLogGrid } from '../../src-main/maintenance/reads/daily-log-grid.ts';
import { addMeteredAssets } from '../helpers/metered-assets.ts';
import { startWebStation, waitForSynced, type WebStation } from '../helpers/web-station.ts';
import { fmt, percentile } from './bench-env.ts';

const ROWS = 500;
const KEYSTROKES = 200;
/** A fast typist: ten keys a second. */
const TYPING_GAP_MS = 100;

/** The station's day as the renderer sees it (local time). */
function localToday(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function gridRows(station: WebStation): number {
  return dailyLogGrid(station.core.cache.reader, station.core.scope.siteId, localToday()).rows.length;
}

async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The promise, or an error naming what did not happen in time (a bench never hangs). */
async function within<T>(what: string, promise: Promise<T>, ms = 90_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`Timed out waiting for ${what}.`));
    }, ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Milliseconds from a key pressed to the grid's rows painted (after the next frame). */
async function timeOpen(page: Page, key: string): Promise<number> {
  // The listeners are in place before the key is pressed (an evaluate still on its way when the
  // key arrives would miss it and wait forever). (Strings, not functions: tsx would add helpers
  // the page does not have.)
  await page.evaluate(`(() => {
    window.__open = new Promise((resolve) => {
      let pressed = 0;
      const onKey = (event) => { if (event.key === ${JSON.stringify(key)}) pressed = event.timeStamp; };
      window.addEventListener('keydown', onKey, true);
      const check = () => {
        if (!pressed || !document.querySelector('.dl-row[data-asset]')) return false;
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - pressed)));
        window.removeEventListener('keydown', onKey, true);
        return true;
      };
      const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
      observer.observe(document.body, { subtree: true, childList: true });
    });
  })()`);
  await page.keyboard.press(key);
  return within('the grid to open', page.evaluate<number>('window.__open'));
}

async function leaveGrid(page: Page): Promise<void> {
  // (Out of the grid's cells first: F2 in a cell is the grid's own key.)
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  await page.keyboard.press('F2');
  await page.getByRole('heading', { name: 'Lookup', level: 1 }).waitFor();
  await page.locator('.dl-row').first().waitFor({ state: 'detached' });
}

async function openGrid(page: Page, repeat: number): Promise<{ first: number; warm: number[] }> {
  // A supervisor lands on the grid after logging in: start from another screen.
  await page
    .locator('.dl-row[data-asset]')
    .first()
    .waitFor({ timeout: 30_000 })
    .catch(() => undefined);
  await leaveGrid(page);
  const first = await timeOpen(page, 'F4');
  const warm: number[] = [];
  for (let i = 0; i < repeat; i++) {
    await leaveGrid(page);
    warm.push(await timeOpen(page, 'F4'));
  }
  return { first, warm };
}

interface KeyTimes {
  /** Keystroke -> the cell re-rendered and laid out (React's render of the input event). */
  rendered: number;
  /** Keystroke -> the next frame painted (the main thread's paint and commit done). */
  painted: number;
  /** Of that, the time spent waiting for the display's next frame to begin (vsync). */
  wait: number;
}

/**
 * Types digits into cells (Tab after every second one) and returns each keystroke's times. `gapMs`
 * apart like a person typing (a fast typist: 100 ms), or 0: as fast as keys can be sent.
 */
async function timeKeystrokes(page: Page, count: number, gapMs: number): Promise<KeyTimes[]> {
  await page.evaluate(`(() => {
    window.__dl = [];
    if (window.__dlListening) return;
    window.__dlListening = true;
    let down = 0;
    document.addEventListener('keydown', (event) => { down = event.timeStamp; }, true);
    document.addEventListener('input', () => {
      const start = down;
      // After React's render of this input event (same task): style and layout of the new value.
      queueMicrotask(() => {
        document.body.getBoundingClientRect();
        void document.activeElement.offsetWidth;
        const renderedAt = performance.now();
        // The next frame: its start (the rAF time), and a task queued in it, run once the frame
        // has been painted and committed.
        requestAnimationFrame((frameAt) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            window.__dl.push({
              rendered: renderedAt - start,
              painted: performance.now() - start,
              wait: Math.max(0, frameAt - renderedAt),
            });
          };
          channel.port2.postMessage(0);
        });
      });
    }, true);
  })()`);
  const first = page.locator('.dl-row[data-asset] input').first();
  await first.click();
  for (let i = 0; i < count; i++) {
    await page.keyboard.type(String(1 + (i % 9)));
    if (i % 2 === 1) await page.keyboard.press('Tab');
    if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
  }
  await new Promise((r) => setTimeout(r, 200));
  return within('the keystroke times', page.evaluate<KeyTimes[]>('window.__dl'));
}

function keyFigures(keys: readonly KeyTimes[], pick: (k: KeyTimes) => number): string {
  const sorted = keys.map(pick).sort((a, b) => a - b);
  return `median ${fmt(percentile(sorted, 50))}, p95 ${fmt(percentile(sorted, 95))}`;
}

async function clearDrafts(page: Page): Promise<void> {
  // A fresh renderer: the typed cells are drafts of this page only.
  await page.reload();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  await page.keyboard.press('F4');
  await page.locator('.dl-row[data-asset]').first().waitFor();
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'amms-bench-daily-log-'));
  chmodSync(root, 0o755);
  const server = await startEmbeddedServer({
    dataDir: join(root, 'pg'),
    fast: process.env.BENCH_FAST === '1',
  });
  let station: WebStation | undefined;
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE amms');
    await admin.end();
    const url = databaseUrl(server.url, 'amms');
    await migrate(url);
    station = await startWebStation({ adminUrl: url, pollIntervalMs: 500 });
    const page = await station.openPage({ width: 1440, height: 1000 });
    page.setDefaultTimeout(90_000);
    await waitForSynced(page);
    const demoRows = gridRows(station);
    await addMeteredAssets({
      adminUrl: url,
      tenantSlug: station.tenantSlug,
      siteCode: station.siteCode,
      count: ROWS - demoRows,
      prefix: 'BENCH',
      days: 30,
    });
    // The PM engine's run, as the `amms server` process does on its timer: the generated machines
    // get their meter samples and usage figures, like every machine of a site in steady state (a
    // first log of a machine the engine has never seen costs its backfill instead).
    await runPmEngineAt(url, { tenantSlug: station.tenantSlug });
    const ready = station;
    await until('the generated machines in the station cache', () => gridRows(ready) === ROWS);
    console.log(
      `grid of ${gridRows(station)} rows (${demoRows} demo machines, ${ROWS - demoRows} generated)`,
    );

    const supervisor = station.login('supervisor');
    await page.getByLabel('E-mail').fill(supervisor.email);
    await page.getByLabel('Password').fill(supervisor.password);
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('button', { name: 'Log out' }).waitFor();

    const open = await openGrid(page, 5);
    const typed = await timeKeystrokes(page, KEYSTROKES, TYPING_GAP_MS);
    await clearDrafts(page);
    const burst = await timeKeystrokes(page, KEYSTROKES, 0);
    await clearDrafts(page);

    // 500 rows typed at once: a block pasted into the first hours cell (8 h, no fuel: the fuel
    // bands differ per machine).
    const block = `${Array.from({ length: ROWS }, () => '8\t\tbench').join('\n')}\n`;
    await page.locator('.dl-row[data-asset] input').first().click();
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData('text/plain', ${JSON.stringify(block)});
      document.activeElement.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    })()`);
    const counts = await page.locator('.dl-counts').textContent();
    const ledger = new pg.Client({ connectionString: url });
    await ledger.connect();
    const logsToday = async (): Promise<number> =>
      Number(
        (await ledger.query<{ n: string }>(`SELECT count(*) AS n FROM daily_logs WHERE notes = 'bench'`))
          .rows[0]?.n ?? 0,
      );
    const queued = page.getByRole('status').filter({ hasText: /rows? queued/ });
    const confirm = page.getByRole('dialog', { name: 'Confirm unusual values' });
    await page.keyboard.press('Control+s');
    let saveStart = Date.now();
    await Promise.race([queued.waitFor({ timeout: 30_000 }), confirm.waitFor({ timeout: 30_000 })]);
    let flagged = 0;
    if (await confirm.isVisible()) {
      flagged = await confirm.locator('li').count();
      saveStart = Date.now();
      await confirm.getByRole('button', { name: 'Confirm and save' }).click();
      await queued.waitFor({ timeout: 30_000 });
    }
    const saveMs = Date.now() - saveStart;
    const message = (await queued.textContent()) ?? '';
    const saved = Number(/^(\d+)/.exec(message)?.[1] ?? 0);
    await until('the saved logs in PostgreSQL', async () => (await logsToday()) >= saved, 60_000);
    const onlineMs = Date.now() - saveStart;
    await ledger.end();

    const warm = [...open.warm].sort((a, b) => a - b);
    console.log(`Daily log grid, ${ROWS} rows (Chromium, web host, durable PostgreSQL):`);
    console.log(
      `  open (F4 -> rows painted):             first ${fmt(open.first)}, then median ${fmt(percentile(warm, 50))} (target < 300 ms)`,
    );
    console.log(
      `  ${typed.length} keystrokes typed ${TYPING_GAP_MS} ms apart (target: painted p95 < 16 ms):`,
    );
    console.log(`    keystroke -> cell painted:          ${keyFigures(typed, (k) => k.painted)}`);
    console.log(`      of which waiting for the frame:   ${keyFigures(typed, (k) => k.wait)}`);
    console.log(`      work (input, render, paint):      ${keyFigures(typed, (k) => k.painted - k.wait)}`);
    console.log(`    keystroke -> cell rendered, laid out: ${keyFigures(typed, (k) => k.rendered)}`);
    console.log(`  ${burst.length} keystrokes sent back to back (no pause between keys):`);
    console.log(`    keystroke -> cell painted:          ${keyFigures(burst, (k) => k.painted)}`);
    console.log(`    keystroke -> cell rendered, laid out: ${keyFigures(burst, (k) => k.rendered)}`);
    console.log(`  pasted block: ${counts ?? ''}; ${flagged} unusual rows confirmed`);
    console.log(`  save -> "${message}":  ${fmt(saveMs)} (target < 1 s)`);
    console.log(`  save -> ${saved} logs in PostgreSQL (online): ${fmt(onlineMs)} (target < 5 s)`);
  } catch (error) {
    await station?.browser
      .contexts()[0]
      ?.pages()[0]
      ?.screenshot({ path: '/tmp/bench-daily-log-fail.png' })
      .catch(() => undefined);
    console.error('bench:daily-log failed:', error);
    process.exitCode = 1;
  } finally {
    await station?.close().catch(() => undefined);
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
