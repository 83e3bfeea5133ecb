// The counter screens (Receive, Issue, Return, Count) end to end in Chromium through the real UI,
// each checked in PostgreSQL once the engine has pushed. The file runs its own embedded PostgreSQL
// (demo data, small scale, an enrolled station) because its last test stops the server, records a
// receipt while it is down, and starts it again on the same port and data directory.
// Needs the built renderer: npx electron-vite build.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, startEmbeddedServer, type EmbeddedServer } from '../../db/embedded/embedded-server.ts';
import { migrate } from '../../db/migrate.ts';
import { withClient } from '../helpers/test-database.ts';
import { startWebStation, waitForSynced, type WebStation } from '../helpers/web-station.ts';

let dir: string;
let server: EmbeddedServer;
let station: WebStation;
let page: Page;
const problems: string[] = [];

interface StockRow {
  part_id: string;
  sku: string;
  location_id: string;
  warehouse: string;
  bin_location: string;
  qty_on_hand: number;
}

interface Technician {
  id: string;
  full_name: string;
  badge_code: string;
}

/** Usable stock rows (whole pieces, at least 10) in this site's warehouses, one per part. */
function stockRows(): StockRow[] {
  return station.core.cache.reader
    .prepare(
      `SELECT s.part_id, p.sku, s.location_id, l.code AS warehouse, s.bin_location, s.qty_on_hand
         FROM inventory_stock s JOIN parts p ON p.id = s.part_id JOIN locations l ON l.id = s.location_id
        WHERE l.site_id = ? AND l.type = 'warehouse' AND s.bin_location <> 'QUARANTINE'
          AND p.unit = 'piece' AND p.is_active = 1 AND s.qty_on_hand >= 10
          AND s.bin_location NOT LIKE '%/%' AND s.bin_location NOT LIKE '% %'
        GROUP BY s.part_id ORDER BY s.part_id LIMIT 8`,
    )
    .all(station.core.scope.siteId) as StockRow[];
}

function technician(): Technician {
  const row = station.core.cache.reader
    .prepare(
      `SELECT id, full_name, badge_code FROM users
        WHERE role = 'technician' AND site_id = ? AND is_active = 1 AND badge_code IS NOT NULL
        ORDER BY id LIMIT 1`,
    )
    .get(station.core.scope.siteId) as Technician | undefined;
  if (!row) throw new Error('The demo data has no technician with a badge at the station’s site.');
  return row;
}

/** A quantity as the screens write it (1,070). */
function qty(value: number): string {
  return new Intl.NumberFormat('en', { maximumFractionDigits: 3 }).format(value);
}

function row(rows: StockRow[], index: number): StockRow {
  const found = rows[index];
  if (!found) throw new Error(`The demo data has fewer than ${index + 1} usable stock rows.`);
  return found;
}

