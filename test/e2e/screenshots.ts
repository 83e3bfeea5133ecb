// Screenshots of the station's screens for docs/screenshots (1280x800), taken from the real app:
// its own embedded PostgreSQL in a temp dir, demo data, an enrolled station, the core and the
// web host, and Chromium. Run with: npx electron-vite build && npx tsx test/e2e/screenshots.ts
// (add "maintenance" to take only the maintenance screens, on small demo data).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import pg from 'pg';
import { databaseUrl, startEmbeddedServer } from '../../db/embedded/embedded-server.ts';
import { migrate } from '../../db/migrate.ts';
import { startWebStation, waitForSynced, type WebStation } from '../helpers/web-station.ts';
import { shootCounterScreens } from './counter-screenshots.ts';
import { shootDailyLogScreens } from './daily-log-screenshots.ts';
import { shootMaintenanceScreens } from './maintenance-screenshots.ts';
import { shootStockScreens } from './stock-screenshots.ts';

const OUT_DIR = resolve(import.meta.dirname, '../../docs/screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  const path = join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path });
  console.log(`saved ${path}`);
}

/** Waits until the initial sync's progress bar is between 20 % and 80 % full. */
async function waitForHalfDone(page: Page): Promise<void> {
  const bar = page.locator('.sync-progress progress[value]');
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const value = Number(await bar.getAttribute('value', { timeout: 120_000 }));
    const max = Number(await bar.getAttribute('max', { timeout: 1000 }));
    if (value > max * 0.2 && value < max * 0.8) return;
  }
  throw new Error('The initial sync never showed a half-full progress bar.');
}

async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'amms-screens-'));
  const server = await startEmbeddedServer({ dataDir: dir, fast: true });
  let station: WebStation | undefined;
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE amms_screens');
    await admin.end();
    const url = databaseUrl(server.url, 'amms_screens');
    await migrate(url);
    if (process.argv[2] === 'maintenance') {
      station = await startWebStation({ adminUrl: url, pollIntervalMs: 1000 });
      const page = await station.openPage();
      await waitForSynced(page);
      await shootMaintenanceScreens(station, shoot);
      return;
    }
    console.log('seeding (medium scale) and enrolling …');
    // Medium scale: an initial sync long enough to be photographed half done.
    station = await startWebStation({
      adminUrl: url,
      manualStart: true,
      pollIntervalMs: 1000,
      scale: 'medium',
    });

    // The sync bar during the initial sync: open the page first, then let the engine start.
    const page = await station.openPage({ width: 1280, height: 800 });
    await page.getByLabel('E-mail').waitFor();
    station.core.engine.start();
    await waitForHalfDone(page);
    await shoot(page, 'sync-bar-initial-sync');
    await waitForSynced(page);
    await shoot(page, 'sync-bar-synced');

    const supervisor = station.login('supervisor');
    await page.getByLabel('E-mail').fill(supervisor.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Wrong' }).waitFor();
    await shoot(page, 'login-error');
    await page.reload();
    await page.getByLabel('E-mail').waitFor();
    await shoot(page, 'login');

    await logIn(page, supervisor.email, supervisor.password);
    const qr = station.core.cache.reader
      .prepare(
        `SELECT i.qr_token FROM asset_identities i JOIN assets a ON a.id = i.asset_id
          WHERE i.qr_token IS NOT NULL AND a.serial_number IS NOT NULL ORDER BY a.id LIMIT 1`,
      )
      .pluck()
      .get() as string;
    await page.getByLabel('Scan or type a code').fill(qr);
    await page.getByLabel('Scan or type a code').press('Enter');
    await page.locator('.match-card').waitFor();
    await shoot(page, 'lookup-result');
    await page.getByLabel('Scan or type a code').fill('XYZ-0000');
    await page.getByLabel('Scan or type a code').press('Enter');
    await page.locator('.lookup-message').waitFor();
    await shoot(page, 'lookup-no-match');

    // The daily log grid; it leaves the engine stopped with its last save pending.
    await shootDailyLogScreens(station, page, shoot);

    await page.keyboard.press('F3');
    await page.getByRole('button', { name: /^Acknowledge/ }).waitFor();
    await page.getByText('Waiting to be sent').first().waitFor();
    await shoot(page, 'activity');
    await shootStockScreens(station, shoot);

    station.core.engine.start();
    await page.locator('section.sync-bar[data-pending="0"]').waitFor({ timeout: 15_000 });
    await shootCounterScreens(station, shoot);
    await shootMaintenanceScreens(station, shoot);
  } finally {
    await station?.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
