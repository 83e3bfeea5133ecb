// The supervisor's daily log grid in Chromium (the real renderer over the web host, its own
// embedded PostgreSQL so that the link can be cut): 30 rows typed by keyboard and a block pasted
// from a spreadsheet, yesterday copied for five rows, three invalid cells refused with their reason
// and fixed, one anomaly confirmed, one save; PostgreSQL then holds exactly the good rows and the
// meters moved by their hours. Then a correction with a reason and a meter reading out of time
// order (refused, quoting the neighbouring reading) through the dialogs, and a save made offline
// that lands once the server is back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, startEmbeddedServer, type EmbeddedServer } from '../../db/embedded/embedded-server.ts';
import { migrate } from '../../db/migrate.ts';
import { addMeteredAssets } from '../helpers/metered-assets.ts';
import { withClient } from '../helpers/test-database.ts';
import { startWebStation, waitForSynced, type WebStation } from '../helpers/web-station.ts';

let dir: string;
let server: EmbeddedServer;
let station: WebStation;
let page: Page;
const problems: string[] = [];
/** The first row typed by keyboard (corrected in the second test). */
let firstCode = '';

/** Hours and fuel that fit an E2E asset's own normal (metered-assets.ts: 6-14 h at 15-24 L/h). */
function normalFor(code: string): { hours: number; fuel: number } {
  const i = Number(code.slice(-4));
  const hours = 7 + (i % 7);
  return { hours, fuel: hours * (15 + (i % 10)) };
}

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return withClient(station.adminUrl, async (client) => (await client.query(text, params)).rows as T[]);
}

async function allSent(): Promise<void> {
  await page.locator('section.sync-bar[data-pending="0"]').waitFor({ timeout: 30_000 });
}

/** The code of the asset whose cell has the focus ("Hours of E2E-0007" -> "E2E-0007"). */
async function focusedCode(): Promise<string> {
  // (A string, not a function: tsx would add helpers the page does not have.)
  const label = await page.evaluate<string>(`document.activeElement?.getAttribute('aria-label') ?? ''`);
  const match = /^(Hours|Fuel|Notes) of (.+)$/.exec(label);
  if (!match?.[2]) throw new Error(`The focus is not in a grid cell (${label})`);
  return match[2];
}

async function meters(): Promise<Map<string, number>> {
  const rows = await sql<{ code: string; hours: string }>(
    `SELECT i.client_code AS code, m.current_run_hours::text AS hours FROM asset_meters m
       JOIN asset_identities i ON i.asset_id = m.asset_id WHERE i.client_code LIKE 'E2E-%'`,
  );
  return new Map(rows.map((r) => [r.code, Number(r.hours)]));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'amms-daily-log-e2e-'));
  server = await startEmbeddedServer({ dataDir: dir, fast: true });
  await withClient(server.url, (client) => client.query('CREATE DATABASE amms_daily'));
  const url = databaseUrl(server.url, 'amms_daily');
  await migrate(url);
  station = await startWebStation({ adminUrl: url, pollIntervalMs: 500 });
  await addMeteredAssets({
    adminUrl: url,
    tenantSlug: station.tenantSlug,
    siteCode: station.siteCode,
    count: 50,
    prefix: 'E2E',
    days: 30,
  });
  // Five more logged up to yesterday (the demo site's own machines logged yesterday may be fewer:
  // some of them are on trucks in the demo data).
  await addMeteredAssets({
    adminUrl: url,
    tenantSlug: station.tenantSlug,
    siteCode: station.siteCode,
    count: 5,
    prefix: 'YDAY',
    days: 30,
    throughYesterday: true,
  });
  page = await station.openPage({ width: 1500, height: 950 });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await waitForSynced(page);
  const supervisor = station.login('supervisor');
  await page.getByLabel('E-mail').fill(supervisor.email);
  await page.getByLabel('Password').fill(supervisor.password);
  await page.getByLabel('Password').press('Enter');
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}, 240_000);

