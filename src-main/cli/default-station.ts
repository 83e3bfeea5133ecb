// The station `npm start` and `npm run station:web` open with no configuration: an embedded
// PostgreSQL in the app's data folder, migrated and seeded with demo data, and this station
// enrolled for the first demo site. With AMMS_DATABASE_URL (an admin URL) the station is enrolled
// on that server instead; an existing DIR/station/station.json is used as it is.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { enrollStation } from '../../db/admin/enroll-station.ts';
import { readStationFile } from '../../db/admin/station-file.ts';
import { databaseUrl, startEmbeddedServer, type EmbeddedServer } from '../../db/embedded/embedded-server.ts';
import { migrate } from '../../db/migrate.ts';

export interface PreparedStation {
  stationDir: string;
  home: string;
  /** Demo logins, when this run created the demo data. */
  logins: { email: string; password: string; role: string }[];
  stop(): Promise<void>;
}

export function defaultHome(): string {
  if (process.env.AMMS_HOME) return process.env.AMMS_HOME;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? homedir(), 'amms-station');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'amms-station');
  // As root, PostgreSQL runs as the 'postgres' user, which cannot enter /root.
  if (process.getuid?.() === 0) return '/var/lib/amms-station';
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'amms-station');
}

async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return databaseUrl(adminUrl, name);
}

async function firstSite(
  url: string,
  tenantSlug: string | undefined,
): Promise<{ tenant: string; site: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ slug: string; code: string }>(
      `SELECT t.slug, l.code FROM tenants t JOIN locations l ON l.tenant_id = t.id AND l.type = 'site'
        WHERE $1::text IS NULL OR t.slug = $1 ORDER BY t.slug, l.code LIMIT 1`,
      [tenantSlug ?? null],
    );
    const row = rows[0];
    if (!row)
      throw new Error(
        `The database has no site${tenantSlug ? ` for tenant '${tenantSlug}'` : ''} to enrol this station for.`,
      );
    return { tenant: row.slug, site: process.env.AMMS_SITE ?? row.code };
  } finally {
    await client.end();
  }
}

export async function prepareDefaultStation(
  options: { home?: string; log?: (line: string) => void } = {},
): Promise<PreparedStation> {
  const home = options.home ?? defaultHome();
  const log = options.log ?? (() => undefined);
  const stationDir = join(home, 'station');
  const serverDir = join(home, 'server');
  const adminUrl = process.env.AMMS_DATABASE_URL;
  let server: EmbeddedServer | undefined;
  let logins: PreparedStation['logins'] = [];
  const stop = async (): Promise<void> => {
    await server?.stop();
  };
  try {
    if (existsSync(join(stationDir, 'station.json'))) {
      const file = readStationFile(stationDir);
      if (!adminUrl && existsSync(serverDir)) {
        log(`Starting the embedded PostgreSQL in ${serverDir} ...`);
        server = await startEmbeddedServer({ dataDir: serverDir, port: file.database.port });
        await migrate(await ensureDatabase(server.url, file.database.database));
      }
      return { stationDir, home, logins, stop };
    }
    let url: string;
    if (adminUrl) {
      url = adminUrl;
      await migrate(url);
    } else {
      log(`First start: creating an embedded PostgreSQL with demo data in ${serverDir} ...`);
      server = await startEmbeddedServer({ dataDir: serverDir });
      url = await ensureDatabase(server.url, 'amms');
      await migrate(url);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const seeded = (await client.query('SELECT 1 FROM tenants LIMIT 1')).rowCount !== 0;
      await client.end();
      if (!seeded) {
        const { parseScale, seedDemoData } = await import('../../db/seed/seed-demo-data.ts');
        const result = await seedDemoData({ url, scale: parseScale('small'), seed: 1 });
        logins = result.logins;
        log(`Seeded ${result.summary}.`);
      }
    }
    const target = await firstSite(url, process.env.AMMS_TENANT ?? (adminUrl ? undefined : 'acme'));
    const enrolled = await enrollStation({
      adminUrl: url,
      tenantSlug: target.tenant,
      siteCode: target.site,
      dir: stationDir,
      name: 'Default station',
    });
    log(`Enrolled this station for ${enrolled.file.tenantSlug} / ${enrolled.file.siteCode}.`);
    return { stationDir, home, logins, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
