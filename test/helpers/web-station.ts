// A whole station in one process for end-to-end tests and screenshots: demo data seeded into a
// database, a station enrolled for one of its sites, the station core and the web host, and
// Debian's Chromium driven through Playwright's library API. close() undoes all of it (the
// station's login role is cluster-wide, so it is dropped before the database goes).
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { enrollStation } from '../../db/admin/enroll-station.ts';
import { parseScale, seedDemoData, type SeedLogin, type SeedResult } from '../../db/seed/seed-demo-data.ts';
import { StationCore } from '../../src-main/core/station-core.ts';
import { startWebHost, type WebHost } from '../../src-main/web/web-host.ts';
import { dropTestRole } from './two-tenants.ts';

export const CHROMIUM_PATH = process.env.AMMS_CHROMIUM ?? '/usr/bin/chromium';
export const RENDERER_DIR = 'out/renderer';
const RENDERER_SOURCES = ['src-renderer', 'src-preload/contract'];

/** Fails early, and says what to do, when the built renderer is missing or older than its sources. */
export function assertRendererBuilt(dir: string = RENDERER_DIR): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index))
    throw new Error(`${dir} has no built renderer. Run 'npx electron-vite build' first.`);
  const builtAt = statSync(index).mtimeMs;
  for (const root of RENDERER_SOURCES) {
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = join(entry.parentPath, entry.name);
      if (statSync(file).mtimeMs > builtAt) {
        throw new Error(`${file} changed after ${dir} was built. Run 'npx electron-vite build' first.`);
      }
    }
  }
}

export interface SeededStation {
  /** Superuser URL of the station's database. */
  adminUrl: string;
  seed: SeedResult;
  tenantSlug: string;
  siteCode: string;
  dir: string;
  roleName: string;
  /** A demo login of the station's tenant with this role. */
  login(role: string): SeedLogin;
}

/** Seeds the demo data (seed 1, scale small unless given) and enrols a station for the first demo site. */
export async function seedAndEnrol(adminUrl: string, scale = 'small'): Promise<SeededStation> {
  const seed = await seedDemoData({ url: adminUrl, scale: parseScale(scale), seed: 1 });
  const site = seed.sites[0];
  if (!site) throw new Error('The demo data has no site to enrol a station for.');
  const dir = mkdtempSync(join(tmpdir(), 'amms-web-station-'));
  try {
    const { file } = await enrollStation({
      adminUrl,
      tenantSlug: site.tenantSlug,
      siteCode: site.code,
      dir,
      name: `Counter 1 · ${site.code}`,
    });
    return {
      adminUrl,
      seed,
      tenantSlug: site.tenantSlug,
      siteCode: site.code,
      dir,
      roleName: file.database.user,
      login: (role) => {
        const login = seed.logins.find((l) => l.tenantSlug === site.tenantSlug && l.role === role);
        if (!login) throw new Error(`The demo data has no ${role} login for ${site.tenantSlug}.`);
        return login;
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

export interface WebStation extends SeededStation {
  core: StationCore;
  host: WebHost;
  browser: Browser;
  /** Opens the station's launch URL (a fresh one-time token) in a new browser context. */
  openPage(options?: { width?: number; height?: number }): Promise<Page>;
  close(): Promise<void>;
}

export interface WebStationOptions {
  adminUrl: string;
  pollIntervalMs?: number;
  /** Leave the sync engine stopped until core.engine.start() (to watch the initial sync). */
  manualStart?: boolean;
  /** Demo data scale (small, medium, large or a number of stock rows); default small. */
  scale?: string;
}

export async function startWebStation(options: WebStationOptions): Promise<WebStation> {
  assertRendererBuilt();
  const seeded = await seedAndEnrol(options.adminUrl, options.scale);
  const cleanups: (() => Promise<void>)[] = [
    async () => {
      await dropTestRole(options.adminUrl, seeded.roleName);
      rmSync(seeded.dir, { recursive: true, force: true });
    },
  ];
  const close = async (): Promise<void> => {
    const errors: unknown[] = [];
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => errors.push(error));
    }
    if (errors.length > 0) throw new AggregateError(errors, 'Closing the web station failed');
  };
  try {
    const core = new StationCore({
      dir: seeded.dir,
      transport: 'web',
      sync: { pollIntervalMs: options.pollIntervalMs ?? 1000 },
      manualSync: options.manualStart === true,
    });
    cleanups.push(() => core.close());
    const host = await startWebHost({ core, staticDir: RENDERER_DIR });
    cleanups.push(() => host.close());
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    cleanups.push(() => browser.close());
    return {
      ...seeded,
      core,
      host,
      browser,
      openPage: async (size) => {
        const context = await browser.newContext({
          viewport: { width: size?.width ?? 1280, height: size?.height ?? 800 },
        });
        const page = await context.newPage();
        await page.goto(host.launchUrl());
        return page;
      },
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/** Waits until the page's sync bar says the initial sync is done and the station is online. */
export async function waitForSynced(page: Page, timeoutMs = 60_000): Promise<void> {
  await page
    .locator('section.sync-bar[data-connection="open"]:not([data-phase="initial"])')
    .filter({ hasText: 'Last sync' })
    .filter({ hasText: 'Online' })
    .waitFor({ timeout: timeoutMs });
}
