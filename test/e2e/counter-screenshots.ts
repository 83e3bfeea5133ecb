// Screenshots of the counter screens (docs/screenshots/receive.png, issue.png, return.png,
// count.png), taken by test/e2e/screenshots.ts through the real UI with the sync engine stopped, so
// that what the storekeeper queued shows as pending ("on hand 40 · 3 pending issue").
import type { Page } from '@playwright/test';
import type { WebStation } from '../helpers/web-station.ts';

interface StockRow {
  part_id: string;
  sku: string;
  location_id: string;
  warehouse: string;
  bin_location: string;
  qty_on_hand: number;
}

function stockRows(station: WebStation): StockRow[] {
  return station.core.cache.reader
    .prepare(
      `SELECT s.part_id, p.sku, s.location_id, l.code AS warehouse, s.bin_location, s.qty_on_hand
         FROM inventory_stock s JOIN parts p ON p.id = s.part_id JOIN locations l ON l.id = s.location_id
        WHERE l.site_id = ? AND l.type = 'warehouse' AND s.bin_location <> 'QUARANTINE'
          AND p.unit = 'piece' AND p.is_active = 1 AND s.qty_on_hand BETWEEN 12 AND 400
          AND length(p.name) < 40
        GROUP BY s.part_id ORDER BY p.sku LIMIT 6`,
    )
    .all(station.core.scope.siteId) as StockRow[];
}

function pick(rows: StockRow[], index: number): StockRow {
  const row = rows[index];
  if (!row) throw new Error('Not enough stock rows for the counter screenshots.');
  return row;
}

async function scan(page: Page, field: string, code: string): Promise<void> {
  await page.locator(`#${field}`).fill(code);
  await page.locator(`#${field}`).press('Enter');
  await page.locator('.scan-found').waitFor();
}

export async function shootCounterScreens(
  station: WebStation,
  shootPage: (page: Page, name: string) => Promise<void>,
): Promise<void> {
  // From the top of the screen: focusing a lower field scrolls the title and scan field away.
  const shoot = async (on: Page, name: string): Promise<void> => {
    await on.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
    await shootPage(on, name);
  };
  const rows = stockRows(station);
  const badge = station.core.cache.reader
    .prepare(
      `SELECT badge_code FROM users WHERE role = 'technician' AND site_id = ? AND is_active = 1
          AND badge_code IS NOT NULL ORDER BY full_name LIMIT 1`,
    )
    .pluck()
    .get(station.core.scope.siteId) as string;
  await station.core.engine.stop();

  // 1280x1024: the 5:4 monitor common at counters.
  const page = await station.openPage({ width: 1280, height: 1024 });
  const login = station.login('storekeeper');
  await page.getByLabel('E-mail').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByLabel('Password').press('Enter');
  await page.getByRole('button', { name: 'Log out' }).waitFor();

  // Receive: two lines added, a third being typed, a supplier reference.
  await page.keyboard.press('F5');
  const lines: [StockRow, string, string][] = [
    [pick(rows, 0), '24', '3.80'],
    [pick(rows, 1), '6', '145.00'],
  ];
  for (const [row, qty, cost] of lines) {
    await scan(page, 'receive-scan', row.sku);
    await scan(page, 'receive-scan', `${row.warehouse}/${row.bin_location}`);
    await page.getByLabel('Quantity (pieces)').fill(qty);
    await page.getByLabel('Unit cost (optional)').fill(cost);
    await page.getByLabel('Unit cost (optional)').press('Enter');
  }
  await page.getByLabel('Supplier reference (optional)').fill('PO-2024-0815 / Bolt & Nut Ltd');
  const third = pick(rows, 2);
  await scan(page, 'receive-scan', third.sku);
  await scan(page, 'receive-scan', `${third.warehouse}/${third.bin_location}`);
  await page.getByLabel('Quantity (pieces)').fill('10');
  await shoot(page, 'receive');

  // Issue: one issue queued (pending in the wallet and the bin), the next one being typed.
  await page.keyboard.press('F6');
  const issued = pick(rows, 3);
  await scan(page, 'issue-scan', badge);
  await scan(page, 'issue-scan', issued.sku);
  await scan(page, 'issue-scan', `${issued.warehouse}/${issued.bin_location}`);
  await page.getByLabel('Quantity (pieces)').fill('3');
  await page.getByLabel('Quantity (pieces)').press('Enter');
  await page.locator('.queued-summary').waitFor();
  await scan(page, 'issue-scan', issued.sku);
  await scan(page, 'issue-scan', `${issued.warehouse}/${issued.bin_location}`);
  await page.locator('.bin-stock').filter({ hasText: 'pending issue' }).waitFor();
  await page.getByLabel('Quantity (pieces)').fill('2');
  await shoot(page, 'issue');

  // Return: a part of the wallet, flagged defective (to QUARANTINE).
  await page.keyboard.press('F7');
  await scan(page, 'return-scan', badge);
  const wallet = page.locator('.wallet-panel');
  await wallet.getByRole('button').filter({ hasText: issued.sku }).click();
  await page.getByLabel('Quantity (pieces)').fill('1');
  await page.getByLabel(/^Defective/).check();
  await shoot(page, 'return');

  // Count: a bin counted 2 short, the reason being chosen.
  await page.keyboard.press('F8');
  const counted = pick(rows, 4);
  await scan(page, 'count-scan', `${counted.warehouse}/${counted.bin_location}`);
  await scan(page, 'count-scan', counted.sku);
  await page.getByLabel('Counted quantity (pieces)').fill(String(counted.qty_on_hand - 2));
  await page.getByLabel('Reason (required)').fill('Damaged in store');
  await page.getByLabel('Difference').filter({ hasText: '−2' }).waitFor();
  await shoot(page, 'count');

  await page.context().close();
  station.core.engine.start();
}
