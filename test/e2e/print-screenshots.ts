// Screenshots of the print room for docs/screenshots, from the real app (its own embedded
// PostgreSQL in a temp dir, demo data, an enrolled station, the web host, Chromium), and the
// rendered pages (pdftoppm) of the documents it makes.
// Run with: npx electron-vite build && npx tsx test/e2e/print-screenshots.ts
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import pg from 'pg';
import { databaseUrl, startEmbeddedServer } from '../../db/embedded/embedded-server.ts';
import { migrate } from '../../db/migrate.ts';
import { startWebStation, waitForSynced, type WebStation } from '../helpers/web-station.ts';

const OUT_DIR = resolve(import.meta.dirname, '../../docs/screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  const path = join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path });
  console.log(`saved ${path}`);
}

/** Page `page` of a PDF as docs/screenshots/<name>.png (pdftoppm, 110 dpi: readable, small). */
export function renderPage(pdf: Uint8Array, page: number, name: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'amms-pages-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', [
      '-r',
      '110',
      '-f',
      String(page),
      '-l',
      String(page),
      '-png',
      '-singlefile',
      file,
      join(OUT_DIR, name),
    ]);
    console.log(`saved ${join(OUT_DIR, `${name}.png`)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function logIn(page: Page, station: WebStation, role: string): Promise<void> {
  const login = station.login(role);
  await page.getByLabel('E-mail').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByLabel('Password').press('Enter');
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

async function shootLabels(station: WebStation): Promise<void> {
  const page = await station.openPage({ width: 1280, height: 960 });
  await waitForSynced(page);
  await logIn(page, station, 'storekeeper');
  await page.keyboard.press('F4');
  await page.getByRole('heading', { name: 'Labels', level: 1 }).waitFor();
  await page.getByRole('button', { name: /^Make \d+ labels$/ }).click();
  await page.getByRole('region', { name: 'Print or save' }).waitFor();
  await shoot(page, 'labels-screen');
  await page.context().close();
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'amms-print-screens-'));
  const server = await startEmbeddedServer({ dataDir: dir, fast: true });
  let station: WebStation | undefined;
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE amms_print_screens');
    await admin.end();
    const url = databaseUrl(server.url, 'amms_print_screens');
    await migrate(url);
    station = await startWebStation({ adminUrl: url, pollIntervalMs: 1000 });
    await shootLabels(station);
  } finally {
    await station?.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
