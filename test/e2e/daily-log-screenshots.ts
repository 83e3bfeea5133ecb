// Screenshots of the supervisor's daily log grid (docs/screenshots/daily-log-grid.png,
// daily-log-grid-errors.png, daily-log-grid-anomalies.png), taken by test/e2e/screenshots.ts
// through the real UI on the demo data: rows saved and applied, one refused by the server (another
// station logged that machine first), rows queued with the sync engine stopped, rows being typed;
// then three wrong cells with their reasons; then unusual values to confirm. It leaves the engine
// stopped with the last save pending (the Activity screenshot shows it).
import type { Page } from '@playwright/test';
import pg from 'pg';
import type { WebStation } from '../helpers/web-station.ts';

type Shoot = (page: Page, name: string) => Promise<void>;

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

/** Codes of the grid's first rows that are not logged today and were logged yesterday. */
async function freshRows(page: Page, count: number): Promise<string[]> {
  const rows = page.locator('.dl-row[data-status="new"]:has(button[aria-label^="Copy yesterday for "])');
  const total = await rows.count();
  const codes: string[] = [];
  for (let i = 0; i < total && codes.length < count; i++) {
    const code = await rows.nth(i).locator('.dl-code').textContent();
    if (code && code !== '—') codes.push(code);
  }
  if (codes.length < count) throw new Error(`Only ${codes.length} fresh rows in the grid, not ${count}.`);
  return codes;
}

async function copyYesterday(page: Page, code: string): Promise<void> {
  await page.getByRole('button', { name: `Copy yesterday for ${code}` }).click();
}

async function typeRow(page: Page, code: string, hours: string, fuel: string): Promise<void> {
  await page.getByLabel(`Hours of ${code}`).click();
  await page.keyboard.type(hours);
  await page.keyboard.press('Tab');
  await page.keyboard.type(fuel);
  await page.keyboard.press('Tab');
}

/** Ctrl+S, confirming unusual values if yesterday's copied values were unusual. */
async function save(page: Page): Promise<void> {
  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: 'Confirm unusual values' });
  const queued = page.getByRole('status').filter({ hasText: /queued/ });
  await Promise.race([dialog.waitFor(), queued.waitFor()]);
  if (await dialog.isVisible()) await dialog.getByRole('button', { name: 'Confirm and save' }).click();
  await queued.waitFor();
}

export async function shootDailyLogScreens(station: WebStation, page: Page, shoot: Shoot): Promise<void> {
  // A supervisor's screen, taller than the other screenshots: more rows of the grid in view.
  const before = page.viewportSize();
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.keyboard.press('F4');
  await page.getByRole('heading', { name: 'Daily log', level: 1 }).waitFor();
  await page.locator('.dl-row').first().waitFor();
  const codes = await freshRows(page, 9);
  const at = (i: number): string => codes[i] ?? '';

  // Saved online: two rows applied, the first refused (another station logged it first).
  await station.core.engine.stop();
  await logOnServerFirst(station, at(0));
  for (let i = 0; i < 3; i++) await copyYesterday(page, at(i));
  await save(page);
  station.core.engine.start();
  await page.locator('section.sync-bar[data-rejected="1"][data-pending="0"]').waitFor({ timeout: 20_000 });
  await page
    .locator(`.dl-row[data-asset="${at(1)}"]:is([data-status="applied"], [data-status="flagged"])`)
    .waitFor({ timeout: 20_000 });
  await station.core.engine.stop();

  // Two rows queued while the link is down, and one being typed.
  for (let i = 3; i < 5; i++) await copyYesterday(page, at(i));
  await save(page);
  await page.getByLabel(`Hours of ${at(5)}`).click();
  await page.keyboard.press('Alt+y');
  await page.getByLabel(`Notes of ${at(5)}`).click();
  await page.keyboard.type('Hydraulic hose replaced at noon');
  await shoot(page, 'daily-log-grid');

  // Three wrong cells, each with its reason beside it.
  await typeRow(page, at(6), '26', '');
  await typeRow(page, at(7), '8', '99999');
  await typeRow(page, at(8), '7,5', 'x');
  await shoot(page, 'daily-log-grid-errors');

  // Fixed: emptied and yesterday copied instead; then two of them made unusual, to confirm.
  for (const i of [6, 7, 8]) {
    await page.getByLabel(`Hours of ${at(i)}`).click();
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Alt+y');
  }
  await typeRow(page, at(6), '0', '45');
  await page.getByLabel(`Hours of ${at(7)}`).click();
  await page.keyboard.type('23');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: 'Confirm unusual values' });
  await dialog.waitFor();
  await shoot(page, 'daily-log-grid-anomalies');
  await dialog.getByRole('button', { name: 'Confirm and save' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /queued/ })
    .waitFor();
  if (before) await page.setViewportSize(before);
}
