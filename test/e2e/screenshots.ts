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

async function recordDailyLog(page: Page, code: string, hours: string, fuel: string): Promise<void> {
  await page.getByLabel('Asset code').fill(code);
  await page.getByLabel('Asset code').press('Enter');
  await page.locator('.picked-asset').waitFor();
  await page.getByLabel('Run hours (0–24)').fill(hours);
  await page.getByLabel('Fuel added (litres)').fill(fuel);
  await page.getByLabel('Fuel added (litres)').press('Enter');
  await page.locator('.queued-summary').filter({ hasText: 'Daily log' }).waitFor();
}

/**
 * Another station logs this asset for today first: a daily log written straight to the server
 * while this station's engine is stopped, so the station still believes the day is free.
 */
async function logOnServerFirst(station: WebStation, code: string): Promise<void> {
  const client = new pg.Client({ connectionString: station.adminUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO daily_logs (id, tenant_id, date, supervisor_id, asset_id, run_hours_added, fuel_liters_added)
       SELECT gen_random_uuid(), a.tenant_id, current_date,
              (SELECT u.id FROM users u WHERE u.tenant_id = a.tenant_id AND u.role = 'supervisor' LIMIT 1),
              a.id, 5, 60
         FROM assets a JOIN asset_identities i ON i.asset_id = a.id
        WHERE i.client_code = $1 AND a.tenant_id = (SELECT id FROM tenants WHERE slug = $2)`,
      [code, station.tenantSlug],
    );
  } finally {
    await client.end();
  }
}

/** Client codes of assets with no daily log near today. */
async function freshAssetCodes(station: WebStation): Promise<string[]> {
  const client = new pg.Client({ connectionString: station.adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ code: string }>(
      `SELECT i.client_code AS code FROM assets a
         JOIN asset_identities i ON i.asset_id = a.id JOIN tenants t ON t.id = a.tenant_id
        WHERE t.slug = $1 AND i.client_code IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM daily_logs d WHERE d.asset_id = a.id AND d.date >= current_date - 2)
        ORDER BY a.id DESC LIMIT 2`,
      [station.tenantSlug],
    );
    if (rows.length < 2) throw new Error('Not enough assets without a recent daily log.');
    return rows.map((r) => r.code);
  } finally {
    await client.end();
  }
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

    // Daily log: one that the server rejects (another station logged that asset and day first),
    // then, with the engine stopped, one that stays pending.
    await page.keyboard.press('F4');
    const [taken, fresh] = await freshAssetCodes(station);
    if (!taken || !fresh) throw new Error('unreachable');
    await station.core.engine.stop();
    await logOnServerFirst(station, taken);
    await recordDailyLog(page, taken, '6', '80');
    station.core.engine.start();
    await page.locator('section.sync-bar[data-rejected="1"]').waitFor({ timeout: 15_000 });
    await station.core.engine.stop();
    await page.getByLabel('Asset code').fill(fresh);
    await page.getByLabel('Asset code').press('Enter');
    await page.locator('.picked-asset').waitFor();
    await page.getByLabel('Run hours (0–24)').fill('30');
    await page.getByLabel('Fuel added (litres)').fill('140');
    await page.getByLabel('Fuel added (litres)').press('Enter');
    await page.locator('.field-error').first().waitFor();
    await shoot(page, 'daily-log-error');
    await page.getByLabel('Run hours (0–24)').fill('9.5');
    await page.getByLabel('Notes (optional)').fill('Hydraulic hose replaced at noon');
    await page.getByLabel('Notes (optional)').press('Enter');
    await page.locator('.queued-summary').waitFor();
    await shoot(page, 'daily-log-queued');

    await page.keyboard.press('F3');
    await page.getByRole('button', { name: /^Acknowledge/ }).waitFor();
    await page.getByText('Waiting to be sent').waitFor();
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
