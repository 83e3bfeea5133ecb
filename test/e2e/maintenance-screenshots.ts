// Screenshots of the maintenance screens (docs/screenshots/pm-board.png, work-orders.png,
// work-order-checklist.png, requests.png, asset-card.png, lookup-by-name.png), taken by
// test/e2e/screenshots.ts through the real UI as the demo site's supervisor.
import type { Page } from '@playwright/test';
import type { WebStation } from '../helpers/web-station.ts';

/** The first row of a query on the station's cache, as text. */
function one(station: WebStation, sql: string, ...args: unknown[]): Record<string, string> {
  const row = station.core.cache.reader.prepare(sql).get(...args) as Record<string, string> | undefined;
  if (row === undefined) throw new Error(`The demo data has nothing for: ${sql}`);
  return row;
}

/** Scrolls the main area so that the element is just under the nav and sync bars. */
async function scrollTo(page: Page, selector: string): Promise<void> {
  await page.evaluate(
    `(() => { const main = document.getElementById('main'); const target = document.querySelector(${JSON.stringify(selector)});
      if (main && target) main.scrollTo(0, target.getBoundingClientRect().top + main.scrollTop - 250); })()`,
  );
}

export async function shootMaintenanceScreens(
  station: WebStation,
  shoot: (page: Page, name: string) => Promise<void>,
): Promise<void> {
  const site = station.core.scope.siteId;
  const page = await station.openPage({ width: 1280, height: 800 });
  const login = station.login('supervisor');
  await page.getByLabel('E-mail').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByLabel('Password').press('Enter');
  await page.getByRole('button', { name: 'Log out' }).waitFor();

  await page.keyboard.press('Alt+3');
  await page.keyboard.press('F6');
  await page.locator('.mx-board-section').first().getByRole('listitem').first().waitFor();
  await shoot(page, 'pm-board');

  // A work order in progress (a PM one if there is) with its checklist; one more result entered (queued).
  const wo = one(
    station,
    `SELECT w.id, w.code FROM work_orders w JOIN assets a ON a.id = w.asset_id
       JOIN locations l ON l.id = a.location_id
      WHERE l.site_id = ? AND w.status = 'in_progress'
        AND (SELECT count(*) FROM wo_tasks t WHERE t.wo_id = w.id AND t.result IS NULL) >= 2
      ORDER BY w.origin = 'pm' DESC, w.code LIMIT 1`,
    site,
  );
  await page.keyboard.press('F5');
  await page
    .locator('.mx-row')
    .filter({ hasText: wo.code ?? '' })
    .click();
  const panel = page.getByRole('region', { name: `Work order ${wo.code ?? ''}` });
  await panel.getByRole('heading', { name: /^Checklist/ }).waitFor();
  await page.evaluate("document.getElementById('main').scrollTo(0, 0)");
  await shoot(page, 'work-orders');
  const open = panel.getByRole('listitem').filter({ hasText: 'No result' }).first();
  await open.locator('[data-task-first]').focus();
  await page.keyboard.press('p');
  await panel.getByText('(queued)', { exact: false }).first().waitFor();
  await scrollTo(page, 'section[aria-label^="Work order"] h3');
  await shoot(page, 'work-order-checklist');

  // The triage queue: a request with its photo and the asset's open work as possible duplicates.
  const request = one(
    station,
    `SELECT r.id, r.description FROM service_requests r JOIN assets a ON a.id = r.asset_id
       JOIN locations l ON l.id = a.location_id
      WHERE l.site_id = ? AND r.status = 'pending'
        AND EXISTS (SELECT 1 FROM service_request_photos p WHERE p.request_id = r.id)
      ORDER BY (SELECT count(*) FROM work_orders w WHERE w.asset_id = r.asset_id
                 AND w.status IN ('draft', 'ready', 'in_progress')) DESC, r.id LIMIT 1`,
    site,
  );
  await page.keyboard.press('F7');
  // (Other requests may share its words: the one with a photo.)
  await page
    .locator('.mx-row')
    .filter({ hasText: request.description ?? '' })
    .filter({ has: page.locator('.mx-row-sub', { hasText: /\bphoto\b/ }) })
    .first()
    .click();
  await page
    .getByRole('region', { name: 'Service request' })
    .getByRole('img', { name: 'Photo taken with the request' })
    .waitFor();
  await shoot(page, 'requests');

  // The asset card of the machine with the most PM schedules.
  const asset = one(
    station,
    `SELECT min(i.client_code) AS code FROM assets a JOIN asset_identities i ON i.asset_id = a.id
       JOIN locations l ON l.id = a.location_id
      WHERE l.site_id = ? AND i.client_code IS NOT NULL
      GROUP BY a.id ORDER BY (SELECT count(*) FROM pm_schedules s WHERE s.asset_id = a.id) DESC, a.id LIMIT 1`,
    site,
  );
  await page.keyboard.press('F8');
  await page.getByLabel('Asset (scan, code or name)').fill(asset.code ?? '');
  await page.getByLabel('Asset (scan, code or name)').press('Enter');
  await page.locator('.mx-meter-value').first().waitFor();
  await scrollTo(page, 'article.mx-panel');
  await shoot(page, 'asset-card');

  // Lookup by name: part of a name lists the assets and parts that have it.
  await page.keyboard.press('F2');
  await page.getByLabel('Scan or type a code').fill('excavator');
  await page.getByLabel('Scan or type a code').press('Enter');
  await page.locator('.match-card').first().waitFor();
  await shoot(page, 'lookup-by-name');
  await page.context().close();
}
