// Screenshots of the logistics clerk's screens for docs/screenshots (1280x900), taken from the
// real app at the demo clerk's site (the demo data's working day): Shipments with a truck's
// details, Load (a truck being loaded, a refused scan), Receive truck (a blind receipt under way
// with the finish summary), and the Lookup of an asset in transit. Its own embedded PostgreSQL in a
// temp dir. Run with: npx electron-vite build && npx tsx test/e2e/logistics-screenshots.ts
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { databaseUrl, startEmbeddedServer } from '../../db/embedded/embedded-server.ts';
import { migrate } from '../../db/migrate.ts';
import { withClient } from '../helpers/test-database.ts';
import { logIn, startTwoStations, type TwoStations } from '../helpers/logistics-stations.ts';
import { waitForSynced } from '../helpers/web-station.ts';

const OUT_DIR = resolve(import.meta.dirname, '../../docs/screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  // The screen scrolls inside the main area: back to its top.
  await page.locator('.app-main').evaluate((main: { scrollTop: number }) => {
    main.scrollTop = 0;
  });
  const path = join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  console.log(`saved ${path}`);
}

async function scan(page: Page, field: string, code: string): Promise<void> {
  await page.locator(`#${field}`).fill(code);
  await page.locator(`#${field}`).press('Enter');
}

/** An asset at the site, free to load (no open movement, in service), with its client code. */
async function freeAssets(stations: TwoStations, siteCode: string, n: number): Promise<string[]> {
  return withClient(stations.adminUrl, async (client) => {
    const { rows } = await client.query<{ code: string }>(
      `SELECT i.client_code AS code FROM assets a
         JOIN asset_identities i ON i.asset_id = a.id
         JOIN locations l ON l.id = a.location_id
         JOIN locations s ON s.id = l.site_id
        WHERE s.code = $1 AND i.client_code IS NOT NULL AND a.parent_id IS NULL
          AND a.status IN ('in_service', 'out_of_service')
          AND NOT EXISTS (SELECT 1 FROM asset_movements m WHERE m.asset_id = a.id AND m.status IN ('loaded', 'in_transit'))
        ORDER BY i.client_code LIMIT $2`,
      [siteCode, n],
    );
    return rows.map((r) => r.code);
  });
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'amms-logistics-screens-'));
  const server = await startEmbeddedServer({ dataDir: dir, fast: true });
  let stations: TwoStations | undefined;
  try {
    await withClient(server.url, (client) => client.query('CREATE DATABASE amms_logistics_screens'));
    const url = databaseUrl(server.url, 'amms_logistics_screens');
    await migrate(url);
    console.log('seeding and enrolling two stations …');
    stations = await startTwoStations({ adminUrl: url });
    const page = await stations.a.openPage({ width: 1280, height: 900 });
    page.on('pageerror', (error) => {
      console.log(`page error: ${error.message}`);
    });
    await waitForSynced(page);
    await logIn(page, stations.a.clerk);
    console.log(`logged in as ${stations.a.clerk.email} at ${stations.a.siteCode}`);

    // Shipments: the working day, with the truck that came back with discrepancies opened.
    await page.keyboard.press('Alt+2');
    await page.getByRole('heading', { name: 'Shipments', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Trucks leaving' }).waitFor();
    const withProblems = page.locator('tr.row-discrepancies button.truck-ref').first();
    await withProblems.click();
    await page.locator('.truck-detail').waitFor();
    await shoot(page, 'logistics-shipments');

    // Load: continue the first truck loading here, load a free asset, refuse one already on a truck.
    await page.keyboard.press('F5');
    await page.getByRole('heading', { name: /^Load/, level: 1 }).waitFor();
    const loading = page.locator('.choice').first();
    await loading.click();
    await page.locator('#load-scan').waitFor();
    const [free] = await freeAssets(stations, stations.a.siteCode, 1);
    if (free !== undefined) {
      await scan(page, 'load-scan', free);
      await page.locator('.truck-done').waitFor();
    }
    await shoot(page, 'logistics-load');

    // Receive truck: the first truck on its way here, its first unit scanned off.
    await page.keyboard.press('F6');
    await page.getByRole('heading', { name: /^Receive/, level: 1 }).waitFor();
    await page.locator('.choice').first().click();
    const expected = page.getByRole('table', { name: 'Expected and scanned' });
    await expected.waitFor();
    // The first unit on the manifest comes off (its components with it); the rest is still to scan.
    const first = (await expected.locator('tbody .line-sku').first().textContent()) ?? '';
    await scan(page, 'receive-truck-scan', first);
    await page.locator('.truck-done').waitFor();
    await shoot(page, 'logistics-receive');
  } finally {
    await stations?.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
