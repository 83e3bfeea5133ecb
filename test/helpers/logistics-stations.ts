// Two stations of one tenant against one PostgreSQL, for the logistics end-to-end test, its
// screenshots and its benchmark: demo data seeded, station A enrolled at the tenant's first site
// (Acme's Nairobi depot, where the demo clerk works) and station B at its second site (where the
// scripted loading truck goes), each with its core and web host and a link to PostgreSQL that can
// be cut, and one Chromium for both.
// close() undoes all of it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { enrollStation } from '../../db/admin/enroll-station.ts';
import { writeStationFile } from '../../db/admin/station-file.ts';
import { DEMO_PASSWORD, parseScale, seedDemoData, type SeedResult } from '../../db/seed/seed-demo-data.ts';
import { StationCore } from '../../src-main/core/station-core.ts';
import { startWebHost, type WebHost } from '../../src-main/web/web-host.ts';
import { startLinkProxy, type LinkProxy } from './link-proxy.ts';
import { withClient } from './test-database.ts';
import { dropTestRole } from './two-tenants.ts';
import { assertRendererBuilt, CHROMIUM_PATH, RENDERER_DIR } from './web-station.ts';

export interface Login {
  email: string;
  password: string;
  fullName: string;
}

export interface SiteStation {
  name: string;
  siteCode: string;
  siteId: string;
  core: StationCore;
  host: WebHost;
  /** The station's link to PostgreSQL: setOffline(true) takes the station offline. */
  link: LinkProxy;
  /** The logistics clerk of this station's site. */
  clerk: Login;
  /** A user of this station's site with the role. */
  login(role: string): Promise<Login>;
  openPage(options?: { width?: number; height?: number }): Promise<Page>;
}

export interface TwoStations {
  adminUrl: string;
  seed: SeedResult;
  tenantSlug: string;
  a: SiteStation;
  b: SiteStation;
  browser: Browser;
  close(): Promise<void>;
}

export interface TwoStationsOptions {
  adminUrl: string;
  pollIntervalMs?: number;
  scale?: string;
  /** Anchor day of the demo data (YYYY-MM-DD); default today. */
  today?: string;
  /**
   * Where station A stands: the tenant's first site (the demo clerk's, default), or the site with
   * the most units free to load (B is then the first site, or the second if A is the first).
   */
  siteA?: 'first' | 'most-free-units';
}

/** The tenant's site with the most units (no parent) not on any open movement. */
async function siteWithMostFreeUnits(adminUrl: string, tenantSlug: string): Promise<string> {
  return withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ code: string }>(
      `SELECT s.code FROM assets a
         JOIN tenants t ON t.id = a.tenant_id
         JOIN locations l ON l.id = a.location_id JOIN locations s ON s.id = l.site_id
        WHERE t.slug = $1 AND a.parent_id IS NULL AND a.status IN ('in_service', 'out_of_service')
          AND NOT EXISTS (SELECT 1 FROM asset_movements m WHERE m.asset_id = a.id AND m.status IN ('loaded', 'in_transit'))
        GROUP BY s.code ORDER BY count(*) DESC, s.code LIMIT 1`,
      [tenantSlug],
    );
    const [row] = rows;
    if (!row) throw new Error(`${tenantSlug} has no unit free to load.`);
    return row.code;
  });
}

async function siteUser(adminUrl: string, siteCode: string, role: string): Promise<Login> {
  return withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ email: string; full_name: string }>(
      `SELECT u.email, u.full_name FROM users u JOIN locations l ON l.id = u.site_id
        WHERE l.code = $1 AND u.role = $2 AND u.is_active ORDER BY u.email LIMIT 1`,
      [siteCode, role],
    );
    const [row] = rows;
    if (!row) throw new Error(`The demo data has no active ${role} at ${siteCode}.`);
    return { email: row.email, password: DEMO_PASSWORD, fullName: row.full_name };
  });
}

export async function startTwoStations(options: TwoStationsOptions): Promise<TwoStations> {
  assertRendererBuilt();
  const cleanups: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    const errors: unknown[] = [];
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => errors.push(error));
    }
    if (errors.length > 0) throw new AggregateError(errors, 'Closing the two stations failed');
  };
  try {
    const seed = await seedDemoData({
      url: options.adminUrl,
      scale: parseScale(options.scale ?? 'small'),
      seed: 1,
      ...(options.today === undefined ? {} : { today: options.today }),
    });
    const tenantSlug = seed.sites[0]?.tenantSlug ?? '';
    const [first, second] = seed.sites.filter((s) => s.tenantSlug === tenantSlug).map((s) => s.code);
    if (first === undefined || second === undefined)
      throw new Error('The demo data has no tenant with two sites.');
    let [siteA, siteB] = [first, second];
    if (options.siteA === 'most-free-units') {
      siteA = await siteWithMostFreeUnits(options.adminUrl, tenantSlug);
      siteB = siteA === first ? second : first;
    }
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    cleanups.push(() => browser.close());

    const start = async (name: string, siteCode: string): Promise<SiteStation> => {
      const dir = mkdtempSync(join(tmpdir(), `amms-logistics-${name.toLowerCase()}-`));
      cleanups.push(() => {
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      });
      const { file } = await enrollStation({
        adminUrl: options.adminUrl,
        tenantSlug,
        siteCode,
        dir,
        name: `Gate ${name} · ${siteCode}`,
      });
      cleanups.push(() => dropTestRole(options.adminUrl, file.database.user));
      // The station reaches PostgreSQL through a proxy the test can cut.
      const link = await startLinkProxy(file.database);
      cleanups.push(() => link.close());
      writeStationFile(dir, { ...file, database: { ...file.database, host: '127.0.0.1', port: link.port } });
      const core = new StationCore({
        dir,
        transport: 'web',
        sync: { pollIntervalMs: options.pollIntervalMs ?? 1000 },
      });
      cleanups.push(() => core.close());
      const host = await startWebHost({ core, staticDir: RENDERER_DIR });
      cleanups.push(() => host.close());
      return {
        name,
        siteCode,
        siteId: core.scope.siteId,
        core,
        host,
        link,
        clerk: await siteUser(options.adminUrl, siteCode, 'logistics_clerk'),
        login: (role) => siteUser(options.adminUrl, siteCode, role),
        openPage: async (size) => {
          const context = await browser.newContext({
            viewport: { width: size?.width ?? 1280, height: size?.height ?? 900 },
          });
          const page = await context.newPage();
          await page.goto(host.launchUrl());
          return page;
        },
      };
    };
    const a = await start('A', siteA);
    const b = await start('B', siteB);
    return { adminUrl: options.adminUrl, seed, tenantSlug, a, b, browser, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/** Logs a user in on a page showing the login screen. */
export async function logIn(page: Page, login: { email: string; password: string }): Promise<void> {
  await page.getByLabel('E-mail').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByLabel('Password').press('Enter');
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}
