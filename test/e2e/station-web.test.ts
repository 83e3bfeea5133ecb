// The real station in Chromium: web host + station core in this process, demo data in the test
// run's PostgreSQL, the built renderer (npx electron-vite build) driven with Playwright.
import type { Page, WebSocketRoute } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestDatabase, withClient, type TestDatabase } from '../helpers/test-database.ts';
import { startWebStation, waitForSynced, type WebStation } from '../helpers/web-station.ts';

let db: TestDatabase | undefined;
let station: WebStation;

beforeAll(async () => {
  db = await createTestDatabase();
  station = await startWebStation({ adminUrl: db.url, pollIntervalMs: 1000 });
}, 180_000);

afterAll(async () => {
  // station is unset when beforeAll failed (e.g. the renderer was not built).
  await (station as WebStation | undefined)?.close();
  await db?.drop();
}, 60_000);

/** Page errors and console errors (a CSP violation shows up as one). */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}

async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
}

async function navLabels(page: Page): Promise<string[]> {
  const items = page.getByRole('navigation', { name: 'Screens' }).getByRole('button');
  return (await items.allTextContents()).map((text) => text.replace(/F\d+$/, '').trim());
}

/** Waits until the field with this label has the keyboard focus. */
async function expectFocused(page: Page, label: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).and(page.locator(':focus')).waitFor({ timeout: 3000 });
}

