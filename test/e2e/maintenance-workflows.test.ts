// The maintenance loop in Chromium against the real station (web host + core in this process, demo
// data in the test run's PostgreSQL, the built renderer: npx electron-vite build): daily logs push
// an asset past its PM interval; after sync the PM board shows it overdue with the work order the
// server's engine opened; the supervisor readies it for a technician, who starts it and enters the
// checklist by keyboard; the supervisor's first close is refused (a mandatory task has no result),
// then closes it and the schedule records the completion. Then an operator reports a defect with a
// photo and the supervisor converts it into a work order that keeps both.
// The daily logs are queued through the core (as the Daily log screen does; that screen has its own
// tests), everything else through the screens.
import type { Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPhoto } from '../../db/seed/demo-photo.ts';
import { rngFor } from '../../db/seed/prng.ts';
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

async function logOut(page: Page): Promise<void> {
  await page.locator('section.sync-bar[data-pending="0"]').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByLabel('E-mail').waitFor();
}

function cache<T>(sql: string, ...args: unknown[]): T[] {
  return station.core.cache.reader.prepare(sql).all(...args) as T[];
}

function userId(role: string): string {
  const [row] = cache<{ id: string }>('SELECT id FROM users WHERE email = ?', station.login(role).email);
  if (!row) throw new Error(`No ${role} in the cache.`);
  return row.id;
}

async function until<T>(
  what: string | (() => string),
  probe: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${typeof what === 'string' ? what : what()}.`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Target {
  id: string;
  asset_id: string;
  asset_label: string;
  name: string;
  remaining: number;
}

/** The run-hours schedule of the station's site nearest its due reading, with no work order open. */
function nearestSchedule(): Target {
  const [row] = cache<Target>(
    `SELECT s.id, s.asset_id, s.name, s.due_meter - m.current_run_hours AS remaining,
            coalesce((SELECT min(i.client_code) FROM asset_identities i WHERE i.asset_id = a.id), a.name) AS asset_label
       FROM pm_schedules s JOIN assets a ON a.id = s.asset_id JOIN asset_meters m ON m.asset_id = a.id
       JOIN locations l ON l.id = a.location_id
      WHERE l.site_id = ? AND s.is_active AND s.meter = 'run_hours' AND s.due_meter IS NOT NULL
        AND s.suppressed_by_schedule_id IS NULL AND a.status <> 'disposed'
        AND s.due_meter - m.current_run_hours BETWEEN 1 AND 250
        AND NOT EXISTS (SELECT 1 FROM work_orders w WHERE w.asset_id = a.id
                          AND w.origin = 'pm' AND w.status IN ('draft', 'ready', 'in_progress'))
      ORDER BY remaining LIMIT 1`,
    station.core.scope.siteId,
  );
  if (!row) throw new Error('No run-hours schedule near its due reading at the station’s site.');
  return row;
}

/**
 * Days (today backwards) whose log moves the asset's meter (after its latest machine reading: ADR
 * 0019), without a daily log of the asset and not submitted (locked) at the station's site, for as
 * many logs as the hours need.
 */
function freeDays(assetId: string, count: number): string[] {
  const [anchor] = cache<{ day: string | null }>(
    `SELECT max(read_on) AS day FROM meter_readings WHERE asset_id = ? AND meter = 'run_hours'`,
    assetId,
  );
  const taken = new Set(
    cache<{ date: string }>(
      `SELECT date FROM daily_logs WHERE asset_id = ?
       UNION SELECT date FROM daily_log_days WHERE site_id = ? AND status = 'submitted'`,
      assetId,
      station.core.scope.siteId,
    ).map((r) => r.date),
  );
  const days: string[] = [];
  for (let back = 0; days.length < count; back++) {
    const d = new Date();
    d.setDate(d.getDate() - back);
    const day = `${String(d.getFullYear())}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    if (anchor?.day && day <= anchor.day) {
      throw new Error(
        `Only ${String(days.length)} day(s) after the last reading (${anchor.day}) are free; ${String(count)} needed.`,
      );
    }
    if (!taken.has(day)) days.push(day);
  }
  return days;
}

function queue(type: string, role: string, payload: unknown): void {
  submitOperation(STATION_OPERATIONS, station.core.cache, station.core.scope, {
    type,
    userId: userId(role),
    payload,
  });
  station.core.localChange(['outbox', 'pending_effects']);
}

async function server<T>(sql: string, args: unknown[]): Promise<T | undefined> {
  return withClient(
    station.adminUrl,
    async (client) => (await client.query(sql, args)).rows[0] as T | undefined,
  );
}

