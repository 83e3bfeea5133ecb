// The logistics clerk's job end to end through the real UI, with two stations of one tenant against
// one PostgreSQL (issue 11): at site A a clerk opens a truck and loads it while A is offline (three
// assets, one with components, and two part lines, by scanning; a second scan of an asset is
// refused in one line and the focus stays), then dispatches it online with two seals. Site B sees
// it coming and receives it blind: two assets (one damaged), one part line, an asset that was not
// on the manifest, one seal broken, and finishes. PostgreSQL then holds the movements, the assets'
// places, the stock and the discrepancies, and A's station shows the discrepancies. Last, a long
// truck at A: only the lines in view are drawn, and every scanned line is brought into view.
// Needs the built renderer: npx electron-vite build.
import type { Page } from '@playwright/test';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addPlainUnits,
  binQty,
  freeUnits,
  stockedParts,
  warehouseOf,
  type FreeAsset,
  type StockedPart,
} from '../helpers/logistics-e2e-data.ts';
import { logIn, startTwoStations, type TwoStations } from '../helpers/logistics-stations.ts';
import { createTestDatabase, withClient, type TestDatabase } from '../helpers/test-database.ts';
import { waitForSynced } from '../helpers/web-station.ts';

let db: TestDatabase | undefined;
let stations: TwoStations;
let pageA: Page;
let pageB: Page;
const problems: string[] = [];

// What the truck carries, picked from the demo data at site A.
let unit: FreeAsset; // with components
let second: FreeAsset; // arrives damaged
let third: FreeAsset; // never arrives
let extra: FreeAsset; // comes off at B without being on the manifest
let part1: StockedPart; // arrives
let part2: StockedPart; // never arrives
let gatePass = '';

/** Assets on the truck: the three units loaded and their components. */
function loadedAssets(): number {
  return [unit, second, third].reduce((sum, u) => sum + 1 + u.components.length, 0);
}

function watch(page: Page, name: string): void {
  page.on('pageerror', (error) => problems.push(`${name} page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${name} console: ${message.text()}`);
  });
}

async function scan(page: Page, field: string, code: string): Promise<void> {
  const input = page.locator(`#${field}`);
  await input.fill(code);
  await input.press('Enter');
}

/** Scans a code and waits for the operation's summary (the truck screen's "done" line). */
async function scanDone(page: Page, field: string, code: string, summary: string | RegExp): Promise<void> {
  await scan(page, field, code);
  try {
    await page.locator('.truck-done').filter({ hasText: summary }).waitFor({ timeout: 10_000 });
  } catch (error) {
    const shown = await page.locator('.field-error, .form-error').allTextContents();
    throw new Error(`${code} was not taken; the screen says ${JSON.stringify(shown)}`, { cause: error });
  }
  await page.locator(`#${field}:focus`).waitFor({ timeout: 5000 });
}

async function allSent(page: Page): Promise<void> {
  await page.locator('section.sync-bar[data-pending="0"]').waitFor({ timeout: 30_000 });
}

beforeAll(async () => {
  db = await createTestDatabase();
  // A: the site with the most units free to load; B: the demo clerk's depot.
  stations = await startTwoStations({ adminUrl: db.url, pollIntervalMs: 500, siteA: 'most-free-units' });
  const a = stations.a.siteCode;
  [unit, second, third, extra] = (await freeUnits(db.url, a, { withComponents: 1, more: 3 })) as [
    FreeAsset,
    FreeAsset,
    FreeAsset,
    FreeAsset,
  ];
  [part1, part2] = (await stockedParts(db.url, a, 2)) as [StockedPart, StockedPart];
  pageA = await stations.a.openPage();
  pageB = await stations.b.openPage();
  watch(pageA, 'A');
  watch(pageB, 'B');
  await waitForSynced(pageA);
  await waitForSynced(pageB);
  await logIn(pageA, stations.a.clerk);
  await logIn(pageB, stations.b.clerk);
}, 180_000);

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  await pageA.screenshot({ path: '/tmp/logistics-e2e-A.png' }).catch(() => undefined);
  await pageB.screenshot({ path: '/tmp/logistics-e2e-B.png' }).catch(() => undefined);
  console.log('logistics e2e: failure screenshots /tmp/logistics-e2e-A.png and -B.png');
});

