// `amms pm run` against a real PostgreSQL (a test database of the run's cluster): date-based cycles
// found with --as-of, what it prints, --dry-run, and running it again (as cron would) generates
// nothing more.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAsset, insertAssetIdentity, insertSiteTree, insertTenant } from '../helpers/base-fixture.ts';
import { runCli } from '../helpers/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

let db: TestDatabase;
let su: pg.Client;
let assetId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  su = new pg.Client({ connectionString: db.url });
  await su.connect();
  const tenantId = await insertTenant(su, { slug: 'pm-cli-demo' });
  const site = await insertSiteTree(su, tenantId);
  assetId = await insertAsset(su, tenantId, site.buildingId, { name: 'Generator 7' });
  await insertAssetIdentity(su, tenantId, assetId, { client_code: 'GEN-007' });
  await su.query(
    `INSERT INTO pm_schedules (tenant_id, asset_id, name, interval_days, last_performed_date)
     VALUES ($1, $2, 'Monthly inspection', 30, current_date - 20)`,
    [tenantId, assetId],
  );
});

afterAll(async () => {
  await su.end();
  await db.drop();
});

async function day(offset: number): Promise<string> {
  const { rows } = await su.query<{ d: string }>('SELECT (current_date + $1::int)::text AS d', [offset]);
  return rows[0]?.d ?? '';
}

async function workOrders(): Promise<string[]> {
  const { rows } = await su.query<{ code: string }>('SELECT code FROM work_orders WHERE asset_id = $1', [
    assetId,
  ]);
  return rows.map((r) => r.code);
}

describe('amms pm run', () => {
  it('finds nothing due today', async () => {
    const result = await runCli(['pm', 'run', '--url', db.url]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(
        `^PM run as of ${await day(0)}: \\d+ schedules checked, nothing to generate \\(\\d+ ms\\)\\.\\n$`,
      ),
    );
  });

  it('--dry-run shows what is due on a later day and changes nothing', async () => {
    const result = await runCli(['pm', 'run', '--url', db.url, '--as-of', await day(10), '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('would generate 1 work order(s)');
    expect(await workOrders()).toEqual([]);
  });

  it('--as-of finds the date-based due and prints the work order with its reason; a second run generates nothing', async () => {
    const asOf = await day(10);
    const first = await runCli(['pm', 'run', '--url', db.url, '--as-of', asOf]);
    expect(first.code).toBe(0);
    const [code] = await workOrders();
    expect(first.stdout.split('\n').slice(1, 2)).toEqual([
      `  ${code}  GEN-007  Monthly inspection (due ${asOf}): 30 days since ${await day(-20)} passed on ${asOf}, ` +
        `last done on ${await day(-20)}.`,
    ]);
    const again = await runCli(['pm', 'run', '--url', db.url, '--as-of', asOf, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ asOf, generated: [] });
    expect(await workOrders()).toEqual([code]);
  });

  it('explains a bad date and a missing URL', async () => {
    const bad = await runCli(['pm', 'run', '--url', db.url, '--as-of', 'tomorrow']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("amms: --as-of takes a date (YYYY-MM-DD), not 'tomorrow'.\n");
    const noUrl = await runCli(['pm', 'run'], { AMMS_DATABASE_URL: '' });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('no database URL');
  });
});