/** Polls PostgreSQL until `read` returns something (the engine pushes within a second or two). */
async function waitForServer<T>(read: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('PostgreSQL never showed the expected rows.');
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

async function serverQty(part: string, location: string, bin: string): Promise<number | undefined> {
  return withClient(station.adminUrl, async (client) => {
    const result = await client.query<{ qty: string }>(
      `SELECT qty_on_hand::text AS qty FROM inventory_stock
        WHERE part_id = $1 AND location_id = $2 AND bin_location = $3`,
      [part, location, bin],
    );
    const first = result.rows[0];
    return first ? Number(first.qty) : undefined;
  });
}

async function walletQty(technicianId: string, partId: string): Promise<number> {
  return withClient(station.adminUrl, async (client) => {
    const result = await client.query<{ qty: string }>(
      'SELECT qty_held::text AS qty FROM inventory_wallets WHERE user_id = $1 AND part_id = $2',
      [technicianId, partId],
    );
    return Number(result.rows[0]?.qty ?? 0);
  });
}

/** Types a code into the scan field and presses Enter; the focus ends in `next` (the scan field). */
async function scan(code: string, field: string, next = field): Promise<void> {
  const input = page.locator(`#${field}`);
  await input.fill(code);
  await input.press('Enter');
  await page.locator(`#${next}:focus`).waitFor({ timeout: 10_000 });
}

async function allSent(): Promise<void> {
  await page.locator('section.sync-bar[data-pending="0"]').waitFor({ timeout: 20_000 });
}

async function queued(text: string | RegExp): Promise<void> {
  try {
    await page.locator('.queued-summary').filter({ hasText: text }).waitFor({ timeout: 5000 });
  } catch (error) {
    const shown = await page.locator('.counter-error, .field-error').allTextContents();
    throw new Error(`Not queued; the screen says: ${JSON.stringify(shown)}`, { cause: error });
  }
}

beforeAll(async () => {
  const started = Date.now();
  dir = mkdtempSync(join(tmpdir(), 'amms-counter-e2e-'));
  server = await startEmbeddedServer({ dataDir: dir, fast: true });
  await withClient(server.url, (client) => client.query('CREATE DATABASE amms_counter'));
  const url = databaseUrl(server.url, 'amms_counter');
  await migrate(url);
  station = await startWebStation({ adminUrl: url, pollIntervalMs: 500 });
  page = await station.openPage({ width: 1280, height: 900 });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await waitForSynced(page);
  const storekeeper = station.login('storekeeper');
  await page.getByLabel('E-mail').fill(storekeeper.email);
  await page.getByLabel('Password').fill(storekeeper.password);
  await page.getByLabel('Password').press('Enter');
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  console.log(`e2e counter: server, seed, station and login in ${Date.now() - started} ms`);
}, 120_000);

afterEach(async (context) => {
  // A failed test leaves a picture of the page behind (and the engine running for the next).
  if (context.task.result?.state !== 'fail') return;
  const file = join(tmpdir(), `counter-e2e-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`);
  await page.screenshot({ path: file }).catch(() => undefined);
  console.log(`e2e counter: failure screenshot ${file}`);
  station.core.engine.start();
});

afterAll(async () => {
  await (station as WebStation | undefined)?.close().catch(() => undefined);
  await (server as EmbeddedServer | undefined)?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('the counter screens in Chromium', () => {
  it('receives a receipt of three lines (scan, search, typed bin) that reaches PostgreSQL', async () => {
    const rows = stockRows();
    const [a, b, c] = [row(rows, 0), row(rows, 1), row(rows, 2)];
    const nav = page.getByRole('navigation', { name: 'Screens' }).getByRole('button');
    const labels = (await nav.allTextContents()).map((t) => t.replace(/F\d+$/, '').trim());
    expect(labels).toEqual(
      expect.arrayContaining(['Lookup', 'Activity', 'Receive', 'Issue', 'Return', 'Count']),
    );
    await page.keyboard.press('F5');
    await page.getByRole('heading', { name: 'Receive', level: 1 }).waitFor();
    await page.locator('#receive-scan:focus').waitFor();

    // Line 1: the part scanned, a new bin typed, a unit cost.
    await scan(a.sku, 'receive-scan');
    await page.locator('.picked-part').filter({ hasText: a.sku }).waitFor();
    await page.getByLabel('Warehouse').selectOption(a.location_id);
    await page.getByLabel('Bin', { exact: true }).fill('E2E-R1');
    await page.getByLabel('Quantity (pieces)').fill('5');
    await page.getByLabel('Unit cost (optional)').fill('12.50');
    await page.getByLabel('Unit cost (optional)').press('Enter');
    await page.getByRole('table', { name: 'Receipt lines' }).getByText(a.sku).waitFor();
    await page.locator('#receive-scan:focus').waitFor();

    // Line 2: the part searched by SKU, the existing bin scanned as WAREHOUSE/BIN; a fraction is refused.
    await page.getByLabel('Part (SKU, barcode or name)').fill(b.sku);
    await page.getByLabel('Part (SKU, barcode or name)').press('Enter');
    await page.locator('.picked-part').filter({ hasText: b.sku }).waitFor();
    await scan(`${b.warehouse}/${b.bin_location}`, 'receive-scan', 'receive-qty');
    await page
      .locator('.bin-stock')
      .filter({ hasText: `on hand ${qty(b.qty_on_hand)}` })
      .waitFor();
    await page.getByLabel('Quantity (pieces)').fill('2.5');
    await page.getByLabel('Quantity (pieces)').press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Quantity must be a whole number of pieces.' }).waitFor();
    await page.getByLabel('Quantity (pieces)').fill('3');
    await page.getByLabel('Quantity (pieces)').press('Enter');

    // Line 3, a code that is nothing, then the receipt sent by Enter on the empty scan field.
    await scan('NO-SUCH-CODE-77', 'receive-scan');
    await page.locator('.scan-feedback .field-error').filter({ hasText: 'NO-SUCH-CODE-77' }).waitFor();
    await scan(c.sku, 'receive-scan');
    await page.getByLabel('Warehouse').selectOption(c.location_id);
    await page.getByLabel('Bin', { exact: true }).fill('e2e-r3');
    await page.getByLabel('Quantity (pieces)').fill('2');
    await page.getByLabel('Quantity (pieces)').press('Enter');
    await page.getByRole('button', { name: 'Receive 3 lines' }).waitFor();
    await page.getByLabel('Supplier reference (optional)').fill('PO-E2E-0001');
    await page.locator('#receive-scan').focus();
    await page.keyboard.press('Enter');
    await queued(`Receive 5 x ${a.sku} and 2 more line(s)`);
    await page.locator('#receive-scan:focus').waitFor();

    const movements = await waitForServer(() =>
      withClient(station.adminUrl, async (client) => {
        const result = await client.query<{
          sku: string;
          bin_location: string;
          qty: string;
          cost: string | null;
        }>(
          `SELECT p.sku, m.bin_location, m.qty_delta::text AS qty, m.unit_cost::text AS cost
             FROM stock_movements m JOIN parts p ON p.id = m.part_id
            WHERE m.movement_type = 'receive' AND m.supplier_ref = 'PO-E2E-0001' ORDER BY m.qty_delta DESC`,
        );
        return result.rows.length === 3 ? result.rows : undefined;
      }),
    );
    expect(movements.map((m) => [m.sku, m.bin_location, Number(m.qty), m.cost && Number(m.cost)])).toEqual([
      [a.sku, 'E2E-R1', 5, 12.5],
      [b.sku, b.bin_location, 3, null],
      [c.sku, 'E2E-R3', 2, null],
    ]);
    expect(await serverQty(b.part_id, b.location_id, b.bin_location)).toBe(b.qty_on_hand + 3);
    expect(await serverQty(c.part_id, c.location_id, 'E2E-R3')).toBe(2);
    await allSent();
  }, 40_000);

  it('issues to a technician, refuses too much locally, and takes a partial return with one defective', async () => {
    const tech = technician();
    const a = row(stockRows(), 3);
    const heldBefore = await walletQty(tech.id, a.part_id);
    await page.keyboard.press('F6');
    await page.getByRole('heading', { name: 'Issue', level: 1 }).waitFor();
    await scan(tech.badge_code, 'issue-scan');
    await page.getByRole('region', { name: `Wallet of ${tech.full_name}` }).waitFor();
    await scan(a.sku, 'issue-scan', 'issue-qty');
    await scan(`${a.warehouse}/${a.bin_location}`, 'issue-scan');
    await page
      .locator('.bin-stock')
      .filter({ hasText: `on hand ${qty(a.qty_on_hand)}` })
      .waitFor();

    // More than the bin holds: the core refuses it at once, with its message.
    await page.getByLabel('Quantity (pieces)').fill(String(a.qty_on_hand + 50));
    await page.getByLabel('Quantity (pieces)').press('Enter');
    await page
      .getByRole('alert')
      .filter({ hasText: `Only ${a.qty_on_hand} of ${a.sku} left in bin ${a.bin_location}` })
      .waitFor();
    await page.getByLabel('Quantity (pieces)').fill('4');
    await page.getByLabel('Quantity (pieces)').press('Enter');
    await queued(a.sku);
    // The bin shows the pending issue until the server's answer comes back.
    await waitForServer(async () => {
      const held = await walletQty(tech.id, a.part_id);
      return held === heldBefore + 4 ? held : undefined;
    });
    expect(await serverQty(a.part_id, a.location_id, a.bin_location)).toBe(a.qty_on_hand - 4);
    await allSent();

    // Return 1 to the bin and 1 defective (to QUARANTINE): 2 of the 4 stay in the wallet.
    await page.keyboard.press('F7');
    await page.getByRole('heading', { name: 'Return', level: 1 }).waitFor();
    await scan(tech.badge_code, 'return-scan');
    const wallet = page.getByRole('region', { name: `Wallet of ${tech.full_name}` });
    await wallet.getByRole('button').filter({ hasText: a.sku }).click();
    await page.locator('#return-qty:focus').waitFor();
    await page.getByLabel('Warehouse').selectOption(a.location_id);
    await page.getByLabel('Bin', { exact: true }).fill(a.bin_location);
    await page.getByLabel('Quantity (pieces)').fill('1');
    await page.getByLabel('Quantity (pieces)').press('Enter');
    await queued(a.sku);
    await wallet.getByRole('button').filter({ hasText: a.sku }).click();
    await page.getByLabel('Quantity (pieces)').fill('1');
    await page.getByLabel(/^Defective/).check();
    expect(await page.getByLabel('Bin (quarantine)').inputValue()).toBe('QUARANTINE');
    await page.getByRole('button', { name: 'Return to quarantine' }).click();
    await queued(a.sku);
    await page.locator('#return-scan:focus').waitFor();

    await waitForServer(async () => {
      const held = await walletQty(tech.id, a.part_id);
      return held === heldBefore + 2 ? held : undefined;
    });
    expect(await serverQty(a.part_id, a.location_id, a.bin_location)).toBe(a.qty_on_hand - 3);
    const defective = await withClient(station.adminUrl, async (client) => {
      const result = await client.query<{ bin_location: string; qty: string }>(
        `SELECT bin_location, qty_delta::text AS qty FROM stock_movements
          WHERE movement_type = 'return_defective' AND part_id = $1 AND technician_id = $2`,
        [a.part_id, tech.id],
      );
      return result.rows;
    });
    expect(defective.map((m) => [m.bin_location, Number(m.qty)])).toEqual([['QUARANTINE', 1]]);
    expect(await serverQty(a.part_id, a.location_id, 'QUARANTINE')).toBeGreaterThanOrEqual(1);
    await allSent();
  }, 40_000);

  it('counts a bin with a difference and a mandatory reason', async () => {
    const a = row(stockRows(), 4);
    await page.keyboard.press('F8');
    await page.getByRole('heading', { name: 'Count', level: 1 }).waitFor();
    await scan(`${a.warehouse}/${a.bin_location}`, 'count-scan');
    // The screen has taken the bin before the part is scanned.
    await expect
      .poll(() => page.locator('#count-bin-bin').inputValue(), { timeout: 10_000 })
      .toBe(a.bin_location);
    await scan(a.sku, 'count-scan', 'count-qty');
    await page
      .getByLabel('Station believes')
      .filter({ hasText: qty(a.qty_on_hand) })
      .waitFor();
    const counted = a.qty_on_hand + 3;
    await page.getByLabel('Counted quantity (pieces)').fill(String(counted));
    await page.getByLabel('Difference').filter({ hasText: '+3' }).waitFor();
    await page.getByLabel('Counted quantity (pieces)').press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Reason is required.' }).waitFor();
    await page.locator('#count-reason:focus').waitFor();
    // (page.keyboard.type would type as fast as a scanner: the wedge reader would take it for a scan)
    await page.locator('#count-reason').fill('Found behind the shelf');
    await page.locator('#count-reason').press('Enter');
    await queued(a.sku);

    const movement = await waitForServer(() =>
      withClient(station.adminUrl, async (client) => {
        const result = await client.query<{ qty: string; after: string; reason: string }>(
          `SELECT qty_delta::text AS qty, qty_after::text AS after, reason FROM stock_movements
            WHERE movement_type = 'adjust' AND part_id = $1 AND location_id = $2 AND bin_location = $3`,
          [a.part_id, a.location_id, a.bin_location],
        );
        return result.rows[0];
      }),
    );
    expect([Number(movement.qty), Number(movement.after), movement.reason]).toEqual([
      3,
      counted,
      'Found behind the shelf',
    ]);
    expect(await serverQty(a.part_id, a.location_id, a.bin_location)).toBe(counted);
    await allSent();
  }, 30_000);

  it('shows the server’s rejection of an issue from a bin emptied at the server meanwhile', async () => {
    const tech = technician();
    const a = row(stockRows(), 5);
    // The station is cut off; meanwhile the bin is emptied to 1 at the server (another counter).
    await station.core.engine.stop();
    await withClient(station.adminUrl, (client) =>
      client.query(
        `UPDATE inventory_stock SET qty_on_hand = 1 WHERE part_id = $1 AND location_id = $2 AND bin_location = $3`,
        [a.part_id, a.location_id, a.bin_location],
      ),
    );
    await page.keyboard.press('F6');
    await page.getByRole('heading', { name: 'Issue', level: 1 }).waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await scan(tech.badge_code, 'issue-scan');
    await scan(a.sku, 'issue-scan', 'issue-qty');
    await scan(`${a.warehouse}/${a.bin_location}`, 'issue-scan');
    await page.getByLabel('Quantity (pieces)').fill('3');
    await page.getByLabel('Quantity (pieces)').press('Enter');
    await queued(a.sku);
    // Pending where it matters: the wallet shows the 3 on their way, the bin its pending issue.
    await page
      .locator('.wallet-line')
      .filter({ hasText: a.sku })
      .filter({ hasText: '3 pending issue' })
      .waitFor();
    await scan(a.sku, 'issue-scan', 'issue-qty');
    await scan(`${a.warehouse}/${a.bin_location}`, 'issue-scan');
    await page
      .locator('.bin-stock')
      .filter({ hasText: `on hand ${qty(a.qty_on_hand)} · 3 pending issue` })
      .waitFor({ timeout: 5000 });

    await page.keyboard.press('Escape');
    station.core.engine.start();
    await page.locator('section.sync-bar[data-rejected="1"]').waitFor({ timeout: 15_000 });
    const message = `Only 1 of ${a.sku} left in bin ${a.bin_location}; cannot issue 3.`;
    await page.locator('.rejected-note').filter({ hasText: message }).waitFor({ timeout: 5000 });
    await page.keyboard.press('F3');
    await page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
    await page.getByText(message).first().waitFor();
    expect(await serverQty(a.part_id, a.location_id, a.bin_location)).toBe(1);
  }, 30_000);

  it('records a receipt while the server is stopped and completes it once the server is back', async () => {
    const a = row(stockRows(), 6);
    const port = server.port;
    await server.stop();
    await page.keyboard.press('F5');
    await page.getByRole('heading', { name: 'Receive', level: 1 }).waitFor();
    await page.locator('section.sync-bar[data-phase="offline"]').waitFor({ timeout: 15_000 });
    await scan(a.sku, 'receive-scan');
    await page.getByLabel('Warehouse').selectOption(a.location_id);
    await page.getByLabel('Bin', { exact: true }).fill('E2E-OFF');
    await page.getByLabel('Quantity (pieces)').fill('7');
    await page.getByLabel('Quantity (pieces)').press('Enter');
    await page.getByLabel('Supplier reference (optional)').fill('PO-E2E-OFFLINE');
    await page.getByLabel('Supplier reference (optional)').press('Enter');
    await queued(a.sku);
    await page.locator('section.sync-bar[data-pending="1"]').waitFor({ timeout: 5000 });

    const restartedAt = Date.now();
    server = await startEmbeddedServer({ dataDir: dir, port, fast: true });
    await allSent();
    console.log(`e2e counter: offline receipt applied ${Date.now() - restartedAt} ms after the restart`);
    expect(await serverQty(a.part_id, a.location_id, 'E2E-OFF')).toBe(7);
    const outbox = station.core.cache.reader
      .prepare(`SELECT status FROM outbox WHERE type = 'stock.receive' ORDER BY seq`)
      .pluck()
      .all();
    expect(outbox).toEqual(['applied', 'applied']);
    expect(problems).toEqual([]);
  }, 40_000);
  it('leaves the focus and the typing where the storekeeper put them when a slow lookup comes back', async () => {
    const tech = technician();
    const a = row(stockRows(), 7);
    // A second tab whose lookups take 600 ms to come back (a slow station PC).
    const context = await station.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const slow = await context.newPage();
      const lookups = new Set<number>();
      await slow.routeWebSocket(/.*/, (ws) => {
        const core = ws.connectToServer();
        ws.onMessage((message) => {
          const request = JSON.parse(String(message)) as { id?: number; method?: string };
          if (request.method === 'lookup.code' && request.id !== undefined) lookups.add(request.id);
          core.send(message);
        });
        core.onMessage((message) => {
          const reply = JSON.parse(String(message)) as { type?: string; id?: number };
          const late = reply.type === 'response' && reply.id !== undefined && lookups.has(reply.id);
          setTimeout(
            () => {
              ws.send(message);
            },
            late ? 600 : 0,
          );
        });
      });
      await slow.goto(station.host.launchUrl());
      const storekeeper = station.login('storekeeper');
      await slow.getByLabel('E-mail').fill(storekeeper.email);
      await slow.getByLabel('Password').fill(storekeeper.password);
      await slow.getByLabel('Password').press('Enter');
      await slow.getByRole('button', { name: 'Log out' }).waitFor();
      await slow.keyboard.press('F6');
      await slow.getByRole('heading', { name: 'Issue', level: 1 }).waitFor();
      const scanField = slow.locator('#issue-scan');
      await scanField.fill(tech.badge_code);
      await scanField.press('Enter');
      await slow.locator('.wallet-panel').filter({ hasText: tech.full_name }).waitFor();
      await scanField.fill(a.sku);
      await scanField.press('Enter');
      await slow.locator('#issue-qty:focus').waitFor();

      // The bin label is scanned, and before its lookup is back the storekeeper types the quantity.
      await scanField.fill(`${a.warehouse}/${a.bin_location}`);
      await scanField.press('Enter');
      await slow.locator('#issue-qty').click();
      await slow.keyboard.type('3');
      // The lookup is back once the scan field says what it found (the part's fullest bin may
      // already be the one scanned, so the bin field alone does not tell).
      await slow.locator('.scan-found').filter({ hasText: a.bin_location }).waitFor();
      expect(await slow.locator('#issue-bin-bin').inputValue()).toBe(a.bin_location);
      const state = {
        qtyFocused: await slow.locator('#issue-qty:focus').count(),
        qty: await slow.locator('#issue-qty').inputValue(),
        scan: await scanField.inputValue(),
      };
      expect(state).toEqual({ qtyFocused: 1, qty: '3', scan: '' });
    } finally {
      await context.close();
    }
  }, 40_000);
});