describe('the station in a browser (web host, Chromium)', () => {
  it('syncs, logs a storekeeper in, looks codes up, and follows a server change within seconds', async () => {
    const page = await station.openPage();
    const problems = watchProblems(page);
    expect(page.url()).not.toContain('token=');

    await waitForSynced(page);
    const storekeeper = station.login('storekeeper');
    await logIn(page, storekeeper.email, storekeeper.password);
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    const labels = await navLabels(page);
    expect(labels).toEqual(
      expect.arrayContaining(['Lookup', 'Activity', 'Receive', 'Issue', 'Return', 'Count']),
    );
    expect(labels).not.toContain('Daily log');
    await page.locator('.user-role').filter({ hasText: 'Storekeeper' }).waitFor();

    const asset = station.core.cache.reader
      .prepare(
        `SELECT a.id, a.name, i.qr_token FROM asset_identities i JOIN assets a ON a.id = i.asset_id
          WHERE i.qr_token IS NOT NULL ORDER BY a.id LIMIT 1`,
      )
      .get() as { id: string; name: string; qr_token: string };
    const scan = page.getByLabel('Scan or type a code');
    await expectFocused(page, 'Scan or type a code');
    await scan.fill(asset.qr_token);
    await scan.press('Enter');
    const card = page.locator('.match-card.match-asset');
    await card.getByRole('heading', { name: asset.name, exact: true }).waitFor();
    expect(await card.locator('.matched-by').textContent()).toBe('matched by QR token');
    await expectFocused(page, 'Scan or type a code');

    await scan.fill('NO-SUCH-CODE-42');
    await scan.press('Enter');
    const message = page.locator('.lookup-message');
    await message.waitFor();
    expect(await message.textContent()).toBe(
      'NO-SUCH-CODE-42: no asset, part, location, badge, work order or gate pass has this code.',
    );

    // Show the asset again, then rename it on the server: the station hears of it and the card
    // and the sync bar's last sync follow without a reload.
    await scan.fill(asset.qr_token);
    await scan.press('Enter');
    await card.getByRole('heading', { name: asset.name, exact: true }).waitFor();
    const lastSync = page.locator('.sync-last time');
    const syncedBefore = await lastSync.getAttribute('datetime');
    const newName = `${asset.name} (renamed in e2e)`;
    const changedAt = Date.now();
    await withClient(station.adminUrl, (client) =>
      client.query('UPDATE assets SET name = $1 WHERE id = $2', [newName, asset.id]),
    );
    await card.getByRole('heading', { name: newName, exact: true }).waitFor({ timeout: 10_000 });
    console.log(`e2e: renamed asset shown ${Date.now() - changedAt} ms after the server change`);
    await page
      .locator(`.sync-last time:not([datetime="${syncedBefore ?? ''}"])`)
      .waitFor({ timeout: 10_000 });
    await scan.fill(asset.qr_token);
    await scan.press('Enter');
    await card.getByRole('heading', { name: newName, exact: true }).waitFor();

    // A reload resumes this window's link (and login) with the stored resume token.
    await page.reload();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('E-mail').waitFor();
    expect(problems).toEqual([]);
  }, 90_000);

  it('lets a supervisor record a daily log in the grid by keyboard that reaches PostgreSQL and leaves nothing pending', async () => {
    const page = await station.openPage();
    const problems = watchProblems(page);
    await waitForSynced(page);
    const supervisor = station.login('supervisor');
    await logIn(page, supervisor.email, supervisor.password);
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    const labels = await navLabels(page);
    expect(labels).toEqual(expect.arrayContaining(['Lookup', 'Activity', 'Daily log']));
    expect(labels).not.toContain('Receive');

    // The grid of the site's machines for today; one not logged yet takes a log by keyboard.
    await page.keyboard.press('F3');
    await page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
    await page.keyboard.press('F4');
    await page.getByRole('heading', { name: 'Daily log', level: 1 }).waitFor();
    const date = await page.getByLabel('Day', { exact: true }).inputValue();
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.getByLabel('Show').selectOption('todo');
    const free = page.locator('.dl-row[data-status="new"]').first();
    await free.waitFor({ timeout: 30_000 });
    const code = (await free.getAttribute('data-asset')) ?? '';
    await page.getByLabel('Filter').fill(code);
    const row = page.locator(`.dl-row[data-asset="${code}"]`);
    const hours = page.getByLabel(`Hours of ${code}`);

    await hours.click();
    await page.keyboard.type('25');
    await page.keyboard.press('Tab');
    await row
      .locator('.dl-reason')
      .filter({ hasText: '25 hours in one day is not possible (0 to 24).' })
      .waitFor();
    expect(await row.getAttribute('data-status')).toBe('error');
    await hours.click();
    await page.keyboard.type('7.5');
    await page.keyboard.press('Tab');
    await page.keyboard.type('120');
    await page.keyboard.press('Tab');
    await page.keyboard.type('e2e: checked by the browser test');
    expect(await row.getAttribute('data-status')).toBe('edited');
    await page.keyboard.press('Control+s');
    const submittedAt = Date.now();
    // 120 L in 7.5 h may be unusual for this machine: the grid then asks before it saves.
    const queued = page.getByRole('status').filter({ hasText: '1 row queued.' });
    const confirm = page.getByRole('dialog', { name: 'Confirm unusual values' });
    await queued.or(confirm).waitFor();
    if (await confirm.isVisible()) await confirm.getByRole('button', { name: 'Confirm and save' }).click();
    await queued.waitFor();

    let saved: { run_hours_added: string; fuel_liters_added: string; notes: string | null } | undefined;
    for (let i = 0; i < 100 && !saved; i++) {
      saved = await withClient(station.adminUrl, async (client) => {
        const result = await client.query<NonNullable<typeof saved>>(
          `SELECT d.run_hours_added::text, d.fuel_liters_added::text, d.notes FROM daily_logs d
             JOIN asset_identities i ON i.asset_id = d.asset_id
            WHERE i.client_code = $1 AND d.date = $2`,
          [code, date],
        );
        return result.rows[0];
      });
      if (!saved) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(saved).toBeDefined();
    expect(Number(saved?.run_hours_added)).toBe(7.5);
    expect(Number(saved?.fuel_liters_added)).toBe(120);
    expect(saved?.notes).toBe('e2e: checked by the browser test');
    console.log(`e2e: daily log in PostgreSQL ${Date.now() - submittedAt} ms after the grid saved it`);

    await page.locator('section.sync-bar[data-pending="0"]').filter({ hasText: '0 pending' }).waitFor({
      timeout: 15_000,
    });
    await page.keyboard.press('F3');
    await page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
    await page.getByText('Nothing is waiting: every operation has reached the server.').waitFor();
    const outbox = station.core.cache.reader
      .prepare(`SELECT status, settled FROM outbox WHERE type = 'daily_log.record'`)
      .all();
    expect(outbox).toEqual([{ status: 'applied', settled: 1 }]);
    expect(problems).toEqual([]);
  }, 90_000);

  it('shows the core’s message for a wrong password and keeps the user on the login screen', async () => {
    const page = await station.openPage();
    const problems = watchProblems(page);
    await waitForSynced(page);
    await logIn(page, station.login('storekeeper').email, 'not-the-password');
    await page.getByRole('alert').filter({ hasText: 'Wrong e-mail or password.' }).waitFor();
    expect(await page.getByLabel('Password').inputValue()).toBe('');
    await expectFocused(page, 'Password');
    expect(await page.getByRole('button', { name: 'Log out' }).count()).toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);

  it('shows reconnecting when the link to the station drops, then resumes the same login', async () => {
    const context = await station.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      const routes: WebSocketRoute[] = [];
      await page.routeWebSocket(/\/api\?token=/, (route) => {
        routes.push(route);
        // Reconnects reach the station only after a pause, so the bar can be seen saying so.
        if (routes.length === 1) route.connectToServer();
        else setTimeout(() => route.connectToServer(), 1500);
      });
      await page.goto(station.host.launchUrl());
      await waitForSynced(page);
      const storekeeper = station.login('storekeeper');
      await logIn(page, storekeeper.email, storekeeper.password);
      await page.getByRole('button', { name: 'Log out' }).waitFor();

      const [first] = routes;
      await first?.close({ code: 1001, reason: 'link dropped' });
      await page
        .locator('section.sync-bar[data-connection="reconnecting"]')
        .filter({ hasText: 'Reconnecting to the station…' })
        .waitFor({ timeout: 5000 });
      await waitForSynced(page, 15_000);
      expect(routes.length).toBe(2);
      await page.getByRole('button', { name: 'Log out' }).waitFor();
      const scan = page.getByLabel('Scan or type a code');
      await scan.fill('NO-SUCH-CODE-43');
      await scan.press('Enter');
      await page.locator('.lookup-message').filter({ hasText: 'NO-SUCH-CODE-43' }).waitFor();
    } finally {
      await context.close();
    }
  }, 60_000);

  it('refuses a WebSocket without a token, with a reused token, or from another origin', async () => {
    const origin = station.host.url;
    const endpoint = `${origin.replace(/^http/, 'ws')}/api`;
    const tokenOf = (url: string): string =>
      new URLSearchParams(new URL(url).hash.slice(1)).get('token') ?? '';

    expect(await connect(endpoint, origin)).toEqual({ refused: 403 });
    expect(await connect(`${endpoint}?token=not-a-token`, origin)).toEqual({ refused: 403 });

    const token = tokenOf(station.host.launchUrl());
    const first = await connect(`${endpoint}?token=${token}`, origin);
    if (!('resumeToken' in first)) throw new Error(`The launch token was refused: ${JSON.stringify(first)}`);
    expect(await connect(`${endpoint}?token=${token}`, origin)).toEqual({ refused: 403 });
    // The resume token from the welcome admits exactly one reconnect.
    expect(await connect(`${endpoint}?token=${first.resumeToken}`, origin)).toHaveProperty('resumeToken');
    expect(await connect(`${endpoint}?token=${first.resumeToken}`, origin)).toEqual({ refused: 403 });
    // Another origin is refused even with a fresh token.
    const fresh = tokenOf(station.host.launchUrl());
    expect(await connect(`${endpoint}?token=${fresh}`, 'http://evil.example')).toEqual({ refused: 403 });

    // In the browser, a launch link that was already used says so instead of a login form.
    const used = station.host.launchUrl();
    const context = await station.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(used);
      await page.getByLabel('E-mail').waitFor();
      const second = await context.newPage();
      await second.goto(used);
      await second
        .getByRole('alert')
        .filter({ hasText: 'This page is not connected to the station' })
        .waitFor();
    } finally {
      await context.close();
    }
  }, 60_000);
});

/** Opens a WebSocket to the web host: the welcome's resume token, or the refusal's HTTP status. */
function connect(url: string, origin: string): Promise<{ resumeToken: string } | { refused: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.on('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; resumeToken?: string };
      if (message.type === 'welcome' && message.resumeToken) resolve({ resumeToken: message.resumeToken });
      else reject(new Error(`The first message was not a welcome: ${data.toString()}`));
      ws.close();
    });
    ws.on('error', (error) => {
      reject(error);
    });
  });
}
