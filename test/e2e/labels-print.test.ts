// The Labels screen in Chromium against the real station: a storekeeper makes the bin labels of a
// warehouse (drawn in the core's print worker, a progress bar meanwhile), prints them on the
// CUPS-PDF queue (.ci/cups-queue.sh), which becomes the station's printer, and saves the PDF; then
// labels for two scanned assets.
import type { Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PRINTER, waitForPrinted } from '../helpers/cups-queue.ts';
import { pdfPages, pdfText } from '../helpers/pdf-tools.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
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

async function openLabels(page: Page): Promise<void> {
  const login = station.login('storekeeper');
  await page.getByLabel('E-mail').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByLabel('Password').press('Enter');
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  await waitForSynced(page);
  await page.keyboard.press('F4');
  await page.getByRole('heading', { name: 'Labels', level: 1 }).waitFor();
}

describe('Labels screen', () => {
  it("prints a warehouse's bin labels on the chosen printer, remembers it, and saves the PDF", async () => {
    const page = await station.openPage();
    await openLabels(page);
    const warehouse = station.core.cache.reader
      .prepare(
        `SELECT l.id, l.code, count(DISTINCT s.bin_location) AS bins FROM locations l
           JOIN inventory_stock s ON s.location_id = l.id
          WHERE l.type = 'warehouse' AND l.site_id = ? GROUP BY l.id ORDER BY bins DESC LIMIT 1`,
      )
      .get(station.core.scope.siteId) as { id: string; code: string; bins: number };
    await page.getByLabel('Warehouse', { exact: true }).selectOption(warehouse.id);
    await page.getByRole('button', { name: `Make ${String(warehouse.bins)} labels` }).click();
    const panel = page.getByRole('region', { name: 'Print or save' });
    await panel.waitFor();
    const pages = Math.ceil(warehouse.bins / 24);
    await expect
      .poll(() => panel.textContent())
      .toContain(`${String(pages)} ${pages === 1 ? 'page' : 'pages'}`);

    await panel.getByLabel('Printer', { exact: true }).selectOption(TEST_PRINTER);
    const since = Date.now();
    await panel.getByRole('button', { name: 'Print' }).click();
    await panel.getByText(`sent to ${TEST_PRINTER}`).waitFor();
    const printed = await waitForPrinted({ title: `Bin_labels_${warehouse.code}`, since });
    expect(pdfPages(printed)).toBe(pages);
    // The first print made it the station's printer.
    await expect
      .poll(() => panel.getByLabel('Printer', { exact: true }).textContent())
      .toContain(`${TEST_PRINTER} (this station)`);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Save PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`bin-labels-${warehouse.code}.pdf`);
    const saved = await download.path();
    expect(pdfPages(saved)).toBe(pages);
    expect(pdfText(saved, { raw: true })).toContain(warehouse.code);
    await page.context().close();
  });

  it('makes labels for scanned assets', async () => {
    const page = await station.openPage();
    await openLabels(page);
    await page.getByLabel('Chosen assets').check();
    const codes = (
      station.core.cache.reader
        .prepare(
          'SELECT client_code FROM asset_identities WHERE client_code IS NOT NULL ORDER BY client_code LIMIT 2',
        )
        .all() as { client_code: string }[]
    ).map((r) => r.client_code);
    for (const code of codes) {
      await page.getByLabel("Scan or type an asset's code").fill(code);
      await page.getByLabel("Scan or type an asset's code").press('Enter');
      await page.getByRole('list', { name: 'Assets to label' }).getByText(code).waitFor();
    }
    await page.getByRole('button', { name: 'Make 2 labels' }).click();
    const panel = page.getByRole('region', { name: 'Print or save' });
    await panel.getByText('Asset labels (2)').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Save PDF' }).click(),
    ]);
    const text = pdfText(await download.path(), { raw: true });
    for (const code of codes) expect(text).toContain(code);
    await page.context().close();
  });
});
