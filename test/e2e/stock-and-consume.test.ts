// The Stock and Consume screens in Chromium against the real station (web host + core in this
// process, demo data in the test run's PostgreSQL, the built renderer: npx electron-vite build).
import type { Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitOperation } from '../../src-main/ops/submit.ts';
import { STATION_OPERATIONS } from '../../src-main/station/operations.ts';
import { createTestDatabase, withClient, type TestDatabase } from '../helpers/test-database.ts';
import { startWebStation, waitForSynced, type WebStation } from '../helpers/web-station.ts';

let db: TestDatabase | undefined;
let station: WebStation;

beforeAll(async () => {
  db = await createTestDatabase();
  station = await startWebStation({ adminUrl: db.url, pollIntervalMs: 1000 });
}, 180_000);

afterAll(async () => {
  await (station as WebStation | undefined)?.close();
  await db?.drop();
}, 60_000);

function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}

async function logIn(page: Page, role: string): Promise<void> {
  const login = station.login(role);
  await page.getByLabel('E-mail').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByLabel('Password').press('Enter');
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

function userId(role: string): { id: string; full_name: string } {
  return station.core.cache.reader
    .prepare('SELECT id, full_name FROM users WHERE email = ?')
    .get(station.login(role).email) as { id: string; full_name: string };
}

interface Bin {
  part_id: string;
  location_id: string;
  bin_location: string;
  qty_on_hand: number;
  sku: string;
}

/** Bins of the station's site holding at least 5 of an active piece part, none pending. */
function fullBins(count: number): Bin[] {
  return station.core.cache.reader
    .prepare(
      `SELECT s.part_id, s.location_id, s.bin_location, s.qty_on_hand, p.sku
         FROM inventory_stock s JOIN locations l ON l.id = s.location_id JOIN parts p ON p.id = s.part_id
        WHERE l.site_id = ? AND s.bin_location <> 'QUARANTINE' AND s.qty_on_hand >= 5
          AND p.unit = 'piece' AND p.is_active = 1
        ORDER BY s.id LIMIT ?`,
    )
    .all(station.core.scope.siteId, count) as Bin[];
}

function queue(type: string, userRole: string, payload: unknown): string {
  const queued = submitOperation(STATION_OPERATIONS, station.core.cache, station.core.scope, {
    type,
    userId: userId(userRole).id,
    payload,
  });
  station.core.localChange(['outbox', 'pending_effects']);
  return queued.opId;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function settled(opId: string): true | undefined {
  const row = station.core.cache.reader
    .prepare('SELECT status, settled FROM outbox WHERE op_id = ?')
    .get(opId) as { status: string; settled: number } | undefined;
  if (row?.status === 'rejected') throw new Error(`Operation ${opId} was rejected.`);
  return row?.status === 'applied' && row.settled === 1 ? true : undefined;
}

describe('stock and consume screens (web host, Chromium)', () => {
  it('books parts used on a work order from the technician’s own wallet, at the part’s unit cost', async () => {
    // (The first test: the station may still be copying the site's data.)
    const bin = await until('a bin with stock in the station’s copy of its site', () => fullBins(1)[0]);
    const tech = userId('technician');
    const wo = await withClient(station.adminUrl, async (client) => {
      const { rows } = await client.query<{ id: string; code: string }>(
        `SELECT w.id, w.code FROM work_orders w JOIN tenants t ON t.id = w.tenant_id
           JOIN assets a ON a.id = w.asset_id JOIN locations l ON l.id = a.location_id
           JOIN locations s ON s.id = l.site_id
          WHERE t.slug = $1 AND s.code = $2 AND w.status IN ('ready', 'in_progress') ORDER BY w.code LIMIT 1`,
        [station.tenantSlug, station.siteCode],
      );
      return rows[0];
    });
    if (!wo) throw new Error('No work order that takes parts at the station’s site in the demo data.');

    const page = await station.openPage();
    const problems = watchProblems(page);
    await waitForSynced(page);
    // The storekeeper issues 3 to the technician first (through the core, as the Issue screen would).
    const issued = queue('wallet.issue', 'storekeeper', { ...pick(bin), technician_id: tech.id, qty: 3 });
    await until('the issue to be applied and pulled back', () => settled(issued));
    const heldBefore = await walletQty(tech.id, bin.part_id);

    await logIn(page, 'technician');
    await page.keyboard.press('F10');
    await page.getByRole('heading', { name: 'Consume on a work order', level: 1 }).waitFor();
    // A technician books from their own wallet: it is there already.
    await page.locator('.slot').filter({ hasText: tech.full_name }).waitFor();
    const scan = page.getByLabel('Scan a code');
    await scan.fill(wo.code.toLowerCase());
    await scan.press('Enter');
    await page.locator('.slot').filter({ hasText: wo.code }).waitFor();
    const walletList = page.getByRole('listbox', { name: 'Parts in the wallet' });
    await walletList.getByRole('option').filter({ hasText: bin.sku }).click();
    await page.locator('.available').filter({ hasText: 'held' }).waitFor();
    const qty = page.getByLabel('Quantity used');
    await qty.and(page.locator(':focus')).waitFor({ timeout: 3000 });
    // More than the wallet holds: the core's message, and the focus stays on the quantity.
    const tooMany = String(heldBefore + 1);
    await page.keyboard.type(tooMany);
    await page.keyboard.press('Enter');
    await page
      .getByRole('alert')
      .filter({ hasText: `cannot use ${tooMany}` })
      .waitFor();
    await qty.and(page.locator(':focus')).waitFor({ timeout: 3000 });
    await qty.fill('2');
    await qty.press('Enter');
    const submittedAt = Date.now();
    await page.locator('.queued-summary').waitFor();

    const row = await until('the wo_consumables row in PostgreSQL', () =>
      withClient(station.adminUrl, async (client) => {
        const { rows } = await client.query<{ qty_used: string; cost_at_time: string; unit_cost: string }>(
          `SELECT c.qty_used::text, c.cost_at_time::text, p.unit_cost::text
             FROM wo_consumables c JOIN parts p ON p.id = c.part_id
            WHERE c.wo_id = $1 AND c.part_id = $2 AND c.source = 'wallet' AND c.source_user_id = $3
              AND c.consumed_by_user_id = $3`,
          [wo.id, bin.part_id, tech.id],
        );
        return rows[0];
      }),
    );
    console.log(
      `e2e: wo_consumables row in PostgreSQL ${Date.now() - submittedAt} ms after the screen queued it`,
    );
    expect(Number(row.qty_used)).toBe(2);
    expect(Number(row.cost_at_time)).toBe(Number(row.unit_cost));
    expect(await walletQty(tech.id, bin.part_id)).toBe(heldBefore - 2);
    expect(problems).toEqual([]);
  }, 120_000);

  it('shows a part’s bins with the pending issue while offline, the low-stock list, and only a window of a long list', async () => {
    const page = await station.openPage();
    const problems = watchProblems(page);
    await waitForSynced(page);
    await logIn(page, 'storekeeper');
    const [, bin] = fullBins(2);
    if (!bin) throw new Error('No second bin with stock at the station’s site.');
    const tech = userId('technician');

    await station.core.engine.stop();
    queue('wallet.issue', 'storekeeper', { ...pick(bin), technician_id: tech.id, qty: 3 });
    await page.keyboard.press('F9');
    await page.getByRole('heading', { name: 'Stock', level: 1 }).waitFor();
    const scan = page.getByLabel('Scan or search');
    await scan.and(page.locator(':focus')).waitFor({ timeout: 3000 });
    await scan.fill(bin.sku);
    await scan.press('Enter');
    const binRow = page
      .getByRole('list', { name: 'Bins' })
      .getByRole('listitem')
      .filter({ hasText: bin.bin_location })
      .filter({ hasText: '3 pending issue' });
    await binRow.waitFor();
    expect(await binRow.textContent()).toContain(`on hand ${bin.qty_on_hand.toLocaleString('en')}`);
    expect(await binRow.textContent()).toContain(`${(bin.qty_on_hand - 3).toLocaleString('en')} available`);
    await scan.and(page.locator(':focus')).waitFor({ timeout: 3000 });

    await page.getByRole('tab', { name: 'Low stock' }).click();
    const low = page.getByRole('listbox', { name: 'Parts below min level' });
    await low.getByRole('option').first().waitFor();

    // A long list: every stock row of the site's fullest warehouse, loaded page by page.
    const warehouse = station.core.cache.reader
      .prepare(
        `SELECT s.location_id AS id, count(*) AS n FROM inventory_stock s JOIN locations l ON l.id = s.location_id
          WHERE l.site_id = ? GROUP BY 1 ORDER BY n DESC LIMIT 1`,
      )
      .get(station.core.scope.siteId) as { id: string; n: number };
    expect(warehouse.n).toBeGreaterThan(200);
    await page.getByRole('tab', { name: 'By bin' }).click();
    await page.getByLabel('Warehouse').selectOption(warehouse.id);
    const rows = page.getByRole('listbox', { name: 'Stock rows' });
    await rows.getByRole('option').first().waitFor();
    await rows.focus();
    await page.keyboard.press('End');
    await page.keyboard.press('End');
    await expect
      .poll(async () => Number(await rows.getAttribute('data-total')), { timeout: 10_000 })
      .toBeGreaterThan(200);
    const total = Number(await rows.getAttribute('data-total'));
    const inDom = await rows.getByRole('option').count();
    console.log(`e2e: stock list of ${total} loaded rows (of ${warehouse.n}) keeps ${inDom} rows in the DOM`);
    expect(inDom).toBeLessThan(25);
    // The keyboard moved the active row to the end of what is loaded; Home goes back to the first.
    await page.keyboard.press('Home');
    await rows.locator('[aria-posinset="1"]').waitFor();

    station.core.engine.start();
    await page.locator('section.sync-bar[data-pending="0"]').waitFor({ timeout: 15_000 });
    expect(problems).toEqual([]);
  }, 120_000);
});

function pick(bin: Bin): { part_id: string; location_id: string; bin_location: string } {
  return { part_id: bin.part_id, location_id: bin.location_id, bin_location: bin.bin_location };
}

async function walletQty(technicianId: string, partId: string): Promise<number> {
  return withClient(station.adminUrl, async (client) => {
    const { rows } = await client.query<{ qty_held: string }>(
      'SELECT qty_held::text FROM inventory_wallets WHERE user_id = $1 AND part_id = $2',
      [technicianId, partId],
    );
    return Number(rows[0]?.qty_held ?? 0);
  });
}
