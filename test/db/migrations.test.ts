import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../db/migrate.ts';
import { createTestDatabase, withClient, type TestDatabase } from '../helpers/test-database.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('migrations', () => {
  it('records every migration file as applied in the template', async () => {
    const versions = await withClient(db.url, async (c) => {
      const { rows } = await c.query<{ name: string }>(
        'SELECT name FROM amms_private.schema_migrations ORDER BY version',
      );
      return rows.map((r) => r.name);
    });
    expect(versions).toEqual(loadMigrations().map((m) => m.name));
  });

  it('changes nothing when run a second time', async () => {
    const result = await migrate(db.url);
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied).toBe(loadMigrations().length);
  });

  it('creates every table of the spec', async () => {
    const tables = await withClient(db.url, async (c) => {
      const { rows } = await c.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
      );
      return rows.map((r) => r.table_name);
    });
    for (const t of [
      'tenants',
      'users',
      'audit_logs',
      'locations',
      'assets',
      'asset_identities',
      'asset_meters',
      'asset_specs',
      'pm_schedules',
      'work_orders',
      'wo_tasks',
      'service_requests',
      'parts',
      'inventory_stock',
      'inventory_wallets',
      'wo_consumables',
      'asset_movements',
      'shipments',
      'daily_logs',
    ]) {
      expect(tables).toContain(t);
    }
  });
});