afterAll(async () => {
  await (stations as TwoStations | undefined)?.close();
  await db?.drop();
}, 60_000);

describe('a truck from site A to site B, through both stations’ screens', () => {
  it('is opened and loaded at A while A is offline, the gate pass made by the station', async () => {
    const page = pageA;
    stations.a.link.setOffline(true);
    await page.locator('section.sync-bar').filter({ hasText: 'Offline' }).waitFor({ timeout: 30_000 });

    await page.keyboard.press('Alt+2');
    await page.getByRole('heading', { name: 'Shipments', level: 1 }).waitFor();
    await page.keyboard.press('F5');
    await page.getByRole('heading', { name: 'Load', level: 1 }).waitFor();
    await page.getByLabel('Destination').selectOption(stations.b.siteId);
    await page.getByLabel('Vehicle').fill('kda 123a');
    await page.getByLabel('Driver’s name').fill('John Kamau');
    await page.getByLabel('Driver’s ID number').fill('27845120');
    await page.getByLabel('JMS trip (optional)').fill('JMS-E2E-1');
    await page.getByRole('button', { name: 'Open the truck' }).click();
    const title = page.getByRole('heading', { name: /^Load GP-/, level: 1 });
    await title.waitFor();
    gatePass = /GP-[A-Z0-9]+-\d+/.exec((await title.textContent()) ?? '')?.[0] ?? '';
    expect(gatePass).toMatch(/^GP-[A-Z0-9]{2,8}-\d{4,9}$/);
    await page.locator('#load-scan:focus').waitFor();

    // Three assets; the unit's components come with it.
    await scanDone(page, 'load-scan', unit.code, unit.code);
    const cargo = page.getByRole('table', { name: 'On the truck' });
    for (const component of unit.components) await cargo.getByText(component, { exact: true }).waitFor();
    await scanDone(page, 'load-scan', second.code, second.code);
    await scanDone(page, 'load-scan', third.code, third.code);

    // Scanned twice: refused in one line, the focus stays in the scan field.
    await scan(page, 'load-scan', second.code);
    await page
      .locator('.scan-field .field-error')
      .filter({ hasText: new RegExp(`${second.code}.*${gatePass}`) })
      .waitFor();
    await page.locator('#load-scan:focus').waitFor();

    // Two part lines: the part, then its bin (warehouse/bin), then the quantity.
    for (const [part, qty] of [
      [part1, 3],
      [part2, 2],
    ] as const) {
      await scan(page, 'load-scan', part.sku);
      await page.locator('#load-part-qty:focus').waitFor();
      await scan(page, 'load-scan', `${part.warehouse}/${part.bin}`);
      await page.locator('#load-part-qty:focus').waitFor();
      await expect.poll(() => page.locator('#load-part-bin').inputValue()).toBe(part.bin);
      await page.locator('#load-part-qty').fill(String(qty));
      await page.locator('#load-part-qty').press('Enter');
      await cargo.getByText(part.sku, { exact: true }).waitFor();
      await page.locator('#load-scan:focus').waitFor();
    }
    expect(await page.locator('.cargo-totals').textContent()).toContain(`${loadedAssets()} assets`);
    expect(await page.locator('.cargo-totals').textContent()).toContain('2 part lines (5 in all)');

    // Nothing reached the server yet.
    const count = await withClient(stations.adminUrl, (c) =>
      c.query('SELECT 1 FROM shipments WHERE gate_pass_ref = $1', [gatePass]),
    );
    expect(count.rowCount).toBe(0);
  }, 120_000);

  it('reaches PostgreSQL when A is back online, and is dispatched with two seals', async () => {
    const page = pageA;
    const before1 = await binQty(stations.adminUrl, part1.id, part1.locationId, part1.bin);
    const before2 = await binQty(stations.adminUrl, part2.id, part2.locationId, part2.bin);
    stations.a.link.setOffline(false);
    await allSent(page);
    const loaded = await withClient(stations.adminUrl, (c) =>
      c.query<{ status: string; n: string }>(
        `SELECT s.status, (SELECT count(*) FROM asset_movements m WHERE m.shipment_id = s.id AND m.status = 'loaded')::text AS n
           FROM shipments s WHERE s.gate_pass_ref = $1`,
        [gatePass],
      ),
    );
    expect(loaded.rows).toEqual([{ status: 'loading', n: String(loadedAssets()) }]);

    await page.getByLabel('Seal number (Enter adds it)').fill('e2e-seal-1');
    await page.getByLabel('Seal number (Enter adds it)').press('Enter');
    await page.getByLabel('Seal number (Enter adds it)').fill('E2E-SEAL-2');
    await page.getByRole('button', { name: `Dispatch ${gatePass} with 1 seal` }).click();
    await page.getByText(`${gatePass} has left for ${stations.b.siteCode}`).waitFor();
    await allSent(page);

    const server = await withClient(stations.adminUrl, async (c) => {
      const s = await c.query<{ status: string; seals: string[] }>(
        `SELECT s.status, array(SELECT seal_number FROM shipment_seals x WHERE x.shipment_id = s.id ORDER BY seq) AS seals
           FROM shipments s WHERE s.gate_pass_ref = $1`,
        [gatePass],
      );
      const assets = await c.query<{ status: string }>(
        `SELECT DISTINCT a.status FROM asset_movements m JOIN assets a ON a.id = m.asset_id
           JOIN shipments s ON s.id = m.shipment_id WHERE s.gate_pass_ref = $1`,
        [gatePass],
      );
      return { shipment: s.rows[0], assetStates: assets.rows.map((r) => r.status) };
    });
    expect(server.shipment).toEqual({ status: 'dispatched', seals: ['E2E-SEAL-1', 'E2E-SEAL-2'] });
    expect(server.assetStates).toEqual(['in_transit']);
    // The parts left their bins: they are on the truck, not in two places.
    expect(await binQty(stations.adminUrl, part1.id, part1.locationId, part1.bin)).toBe(before1 - 3);
    expect(await binQty(stations.adminUrl, part2.id, part2.locationId, part2.bin)).toBe(before2 - 2);
  }, 120_000);

  it('is seen coming at B and received blind: damage, an extra asset, a broken seal, and what is missing', async () => {
    const page = pageB;
    const warehouse = await warehouseOf(stations.adminUrl, stations.b.siteCode);
    await page.keyboard.press('Alt+2');
    await page.getByRole('heading', { name: 'Shipments', level: 1 }).waitFor();
    await page
      .getByRole('table', { name: 'Trucks coming' })
      .getByRole('button', { name: gatePass })
      .waitFor({ timeout: 30_000 });

    await page.keyboard.press('F6');
    await page.getByRole('heading', { name: 'Receive truck', level: 1 }).waitFor();
    await scan(page, 'receive-truck-scan', gatePass);
    await page.getByRole('heading', { name: new RegExp(`^Receive ${gatePass}`), level: 1 }).waitFor();
    const expected = page.getByRole('table', { name: 'Expected and scanned' });
    await expected.getByText(third.code, { exact: true }).waitFor();
    await page.getByText(`Scanned 0 of ${loadedAssets()} assets`).waitFor();

    // The unit (its components come off with it), then the second asset damaged.
    await scanDone(page, 'receive-truck-scan', unit.code, unit.code);
    await page.getByRole('button', { name: /Next scan damaged/ }).click();
    await page.getByLabel('What is damaged?').fill('Cracked hydraulic tank');
    await page.getByLabel('What is damaged?').press('Enter');
    await scanDone(page, 'receive-truck-scan', second.code, second.code);

    // One part line into a bin of B's warehouse.
    await scan(page, 'receive-truck-scan', part1.sku);
    await page.locator('#receive-part-qty:focus').waitFor();
    await page.locator('#receive-part-warehouse').selectOption(warehouse.id);
    await page.locator('#receive-part-bin').fill('E2E-IN-1');
    await page.locator('#receive-part-qty').fill('3');
    await page.locator('#receive-part-qty').press('Enter');
    await page.locator('.truck-done').filter({ hasText: part1.sku }).waitFor();

    // An asset that was not on the manifest: kept, flagged.
    await scanDone(page, 'receive-truck-scan', extra.code, extra.code);
    await expected.locator('tr.row-extra').getByText(extra.code, { exact: true }).waitFor();
    const arrived = loadedAssets() - 1 - third.components.length;
    await page.getByText(`Scanned ${arrived} of ${loadedAssets()} assets`).waitFor();

    // Seals: the first intact, the second broken; the summary names what finishing records.
    await page
      .getByRole('group', { name: 'Seal E2E-SEAL-1' })
      .getByRole('button', { name: 'Intact' })
      .click();
    await page
      .getByRole('group', { name: 'Seal E2E-SEAL-2' })
      .getByRole('button', { name: 'Broken' })
      .click();
    const preview = page.getByRole('list', { name: 'Discrepancies to record' });
    for (const line of [
      ...[third.code, ...third.components].map((code) => `${code} missing`),
      `2 x ${part2.sku} missing`,
      `${extra.code} came off but was not on the manifest`,
      `${second.code} damaged: Cracked hydraulic tank`,
      'Seal E2E-SEAL-2 broken',
    ])
      await preview.getByText(line).waitFor();
    const count = 5 + third.components.length;
    await page.getByRole('button', { name: `Finish receipt with ${count} discrepancies` }).click();
    await page.getByText(`${gatePass} is received with discrepancies`).waitFor();
    await allSent(page);
  }, 120_000);

  it('leaves PostgreSQL with the movements, places, stock and discrepancies, which A’s station shows', async () => {
    const url = stations.adminUrl;
    const warehouse = await warehouseOf(url, stations.b.siteCode);
    const server = await withClient(url, async (c) => {
      const s = await c.query<{ id: string; status: string }>(
        'SELECT id, status FROM shipments WHERE gate_pass_ref = $1',
        [gatePass],
      );
      const id = s.rows[0]?.id;
      const moves = await c.query<{ code: string; status: string; site: string; is_extra: boolean }>(
        `SELECT i.client_code AS code, m.status, site.code AS site, m.is_extra
           FROM asset_movements m JOIN asset_identities i ON i.asset_id = m.asset_id
           JOIN assets a ON a.id = m.asset_id JOIN locations l ON l.id = a.location_id
           JOIN locations site ON site.id = l.site_id
          WHERE m.shipment_id = $1 ORDER BY i.client_code`,
        [id],
      );
      const discrepancies = await c.query<{ code: string; what: string | null }>(
        `SELECT d.code, coalesce(i.client_code, p.sku, x.seal_number) AS what
           FROM shipment_discrepancies d
           LEFT JOIN asset_identities i ON i.asset_id = d.asset_id
           LEFT JOIN parts p ON p.id = d.part_id
           LEFT JOIN shipment_seals x ON x.id = d.seal_id
          WHERE d.shipment_id = $1 ORDER BY d.code, what`,
        [id],
      );
      return { status: s.rows[0]?.status, moves: moves.rows, discrepancies: discrepancies.rows };
    });
    expect(server.status).toBe('received_with_discrepancies');
    const byCode = Object.fromEntries(server.moves.map((m) => [m.code, m]));
    for (const code of [unit.code, ...unit.components, second.code, ...second.components])
      expect(byCode[code], code).toMatchObject({ status: 'received', site: stations.b.siteCode });
    for (const code of [third.code, ...third.components])
      expect(byCode[code], code).toMatchObject({ status: 'missing', is_extra: false });
    expect(byCode[extra.code]).toMatchObject({
      status: 'received',
      is_extra: true,
      site: stations.b.siteCode,
    });
    const key = (d: { code: string; what: string | null }): string => `${d.code} ${d.what ?? ''}`;
    expect(server.discrepancies.map(key).sort()).toEqual(
      [
        { code: 'damaged', what: second.code },
        { code: 'extra', what: extra.code },
        { code: 'missing', what: part2.sku },
        ...[third.code, ...third.components].map((what) => ({ code: 'missing', what })),
        { code: 'seal_broken', what: 'E2E-SEAL-2' },
      ]
        .map(key)
        .sort(),
    );
    expect(await binQty(url, part1.id, warehouse.id, 'E2E-IN-1')).toBe(3);

    // A's station: the truck it sent, arrived with what B's receipt found.
    const page = pageA;
    await page.keyboard.press('F4');
    await page.getByRole('heading', { name: 'Shipments', level: 1 }).waitFor();
    await scan(page, 'shipments-scan', gatePass);
    const detail = page.locator('.truck-detail');
    await detail.getByText('Received with discrepancies').first().waitFor({ timeout: 30_000 });
    for (const text of [`${third.code} missing`, `Seal E2E-SEAL-2 broken`, `${second.code} damaged`])
      await detail.getByRole('region', { name: 'Discrepancies' }).getByText(text).waitFor();
    expect(problems, 'page errors').toEqual([]);
  }, 120_000);

  it('keeps a long truck quick at A: only the lines in view are drawn, and each scanned line comes into view', async () => {
    const page = pageA;
    const url = db?.url ?? '';
    const codes = await addPlainUnits(url, stations.a.siteId, 'LT', 40);
    await expect
      .poll(
        () =>
          stations.a.core.cache.reader
            .prepare(
              `SELECT count(*) FROM asset_identities WHERE client_code IN (SELECT value FROM json_each(?))`,
            )
            .pluck()
            .get(JSON.stringify(codes)),
        { timeout: 30_000 },
      )
      .toBe(codes.length);
    await page.keyboard.press('F5');
    await page.getByRole('heading', { name: 'Load', level: 1 }).waitFor();
    const another = page
      .getByRole('button', { name: 'Next truck' })
      .or(page.getByRole('button', { name: 'Another truck' }));
    if (await another.isVisible()) await another.click();
    await page.getByLabel('Destination').selectOption(stations.b.siteId);
    await page.getByLabel('Vehicle').fill('KDA 440L');
    await page.getByLabel('Driver’s name').fill('Long Truck');
    await page.getByLabel('Driver’s ID number').fill('44004400');
    await page.getByRole('button', { name: 'Open the truck' }).click();
    await page.getByRole('heading', { name: /^Load GP-/, level: 1 }).waitFor();

    const table = page.getByRole('table', { name: 'On the truck' });
    /** Whether the line is drawn where the clerk sees it: inside the scroll box and the window. */
    const inView = (code: string): Promise<boolean> =>
      // (A string, not a function: tsx would add helpers the page does not have.)
      page.evaluate<boolean>(`(() => {
        const box = document.querySelector('.truck-lines');
        const row = [...box.querySelectorAll('tr[data-line]')].find(
          (tr) => tr.querySelector('.line-sku')?.textContent === ${JSON.stringify(code)},
        );
        if (!row) return false;
        const outer = box.getBoundingClientRect();
        const line = row.getBoundingClientRect();
        return line.top >= Math.max(outer.top, 0) - 1 && line.bottom <= Math.min(outer.bottom, innerHeight) + 1;
      })()`);
    for (const code of codes) {
      await page.locator('#load-scan:focus').waitFor();
      await scan(page, 'load-scan', code);
      await expect.poll(() => inView(code), { timeout: 10_000 }).toBe(true);
    }
    expect(await table.getAttribute('aria-rowcount')).toBe(String(codes.length + 1));
    const drawn = await table.locator('tr[data-line]').count();
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(codes.length);
    const first = table.locator('tr[data-line]').filter({ hasText: codes[0] ?? '' });
    expect(await first.count()).toBe(0);

    // Scrolled back to the top, the first lines are drawn, with their place in the table.
    await page.evaluate(`document.querySelector('.truck-lines').scrollTop = 0`);
    await first.waitFor();
    expect(await first.getAttribute('aria-rowindex')).toBe('2');
    expect(await inView(codes[0] ?? '')).toBe(true);
    expect(await page.locator('.cargo-totals').textContent()).toContain(`${codes.length} assets`);
    expect(problems, 'page errors').toEqual([]);
  }, 120_000);
});