afterAll(async () => {
  await (station as WebStation | undefined)?.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('the daily log grid', () => {
  it('takes 30 rows by keyboard, a pasted block and yesterday for five, refuses bad cells, saves the good rows at once', async () => {
    await page.keyboard.press('F4');
    await page.getByRole('heading', { name: 'Daily log', level: 1 }).waitFor();
    const filter = page.getByLabel('Filter');
    await filter.fill('E2E');
    const firstRow = page.locator('.dl-row[data-asset^="E2E-"]').first();
    await firstRow.waitFor({ timeout: 30_000 });
    const before = await meters();

    // 30 rows by keyboard, from the first cell: hours, Tab, fuel, Tab, Tab (notes) to the next row.
    await firstRow.getByRole('textbox').first().click();
    const typed = new Map<string, { hours: number; fuel: number }>();
    let anomalyCode = '';
    const invalid: Record<string, string> = {};
    for (let n = 1; n <= 30; n++) {
      const code = await focusedCode();
      if (n === 1) firstCode = code;
      let { hours, fuel } = normalFor(code);
      if (n === 20) {
        // Fuel on a day it did not run: allowed, confirmed, flagged for the manager.
        hours = 0;
        fuel = 50;
        anomalyCode = code;
      }
      typed.set(code, { hours, fuel });
      const hoursText = n === 3 ? '25' : n === 11 ? 'x' : String(hours);
      const fuelText = n === 7 ? '9999' : String(fuel);
      if (n === 3) invalid[code] = '25 hours in one day is not possible (0 to 24).';
      if (n === 11) invalid[code] = '"x" is not a number of hours.';
      if (n === 7) invalid[code] = 'Its tank holds at most';
      await page.keyboard.type(hoursText);
      await page.keyboard.press('Tab');
      await page.keyboard.type(fuelText);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
    }

    // A block copied from a spreadsheet, pasted into the next row's hours cell: ten rows, hours
    // and notes (no fuel).
    const block = `${Array.from({ length: 10 }, () => '7\t\tfrom the sheet').join('\r\n')}\r\n`;
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData('text/plain', ${JSON.stringify(block)});
      document.activeElement.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    })()`);
    const pasted: string[] = [];
    for (let n = 0; n < 10; n++) {
      pasted.push(await focusedCode());
      await page.keyboard.press('Enter');
    }
    for (const code of pasted) {
      expect(await page.getByLabel(`Hours of ${code}`).inputValue()).toBe('7');
      expect(await page.getByLabel(`Notes of ${code}`).inputValue()).toBe('from the sheet');
    }

    // The three invalid cells say why, beside the cell; then they are fixed (the filter brings each
    // row into view).
    expect(await page.getByText('3 with errors').count()).toBe(1);
    for (const [code, reason] of Object.entries(invalid)) {
      await filter.fill(code);
      const row = page.locator(`.dl-row[data-asset="${code}"]`);
      await row.locator('.dl-reason').filter({ hasText: reason }).waitFor();
      expect(await row.getAttribute('data-status')).toBe('error');
      const { hours, fuel } = typed.get(code) ?? { hours: 0, fuel: 0 };
      await page.getByLabel(`Hours of ${code}`).click();
      await page.keyboard.type(String(hours));
      await page.keyboard.press('Tab');
      await page.keyboard.type(String(fuel));
      await page.keyboard.press('Tab');
      expect(await row.getAttribute('data-status')).toBe('edited');
    }

    // Yesterday for five of the site's machines logged yesterday (the demo's, then YDAY-...).
    const copied = station.core.cache.reader
      .prepare(
        `SELECT i.client_code FROM daily_logs d JOIN assets a ON a.id = d.asset_id
             JOIN locations l ON l.id = a.location_id JOIN asset_identities i ON i.asset_id = a.id
            WHERE l.site_id = ? AND d.date = date('now', '-1 day') AND a.parent_id IS NULL
              AND i.client_code NOT LIKE 'E2E-%' ORDER BY i.client_code LIMIT 5`,
      )
      .pluck()
      .all(station.core.scope.siteId) as string[];
    expect(copied).toHaveLength(5);
    for (const code of copied) {
      await filter.fill(code);
      await page.getByRole('button', { name: `Copy yesterday for ${code}` }).click();
      expect(await page.getByLabel(`Hours of ${code}`).inputValue()).not.toBe('');
    }

    // Save: the anomaly is confirmed first.
    await page.getByText('45 ready · 0 with errors').waitFor();
    await page.keyboard.press('Control+s');
    const dialog = page.getByRole('dialog', { name: 'Confirm unusual values' });
    await dialog.waitFor();
    await dialog.getByText(anomalyCode).waitFor();
    await dialog.getByRole('button', { name: 'Confirm and save' }).click();
    await page.getByRole('status').filter({ hasText: '45 rows queued.' }).waitFor();
    await allSent();

    const logs = await sql<{
      code: string;
      hours: string;
      fuel: string;
      notes: string | null;
      anomalies: { code: string }[];
    }>(
      `SELECT i.client_code AS code, d.run_hours_added::text AS hours, d.fuel_liters_added::text AS fuel, d.notes,
              d.anomalies
         FROM daily_logs d JOIN asset_identities i ON i.asset_id = d.asset_id
         JOIN assets a ON a.id = d.asset_id JOIN locations l ON l.id = a.location_id
        WHERE d.date = current_date AND l.site_id = $1`,
      [station.core.scope.siteId],
    );
    expect(logs).toHaveLength(45);
    const byCode = new Map(logs.map((l) => [l.code, l]));
    for (const [code, v] of typed) {
      expect(Number(byCode.get(code)?.hours), code).toBe(v.hours);
      expect(Number(byCode.get(code)?.fuel), code).toBe(v.fuel);
    }
    for (const code of pasted)
      expect(byCode.get(code)).toMatchObject({ hours: '7.00', notes: 'from the sheet' });
    for (const code of copied) expect(byCode.has(code)).toBe(true);
    expect(byCode.get(anomalyCode)?.anomalies.map((a) => a.code)).toContain('fuel_without_hours');
    const after = await meters();
    for (const [code, v] of typed)
      expect(after.get(code), code).toBeCloseTo((before.get(code) ?? 0) + v.hours, 2);
    for (const code of pasted) expect(after.get(code), code).toBeCloseTo((before.get(code) ?? 0) + 7, 2);
    await filter.fill(anomalyCode);
    expect(await page.locator(`.dl-row[data-asset="${anomalyCode}"]`).getAttribute('data-status')).toBe(
      'flagged',
    );
    expect(problems).toEqual([]);
  }, 240_000);

  it('corrects a log with a reason and refuses a meter reading out of time order, through the dialogs', async () => {
    const filter = page.getByLabel('Filter');
    const code = firstCode;
    await filter.fill(code);
    const logged = normalFor(code);
    const meterBefore = (await meters()).get(code) ?? 0;
    await page.getByRole('button', { name: `Correct the log of ${code}` }).click();
    const correction = page.getByRole('dialog', { name: `Correct the log of ${code}` });
    await correction.getByLabel('Hours', { exact: true }).fill(String(logged.hours - 2));
    await correction.getByLabel('Reason for the correction').fill('Operator sheet re-read: 2 h standby');
    await correction.getByRole('button', { name: 'Save correction' }).click();
    await correction.waitFor({ state: 'detached' });
    await allSent();
    const corrections = await sql<{ old: string; new: string; reason: string; delta: string }>(
      `SELECT c.old_run_hours_added::text AS old, c.new_run_hours_added::text AS new, c.reason,
              c.meter_delta::text AS delta
         FROM daily_log_corrections c JOIN asset_identities i ON i.asset_id = c.asset_id WHERE i.client_code = $1`,
      [code],
    );
    expect(corrections).toEqual([
      {
        old: logged.hours.toFixed(2),
        new: (logged.hours - 2).toFixed(2),
        reason: 'Operator sheet re-read: 2 h standby',
        delta: '-2.00',
      },
    ]);
    expect((await meters()).get(code)).toBeCloseTo(meterBefore - 2, 2);

    // A machine reading now, then one an hour earlier that is lower: refused, quoting the first.
    const machine = Math.round(meterBefore - 2 + 1);
    await page.getByRole('button', { name: `Meter of ${code}` }).click();
    const meterDialog = page.getByRole('dialog', { name: `Meter of ${code}` });
    await meterDialog.getByLabel('Reading (h)').fill(String(machine));
    await meterDialog.getByRole('button', { name: 'Save reading' }).click();
    await meterDialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: `Meter of ${code}` }).click();
    // An hour ago, as the page's datetime-local field writes it (the browser's time zone).
    const earlier = await page.evaluate<string>(`(() => {
      const at = new Date(Date.now() - 3600000);
      const pad = (n) => String(n).padStart(2, '0');
      return at.getFullYear() + '-' + pad(at.getMonth() + 1) + '-' + pad(at.getDate()) + 'T' + pad(at.getHours()) + ':' + pad(at.getMinutes());
    })()`);
    await meterDialog.getByLabel('Read at').fill(earlier);
    await meterDialog.getByLabel('Reading (h)').fill(String(machine + 5));
    await meterDialog.getByRole('button', { name: 'Save reading' }).click();
    const refusal = meterDialog.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(
      new RegExp(
        `^A reading of ${(machine + 5).toLocaleString('en-US')} h on .* is above the reading after it \\(${machine.toLocaleString('en-US')} h on .*\\)`,
      ),
    );
    await page.keyboard.press('Escape');
    await meterDialog.waitFor({ state: 'detached' });
    await allSent();
    const readings = await sql<{ reading: string }>(
      `SELECT r.reading::text AS reading FROM meter_readings r JOIN asset_identities i ON i.asset_id = r.asset_id
        WHERE i.client_code = $1`,
      [code],
    );
    expect(readings).toEqual([{ reading: machine.toFixed(2) }]);
    expect(problems).toEqual([]);
  }, 120_000);

  it('saves offline and the rows land once the server is back', async () => {
    // An E2E machine not logged today (the grid's order is by location and name, not by code).
    const [free] = await sql<{ code: string }>(
      `SELECT i.client_code AS code FROM asset_identities i
        WHERE i.client_code LIKE 'E2E-%' AND NOT EXISTS (
              SELECT 1 FROM daily_logs d WHERE d.asset_id = i.asset_id AND d.date = current_date)
        ORDER BY i.client_code LIMIT 1`,
    );
    const code = free?.code ?? '';
    const filter = page.getByLabel('Filter');
    await filter.fill(code);
    const port = server.port;
    await server.stop();
    await page.locator('section.sync-bar[data-phase="offline"]').waitFor({ timeout: 20_000 });
    await page.getByLabel(`Hours of ${code}`).click();
    const { hours, fuel } = normalFor(code);
    await page.keyboard.type(String(hours));
    await page.keyboard.press('Tab');
    await page.keyboard.type(String(fuel));
    await page.keyboard.press('Control+s');
    await page.getByRole('status').filter({ hasText: '1 row queued.' }).waitFor();
    await page.locator(`.dl-row[data-asset="${code}"][data-status="queued"]`).waitFor();
    server = await startEmbeddedServer({ dataDir: dir, port, fast: true });
    await allSent();
    const rows = await sql<{ hours: string }>(
      `SELECT d.run_hours_added::text AS hours FROM daily_logs d JOIN asset_identities i ON i.asset_id = d.asset_id
        WHERE i.client_code = $1 AND d.date = current_date`,
      [code],
    );
    expect(rows).toEqual([{ hours: hours.toFixed(2) }]);
    await page.locator(`.dl-row[data-asset="${code}"][data-status="applied"]`).waitFor({ timeout: 15_000 });
  }, 120_000);
});
