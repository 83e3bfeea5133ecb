// The `amms` command end to end: embedded server, migrate, enrol, help and errors.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../db/embedded/embedded-server.ts';
import { loadFunctionFiles, loadMigrations } from '../../db/migrate.ts';
import { runCli, startCliServer, type RunningServer } from '../helpers/run-cli.ts';
import { withClient } from '../helpers/test-database.ts';

let dir: string;
let port: number;
let server: RunningServer | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'amms-cli-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as 'postgres' and must enter this folder
  port = await freePort();
  server = await startCliServer(['--data-dir', join(dir, 'server'), '--port', String(port)]);
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function addTenantWithSite(url: string, slug: string, siteCode: string): Promise<void> {
  await withClient(url, async (c) => {
    const t = await c.query<{ id: string }>(`INSERT INTO tenants (slug, name) VALUES ($1, $2) RETURNING id`, [
      slug,
      `${slug} Ltd`,
    ]);
    await c.query(
      `INSERT INTO locations (tenant_id, name, type, code, site_id) VALUES ($1, 'Main site', 'site', $2, gen_random_uuid())`,
      [t.rows[0]?.id, siteCode],
    );
    await c.query(
      `INSERT INTO locations (tenant_id, parent_id, name, type, code, site_id)
      SELECT tenant_id, id, 'Store', 'building', $2, id FROM locations WHERE code = $1`,
      [siteCode, `${siteCode}-B1`],
    );
  });
}

