// Screenshots of the Stock and Consume screens (docs/screenshots/stock-by-part.png, stock-low.png,
// consume.png), taken by test/e2e/screenshots.ts with the sync engine stopped, so that a queued
// issue shows as pending.
import type { Page } from '@playwright/test';
import { submitOperation } from '../../src-main/ops/submit.ts';
import { STATION_OPERATIONS } from '../../src-main/station/operations.ts';
import type { WebStation } from '../helpers/web-station.ts';

interface Bin {
  part_id: string;
  location_id: string;
  bin_location: string;
  sku: string;
}

function userOf(station: WebStation, role: string): { id: string; full_name: string } {
  return station.core.cache.reader
    .prepare('SELECT id, full_name FROM users WHERE email = ?')
    .get(station.login(role).email) as { id: string; full_name: string };
}

/** A part stored in several bins of the station's site, with its fullest bin. */
function partInBins(station: WebStation): Bin {
  const bin = station.core.cache.reader
    .prepare(
      `SELECT s.part_id, s.location_id, s.bin_location, p.sku
         FROM inventory_stock s JOIN locations l ON l.id = s.location_id JOIN parts p ON p.id = s.part_id
        WHERE l.site_id = ? AND s.bin_location <> 'QUARANTINE' AND s.qty_on_hand >= 10 AND p.unit = 'piece'
          AND (SELECT count(*) FROM inventory_stock o WHERE o.part_id = s.part_id) >= 3
        ORDER BY s.qty_on_hand DESC LIMIT 1`,
    )
    .get(station.core.scope.siteId) as Bin | undefined;
  if (!bin) throw new Error('No part in several bins of the station’s site.');
  return bin;
}

export async function shootStockScreens(
  station: WebStation,
  shoot: (page: Page, name: string) => Promise<void>,
): Promise<void> {
  const bin = partInBins(station);
  const tech = userOf(station, 'technician');
  const queue = (type: string, payload: unknown): void => {
    submitOperation(STATION_OPERATIONS, station.core.cache, station.core.scope, {
      type,
      userId: userOf(station, 'storekeeper').id,
      payload,
    });
    station.core.localChange(['outbox', 'pending_effects']);
  };
  const where = { part_id: bin.part_id, location_id: bin.location_id, bin_location: bin.bin_location };
  queue('wallet.issue', { ...where, technician_id: tech.id, qty: 3 });

  const page = await station.openPage({ width: 1280, height: 800 });
  const login = station.login('storekeeper');
  await page.getByLabel('E-mail').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByLabel('Password').press('Enter');
  await page.getByRole('button', { name: 'Log out' }).waitFor();

  await page.keyboard.press('F9');
  await page.getByLabel('Scan or search').fill(bin.sku);
  await page.getByLabel('Scan or search').press('Enter');
  await page.getByRole('list', { name: 'Bins' }).getByText('pending issue').waitFor();
  await shoot(page, 'stock-by-part');

  await page.getByRole('tab', { name: 'Low stock' }).click();
  await page.getByRole('listbox', { name: 'Parts below min level' }).getByRole('option').first().waitFor();
  await shoot(page, 'stock-low');

  // Consume: a work order, the technician's wallet (holding the issued, still pending parts), a quantity.
  await page.keyboard.press('F10');
  await page.getByRole('listbox', { name: 'Open work orders' }).getByRole('option').first().waitFor();
  const wo = page.getByRole('listbox', { name: 'Open work orders' }).getByRole('option').filter({
    hasNotText: 'no parts',
  });
  await wo.first().click();
  await page.getByLabel('Find a technician').fill(tech.full_name);
  await page.getByRole('listbox', { name: 'Technicians' }).getByRole('option').first().click();
  await page
    .getByRole('listbox', { name: 'Parts in the wallet' })
    .getByRole('option')
    .filter({ hasText: bin.sku })
    .click();
  await page.getByLabel('Quantity used').fill('2');
  await page.locator('.available').waitFor();
  await page.evaluate("document.getElementById('main').scrollTo(0, 0)");
  await shoot(page, 'consume');
  await page.context().close();
}
