// The headless station commands end to end: enrol, sync --once, submit (with a bad line: nothing
// queued, the line number named), status, sync again; and `station web` serving the UI.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScale, seedDemoData, type SeedResult } from '../../db/seed/seed-demo-data.ts';
import { CLI, runCli } from '../helpers/run-cli.ts';
import { createTestDatabase, withClient, type TestDatabase } from '../helpers/test-database.ts';

let db: TestDatabase;
let seed: SeedResult;
let dir: string;
let stationDir: string;

interface StatusJson {
  cursor: number | null;
  counts: { pending: number; applied: number; rejected: number };
  pending: { summary: string }[];
}

beforeAll(async () => {
  db = await createTestDatabase();
  seed = await seedDemoData({ url: db.url, scale: parseScale('small'), seed: 3 });
  dir = mkdtempSync(join(tmpdir(), 'amms-station-cli-'));
  chmodSync(dir, 0o755);
  stationDir = join(dir, 'station');
  const site = seed.sites[0];
  if (!site) throw new Error('the seed has no site');
  const enrolled = await runCli([
    'station',
    'enroll',
    '--url',
    db.url,
    '--tenant',
    site.tenantSlug,
    '--site',
    site.code,
    '--dir',
    stationDir,
  ]);
  expect(enrolled.code).toBe(0);
});

afterAll(async () => {
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function status(): Promise<StatusJson> {
  const result = await runCli(['station', 'status', '--dir', stationDir, '--json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as StatusJson;
}

describe('amms station sync / submit / status', () => {
  it('syncs an empty station once and prints a one-line summary', async () => {
    const result = await runCli(['station', 'sync', '--dir', stationDir, '--once']);
    expect(result.stderr).toContain('Initial sync');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toMatch(
      /^Synced: pushed 0 operation\(s\), initial load \d+ rows, pulled \d+ row\(s\)/,
    );
    expect((await status()).cursor).not.toBeNull();
  });

  it('queues nothing from a file with one bad line and names that line', async () => {
    const stock = await withClient(db.url, async (c) => {
      const { rows } = await c.query<{ part_id: string; location_id: string; bin_location: string }>(
        `SELECT s.part_id, s.location_id, s.bin_location FROM inventory_stock s
           JOIN locations l ON l.id = s.location_id JOIN stations st ON st.site_id = l.site_id LIMIT 1`,
      );
      return rows[0];
    });
    if (!stock) throw new Error('no stock at the station site');
    const storekeeper = seed.logins.find(
      (l) => l.role === 'storekeeper' && l.tenantSlug === seed.sites[0]?.tenantSlug,
    );
    if (!storekeeper) throw new Error('no storekeeper login');
    const good = JSON.stringify({ type: 'stock.receive', payload: { lines: [{ ...stock, qty: 4 }] } });
    const bad = JSON.stringify({ type: 'stock.receive', payload: { lines: [{ ...stock, qty: -1 }] } });
    const badFile = join(dir, 'bad.jsonl');
    writeFileSync(badFile, `${good}\n\n${bad}\n${good}\n`);
    const refused = await runCli([
      'station',
      'submit',
      '--dir',
      stationDir,
      '--user',
      storekeeper.email,
      '--file',
      badFile,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 3: Line 1: quantity must be more than zero');
    expect(refused.stderr).toContain('Nothing from');
    expect((await status()).counts.pending).toBe(0);

    const notJson = join(dir, 'not-json.jsonl');
    writeFileSync(notJson, `${good}\n{oops\n`);
    const broken = await runCli([
      'station',
      'submit',
      '--dir',
      stationDir,
      '--user',
      storekeeper.email,
      '--file',
      notJson,
    ]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('line 2: not valid JSON; nothing was queued');

    const goodFile = join(dir, 'good.jsonl');
    writeFileSync(goodFile, `${good}\n${good}\n`);
    const queued = await runCli([
      'station',
      'submit',
      '--dir',
      stationDir,
      '--user',
      storekeeper.email,
      '--file',
      goodFile,
    ]);
    expect(queued.code).toBe(0);
    expect(queued.stdout).toContain('Queued 2 operation(s)');
    const pending = await status();
    expect(pending.counts.pending).toBe(2);
    expect(pending.pending[0]?.summary).toMatch(/^Receive 4 x /);

    const synced = await runCli(['station', 'sync', '--dir', stationDir, '--once']);
    expect(synced.code).toBe(0);
    expect(synced.stdout).toMatch(/pushed 2 operation\(s\)/);
    const after = await status();
    expect(after.counts).toEqual({ pending: 0, applied: 2, rejected: 0 });
    const received = await withClient(db.url, async (c) =>
      Number(
        (await c.query<{ n: string }>(`SELECT count(*) AS n FROM op_ledger WHERE outcome = 'applied'`))
          .rows[0]?.n,
      ),
    );
    expect(received).toBe(2);
  });

  it('says plainly when the user is not known at this station', async () => {
    const result = await runCli([
      'station',
      'submit',
      '--dir',
      stationDir,
      '--user',
      'nobody@example.com',
      '--file',
      join(dir, 'good.jsonl'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no user with e-mail nobody@example.com');
  });

  it('explains a folder without a station', async () => {
    const result = await runCli(['station', 'status', '--dir', join(dir, 'nothing-here')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Run 'amms station enroll' first");
  });
});

describe('amms station web', () => {
  it('serves the station UI on 127.0.0.1 with a one-time token in the printed URL', async () => {
    const child = spawn(process.execPath, [CLI, 'station', 'web', '--dir', stationDir, '--no-open']);
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let out = '';
        const timer = setTimeout(() => {
          reject(new Error('no URL printed'));
        }, 30_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /^AMMS_STATION_URL=(\S+)$/m.exec(out);
          if (match?.[1]) {
            clearTimeout(timer);
            resolveUrl(match[1]);
          }
        });
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{20,}$/);
      const page = await fetch(url.split('#')[0] ?? '');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      child.kill('SIGINT');
      await new Promise((resolveExit) => child.on('exit', resolveExit));
    }
  });
});