describe('amms server start', () => {
  it('prints AMMS_DATABASE_URL for a migrated "amms" database on the requested port', async () => {
    const url = new URL(server?.url ?? '');
    expect(url.port).toBe(String(port));
    expect(url.pathname).toBe('/amms');
    const version = await withClient(server?.url ?? '', async (c) => {
      const { rows } = await c.query<{ n: string }>(
        'SELECT count(*) AS n FROM amms_private.schema_migrations',
      );
      return Number(rows[0]?.n);
    });
    expect(version).toBeGreaterThanOrEqual(4);
  });

  it('applies every migration and server function file from db/ (found from the built command)', async () => {
    const applied = await withClient(server?.url ?? '', async (c) => {
      const migrations = await c.query<{ n: string }>(
        'SELECT count(*) AS n FROM amms_private.schema_migrations',
      );
      const functions = await c.query<{ path: string }>(
        'SELECT path FROM amms_private.function_files ORDER BY path',
      );
      return { migrations: Number(migrations.rows[0]?.n), functions: functions.rows.map((r) => r.path) };
    });
    expect(applied.migrations).toBe(loadMigrations().length);
    expect(applied.functions).toEqual(loadFunctionFiles().map((f) => f.path));
  });

  it('refuses a port that is already taken, with a clear message', async () => {
    const result = await runCli([
      'server',
      'start',
      '--data-dir',
      join(dir, 'other'),
      '--port',
      String(port),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Port ${port} is already in use`);
  });
});

describe('amms db migrate', () => {
  it('changes nothing when the schema is up to date', async () => {
    const result = await runCli(['db', 'migrate', '--url', server?.url ?? '']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/up to date/);
  });

  it('reads the URL from AMMS_DATABASE_URL when --url is left out', async () => {
    const result = await runCli(['db', 'migrate'], { AMMS_DATABASE_URL: server?.url ?? '' });
    expect(result.code).toBe(0);
  });

  it('explains a missing or malformed URL', async () => {
    const missing = await runCli(['db', 'migrate'], { AMMS_DATABASE_URL: '' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no database URL');
    const wrong = await runCli(['db', 'migrate', '--url', 'mysql://x@y/z']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('not supported');
  });
});

describe('amms station enroll', () => {
  it('creates a station role and writes station.json with the station login, never the admin URL', async () => {
    const url = server?.url ?? '';
    await addTenantWithSite(url, 'cli-co', 'CLI-SITE');
    const stationDir = join(dir, 'station1');
    const result = await runCli(
      [
        'station',
        'enroll',
        '--tenant',
        'cli-co',
        '--site',
        'CLI-SITE',
        '--dir',
        stationDir,
        '--name',
        'Counter 1',
      ],
      {
        AMMS_DATABASE_URL: url,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const path = join(stationDir, 'station.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    const adminPassword = decodeURIComponent(new URL(url).password);
    expect(text).not.toContain(adminPassword);
    const file = JSON.parse(text) as {
      name: string;
      database: { user: string; password: string; port: number };
    };
    expect(file.name).toBe('Counter 1');
    expect(file.database.user).toMatch(/^amms_st_/);
    // The station can log in as itself and sees its own station row.
    const station = new pg.Client({
      host: '127.0.0.1',
      port: file.database.port,
      database: 'amms',
      user: file.database.user,
      password: file.database.password,
    });
    await station.connect();
    try {
      const { rows } = await station.query<{ name: string }>('SELECT name FROM stations');
      expect(rows.map((r) => r.name)).toEqual(['Counter 1']);
    } finally {
      await station.end();
    }
  });

  it('names the known tenants and sites when given unknown ones, and leaves nothing behind', async () => {
    const url = server?.url ?? '';
    const badTenant = await runCli([
      'station',
      'enroll',
      '--url',
      url,
      '--tenant',
      'nope',
      '--site',
      'X',
      '--dir',
      join(dir, 's2'),
    ]);
    expect(badTenant.code).toBe(1);
    expect(badTenant.stderr).toContain("No tenant has the slug 'nope'");
    expect(badTenant.stderr).toContain('cli-co');
    const badSite = await runCli([
      'station',
      'enroll',
      '--url',
      url,
      '--tenant',
      'cli-co',
      '--site',
      'NOPE',
      '--dir',
      join(dir, 's3'),
    ]);
    expect(badSite.code).toBe(1);
    expect(badSite.stderr).toContain('Its sites: CLI-SITE');
    const notSite = await runCli([
      'station',
      'enroll',
      '--url',
      url,
      '--tenant',
      'cli-co',
      '--site',
      'CLI-SITE-B1',
      '--dir',
      join(dir, 's4'),
    ]);
    expect(notSite.stderr).toContain('is a building, not a site');
    const stations = await withClient(url, async (c) => (await c.query('SELECT 1 FROM stations')).rowCount);
    expect(stations).toBe(1);
  });

  it('refuses to overwrite an existing station.json', async () => {
    const url = server?.url ?? '';
    const result = await runCli([
      'station',
      'enroll',
      '--url',
      url,
      '--tenant',
      'cli-co',
      '--site',
      'CLI-SITE',
      '--dir',
      join(dir, 'station1'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('already exists');
  });
});

describe('help and usage', () => {
  it('has --help on every level', async () => {
    for (const args of [
      [],
      ['server'],
      ['server', 'start'],
      ['db'],
      ['db', 'migrate'],
      ['db', 'seed'],
      ['station'],
      ['station', 'enroll'],
    ]) {
      const result = await runCli([...args, '--help']);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout).toContain('Usage: amms');
    }
  });

  it('rejects unknown commands and bad options with status 2', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const badPort = await runCli(['server', 'start', '--port', '70000']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('not a TCP port');
  });
});

describe('restart and shutdown', () => {
  it('stops cleanly on SIGTERM and keeps the data when restarted on the same folder', async () => {
    const dataDir = join(dir, 'restart');
    const first = await startCliServer(['--data-dir', dataDir]);
    await withClient(first.url, (c) =>
      c.query(`INSERT INTO tenants (slug, name) VALUES ('kept', 'Kept Ltd')`),
    );
    expect(await first.stop('SIGTERM')).toBe(0);
    const second = await startCliServer(['--data-dir', dataDir]);
    try {
      const slugs = await withClient(
        second.url,
        async (c) => (await c.query<{ slug: string }>('SELECT slug FROM tenants')).rows,
      );
      expect(slugs.map((r) => r.slug)).toEqual(['kept']);
    } finally {
      expect(await second.stop('SIGINT')).toBe(0);
    }
  });
});