describe('maintenance screens (web host, Chromium)', () => {
  it('daily logs bring a PM due; the work order is readied, worked by keyboard and closed after a refusal', async () => {
    const page = await station.openPage();
    const problems = watchProblems(page);
    await waitForSynced(page);
    const target = nearestSchedule();
    const hours = Math.ceil(target.remaining) + 1;
    const days = freeDays(target.asset_id, Math.ceil(hours / 20));
    days.forEach((date, i) => {
      const run = Math.min(20, hours - i * 20);
      queue('daily_log.record', 'supervisor', {
        asset_id: target.asset_id,
        date,
        run_hours_added: run,
        fuel_liters_added: 40,
      });
    });

    // The server's engine opens the work order in the daily log's transaction; the station pulls it.
    const wo = await until(
      () =>
        `the PM work order at the station (the daily logs: ${JSON.stringify(
          cache(`SELECT status, reason, last_error FROM outbox WHERE type = 'daily_log.record'`),
        )})`,
      () =>
        cache<{ id: string; code: string; pm_schedule_id: string }>(
          `SELECT id, code, pm_schedule_id FROM work_orders
          WHERE asset_id = ? AND origin = 'pm' AND status IN ('draft', 'ready', 'in_progress')`,
          target.asset_id,
        )[0],
    );
    const tasks = cache<{ id: string; seq: number; description: string; is_mandatory: number }>(
      'SELECT id, seq, description, is_mandatory FROM wo_tasks WHERE wo_id = ? ORDER BY seq',
      wo.id,
    );
    const lastMandatory = tasks.filter((t) => t.is_mandatory === 1).at(-1);
    if (!lastMandatory || tasks.length < 2)
      throw new Error(`${wo.code} has no checklist with a mandatory task.`);

    // The supervisor sees it on the PM board, overdue, with the engine's why; opens it and readies it.
    await logIn(page, 'supervisor');
    await page.keyboard.press('Alt+3');
    await page.keyboard.press('F6');
    await page.getByRole('heading', { name: 'PM board', level: 1 }).waitFor();
    const overdue = page
      .locator('section.mx-board-section')
      .filter({ has: page.getByRole('heading', { name: /^Overdue/ }) });
    const boardRow = overdue
      .getByRole('listitem')
      .filter({ hasText: target.asset_label })
      .filter({ hasText: wo.code });
    await boardRow.waitFor();
    expect(await boardRow.textContent()).toMatch(/open for it/);
    await boardRow.getByRole('button', { name: new RegExp(wo.code) }).click();
    const panel = page.getByRole('region', { name: `Work order ${wo.code}` });
    await panel.getByText('Why:').waitFor();
    await panel.getByRole('button', { name: 'Ready…' }).click();
    await panel.getByLabel('Technician').selectOption(userId('technician'));
    await panel.getByRole('button', { name: 'Ready for work' }).click();
    await panel.locator('.queued-summary').waitFor();
    await logOut(page);

    // The technician finds it among their own, starts it and enters the checklist by keyboard.
    await logIn(page, 'technician');
    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { name: 'Work orders', level: 1 }).waitFor();
    await page.locator('.mx-row').filter({ hasText: wo.code }).click();
    await panel.getByRole('button', { name: 'Start work' }).click();
    const first = panel.getByRole('listitem', { name: new RegExp(`^Task ${String(tasks[0]?.seq)}:`) });
    await first.locator('[data-task-first]').waitFor();
    expect(await panel.getByRole('button', { name: 'Close…' }).count()).toBe(0);
    await first.locator('[data-task-first]').focus();
    for (const [i, task] of tasks.entries()) {
      if (task.id === lastMandatory.id) continue;
      const row = panel.getByRole('listitem', { name: new RegExp(`^Task ${String(task.seq)}:`) });
      await row.locator('[data-task-first]').focus();
      if (i === 0) {
        // A value read: V goes to the value, Enter records it.
        await page.keyboard.press('v');
        // Typed as a person types (a fast burst of keys is a wedge scanner's scan).
        await page.keyboard.type('42 psi', { delay: 120 });
        await page.keyboard.press('Enter');
        await row.getByText('Read: 42 psi').waitFor();
      } else {
        await page.keyboard.press('p');
        await row.getByText(/^Passed/).waitFor();
      }
    }
    await logOut(page);

    // The supervisor's close is refused, naming the open mandatory task; they record it and close.
    await logIn(page, 'supervisor');
    await page.keyboard.press('F5');
    await page.getByRole('heading', { name: 'Work orders', level: 1 }).waitFor();
    await page.locator('.mx-row').filter({ hasText: wo.code }).click();
    await panel.getByRole('button', { name: 'Close…' }).click();
    await panel.getByRole('button', { name: 'Close work order' }).click();
    const refusal = panel.getByRole('alert').filter({ hasText: 'cannot be closed' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(
      `${String(lastMandatory.seq)}. ${lastMandatory.description}`,
    );
    const last = panel.getByRole('listitem', { name: new RegExp(`^Task ${String(lastMandatory.seq)}:`) });
    await last.locator('[data-task-first]').focus();
    await page.keyboard.press('p');
    await last.getByText(/^Passed/).waitFor();
    await panel.getByRole('button', { name: 'Close work order' }).click();
    await panel
      .locator('.queued-summary')
      .filter({ hasText: `Close ${wo.code}` })
      .waitFor();

    const done = await until('the completion on the server', () =>
      server<{ status: string; kind: string; meter: string }>(
        `SELECT w.status::text AS status, c.kind, c.meter::text AS meter
           FROM work_orders w JOIN pm_completions c ON c.wo_id = w.id AND c.schedule_id = w.pm_schedule_id
          WHERE w.id = $1`,
        [wo.id],
      ),
    );
    expect(done.status).toBe('closed');
    expect(done.kind).toBe('done');
    const results = await server<{ n: string }>(
      'SELECT count(*)::text AS n FROM wo_tasks WHERE wo_id = $1 AND result IS NOT NULL',
      [wo.id],
    );
    expect(Number(results?.n)).toBe(tasks.length);
    // Back at the station, the schedule has left the overdue list.
    await page.keyboard.press('F6');
    await page.locator('section.sync-bar[data-pending="0"]').waitFor({ timeout: 30_000 });
    await expect
      .poll(() => overdue.getByRole('listitem').filter({ hasText: wo.code }).count(), { timeout: 30_000 })
      .toBe(0);
    expect(problems).toEqual([]);
  }, 240_000);

  it('an operator reports a defect with a photo; the supervisor converts it and the work order keeps both', async () => {
    const page = await station.openPage();
    const problems = watchProblems(page);
    await waitForSynced(page);
    const [asset] = cache<{ id: string; code: string }>(
      `SELECT a.id, min(i.client_code) AS code FROM assets a JOIN asset_identities i ON i.asset_id = a.id
         JOIN locations l ON l.id = a.location_id
        WHERE l.site_id = ? AND a.status <> 'disposed' AND i.client_code IS NOT NULL
        GROUP BY a.id ORDER BY a.id LIMIT 1`,
      station.core.scope.siteId,
    );
    if (!asset) throw new Error('No asset with a client code at the station’s site.');
    const description = 'Boom cylinder weeping oil at the rod seal (e2e)';

    await logIn(page, 'operator');
    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { name: 'Requests', level: 1 }).waitFor();
    const form = page.getByRole('region', { name: 'Report a defect' });
    await form.getByLabel('Asset (scan, code or name)').fill(asset.code);
    await form.getByLabel('Asset (scan, code or name)').press('Enter');
    await form.getByText(`On ${asset.code}`, { exact: false }).waitFor();
    await form.getByLabel('What is wrong').fill(description);
    await form.getByLabel('Photo (optional)').setInputFiles({
      name: 'leak.png',
      mimeType: 'image/png',
      buffer: demoPhoto(rngFor(7, 'e2e-photo')),
    });
    await form.getByRole('img', { name: 'The photo to send' }).waitFor();
    await form.getByRole('button', { name: 'Send request' }).click();
    // Filed: the request opens with its photo. (Online, it may already have synced, so its
    // "queued here" mark can be gone before we look; its queued state is checked in src-main/maintenance/work-order-ops.test.ts.)
    const filed = page.getByRole('region', { name: 'Service request' });
    await filed.getByText(description).waitFor();
    await filed.getByRole('img', { name: 'Photo taken with the request' }).waitFor();
    const request = await until('the request on the server', () =>
      server<{ id: string }>(`SELECT id FROM service_requests WHERE description = $1`, [description]),
    );
    await logOut(page);

    await logIn(page, 'supervisor');
    await page.keyboard.press('Alt+3');
    await page.keyboard.press('F7');
    await page.locator('.mx-row').filter({ hasText: description }).click();
    const triage = page.getByRole('region', { name: 'Service request' });
    await triage.getByRole('img', { name: 'Photo taken with the request' }).waitFor();
    await triage.getByRole('heading', { name: /^Possible duplicates/ }).waitFor();
    await triage.getByRole('button', { name: 'Convert' }).click();
    await triage.locator('.queued-summary').waitFor();
    const converted = await until('the conversion on the server', () =>
      server<{ wo_id: string; description: string; photo: boolean }>(
        `SELECT w.id AS wo_id, w.description,
                EXISTS (SELECT 1 FROM service_request_photos p WHERE p.request_id = r.id) AS photo
           FROM service_requests r JOIN work_orders w ON w.id = r.converted_wo_id
          WHERE r.id = $1 AND r.status = 'converted'`,
        [request.id],
      ),
    );
    expect(converted.description).toContain(description);
    expect(converted.photo).toBe(true);
    // The new work order at the station shows the request with its photo.
    await page.locator('section.sync-bar[data-pending="0"]').waitFor({ timeout: 30_000 });
    await triage.getByRole('button', { name: 'Open the new work order' }).click();
    await page.getByRole('heading', { name: 'Work orders', level: 1 }).waitFor();
    await page.getByText(`“${description}”`, { exact: false }).waitFor({ timeout: 30_000 });
    await page.getByRole('img', { name: 'Photo taken with the request' }).waitFor();
    expect(problems).toEqual([]);
  }, 180_000);
});
