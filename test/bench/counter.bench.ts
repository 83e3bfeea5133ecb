// npm run bench:counter — 100 receipts at the Receive screen in Chromium (the real renderer over
// the web host, an embedded PostgreSQL with normal durability). For each: the time from pressing
// Enter to the screen confirming the receipt with its new stock queued (local), and from Enter to
// the receipt's row in PostgreSQL's ledger (online, through the running sync engine).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { databaseUrl, startEmbeddedServer } from '../../db/embedded/embedded-server.ts';
import { migrate } from '../../db/migrate.ts';
import { startWebStation, waitForSynced } from '../helpers/web-station.ts';
import { fmt, percentile } from './bench-env.ts';

const count = Number(process.argv[2] ?? 100);
const root = mkdtempSync(join(tmpdir(), 'amms-bench-counter-'));
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
    const storekeeper = station.login('storekeeper');
    await page.getByLabel('E-mail').fill(storekeeper.email);
    await page.getByLabel('Password').fill(storekeeper.password);
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    const bin = station.core.cache.reader
      .prepare(
        `SELECT p.sku, l.code AS warehouse, s.bin_location FROM inventory_stock s
           JOIN parts p ON p.id = s.part_id JOIN locations l ON l.id = s.location_id
          WHERE l.site_id = ? AND p.unit = 'piece' AND s.bin_location <> 'QUARANTINE' LIMIT 1`,
      )
      .get(station.core.scope.siteId) as { sku: string; warehouse: string; bin_location: string };
    await page.keyboard.press('F5');
    await page.getByRole('heading', { name: 'Receive', level: 1 }).waitFor();
    const ledger = new pg.Client({ connectionString: url });
    await ledger.connect();
    const ledgerCount = async (): Promise<number> =>
      Number((await ledger.query<{ n: string }>('SELECT count(*) AS n FROM op_ledger')).rows[0]?.n ?? 0);
    const scanInto = async (code: string, next: string): Promise<void> => {
      const input = page.locator('#receive-scan');
      await input.fill(code);
      await input.press('Enter');
      await page.locator(`#${next}:focus`).waitFor({ timeout: 5000 });
    };
    const local: number[] = [];
    const online: number[] = [];
    for (let i = 0; i < count; i++) {
      const qty = 1 + (i % 50);
      await page.locator('#receive-scan:focus').waitFor();
      await scanInto(bin.sku, 'receive-scan');
      await page.locator('.picked-part').filter({ hasText: bin.sku }).waitFor();
      await scanInto(`${bin.warehouse}/${bin.bin_location}`, 'receive-qty');
      await page.getByLabel('Quantity (pieces)').fill(String(qty));
      await page.getByLabel('Quantity (pieces)').press('Enter');
      await page.locator('#receive-scan:focus').waitFor();
      const before = await ledgerCount();
      const summary = `Receive ${qty} x ${bin.sku}`;
      // Enter on the empty scan field sends the receipt; the page timestamps its confirmation.
      const pressed = Date.now();
      // (A string, not a function: tsx would add helpers the page does not have.)
      const shown = page.evaluate<number>(`new Promise((resolveShown) => {
        const text = ${JSON.stringify(summary)};
        const check = () => {
          const el = document.querySelector('.queued-summary');
          if (el && el.textContent.includes(text) && el.getAttribute('data-seen') !== 'yes') {
            el.setAttribute('data-seen', 'yes');
            resolveShown(Date.now());
            return true;
          }
          return false;
        };
        if (check()) return;
        const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      })`);
      await page.keyboard.press('Enter');
      local.push((await shown) - pressed);
      for (;;) {
        if ((await ledgerCount()) > before) break;
        if (Date.now() - pressed > 20_000) throw new Error(`Receipt ${i} did not reach PostgreSQL.`);
        await new Promise((r) => setTimeout(r, 2));
      }
      online.push(Date.now() - pressed);
    }
    await ledger.end();
    local.sort((a, b) => a - b);
    online.sort((a, b) => a - b);
    console.log(`${count} receipts at the Receive screen (Chromium, web host, durable PostgreSQL):`);
    console.log(
      `  Enter -> screen shows the receipt queued with its stock: median ${fmt(percentile(local, 50))}, p95 ${fmt(percentile(local, 95))}`,
    );
    console.log(
      `  Enter -> row in PostgreSQL (online):                    median ${fmt(percentile(online, 50))}, p95 ${fmt(percentile(online, 95))}`,
    );
  } catch (error) {
    await station.browser
      .contexts()[0]
      ?.pages()[0]
      ?.screenshot({ path: '/tmp/bench-counter-fail.png' })
      .catch(() => undefined);
    console.error('bench:counter failed:', error);
    process.exitCode = 1;
  } finally {
    await station.close().catch(() => undefined);
  }
} finally {
  await server.stop();
  rmSync(root, { recursive: true, force: true });
}
