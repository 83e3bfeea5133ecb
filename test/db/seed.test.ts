// The demo-data generator behind `amms db seed`: deterministic, valid against every constraint and
// trigger, all or nothing, and fast-path loads that leave the schema exactly as migrated.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../db/auth/password-hash.ts';
import { ean13CheckDigit, isValidEan13, makeEan13, withEan13CheckDigit } from '../../db/seed/barcodes.ts';
import { IdMint } from '../../db/seed/prng.ts';
import { parseScale, seedDemoData, type SeedResult } from '../../db/seed/seed-demo-data.ts';
import { createTestDatabase, withClient, type TestDatabase } from '../helpers/test-database.ts';

const TODAY = '2025-06-02';
const SLUGS = ['acme', 'globex'];
const SPEC_TABLES = [
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
  'shipment_part_lines',
  'shipment_seals',
  'shipment_receipt_lines',
  'shipment_discrepancies',
];

describe('barcodes', () => {
  it('computes the EAN-13 check digit of real barcodes', () => {
    expect(ean13CheckDigit('400638133393')).toBe(1);
    expect(ean13CheckDigit('590123412345')).toBe(7);
    expect(ean13CheckDigit('978030640615')).toBe(7);
    expect(withEan13CheckDigit('501234567890')).toBe('5012345678900');
  });

  it('validates complete codes', () => {
    for (const code of ['4006381333931', '5901234123457', '9780306406157', '0012345678905']) {
      expect(isValidEan13(code)).toBe(true);
    }
    for (const code of [
      '4006381333932',
      '5901234123450',
      '400638133393',
      '40063813339310',
      '400638133393X',
      '',
    ]) {
      expect(isValidEan13(code)).toBe(false);
    }
  });

  it('builds codes from a company prefix and an item reference', () => {
    const code = makeEan13('4006381', 33393);
    expect(code).toBe('4006381333931');
    expect(isValidEan13(makeEan13('6001007', 0))).toBe(true);
    expect(() => makeEan13('4006381', 123456)).toThrow(/does not fit/);
    expect(() => makeEan13('12', 1)).toThrow(/company prefix/);
    expect(() => ean13CheckDigit('12345')).toThrow(/12 digits/);
  });
});

describe('parseScale', () => {
  it('accepts the named scales and exact row counts', () => {
    expect(parseScale('small')).toEqual({ name: 'small', stockRows: 4_000 });
    expect(parseScale('MEDIUM')).toEqual({ name: 'medium', stockRows: 100_000 });
    expect(parseScale('large')).toEqual({ name: 'large', stockRows: 1_000_000 });
    expect(parseScale('5000')).toEqual({ name: 'custom', stockRows: 5_000 });
    expect(parseScale('1_000_000')).toEqual({ name: 'custom', stockRows: 1_000_000 });
    expect(parseScale('5000000').stockRows).toBe(5_000_000);
  });

  it.each(['abc', '0', '-5', '1.5', '5000001', '', '1e6', '12abc', '_5'])(
    'rejects %j with a clear message',
    (text) => {
      expect(() => parseScale(text)).toThrow(/scale|stock rows/i);
    },
  );
});

/**
 * md5 per table of its rows ordered by id, without what depends on the clock or the transaction,
 * and without password hashes (their salt is random by design; the password itself is verified).
 */
async function fingerprint(c: pg.Client): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of ['tenants', ...SPEC_TABLES.filter((t) => t !== 'audit_logs')]) {
    const { rows } = await c.query<{ md5: string | null }>(
      `SELECT md5(string_agg((to_jsonb(x) - 'created_at' - 'updated_at' - 'change_xid' - 'password_hash')::text, E'\\n' ORDER BY x.id)) AS md5
         FROM ${table} x`,
    );
    out[table] = rows[0]?.md5 ?? '';
  }
  const { rows } = await c.query<{ md5: string | null }>(
    `SELECT md5(string_agg(concat_ws('|', tenant_id, action, entity_type, entity_id, changes), E'\\n'
              ORDER BY tenant_id, entity_type)) AS md5 FROM audit_logs`,
  );
  out.audit_logs = rows[0]?.md5 ?? '';
  return out;
}

/** The schema's constraints, indexes and triggers as the catalogue describes them. */
async function schemaShape(c: pg.Client): Promise<string[]> {
  const { rows } = await c.query<{ item: string }>(
    `SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' valid=' || convalidated AS item
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace
     UNION ALL
     SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
     UNION ALL
     SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname || ' ' || tgenabled::text FROM pg_trigger
      WHERE NOT tgisinternal AND tgrelid::regclass::text NOT LIKE 'pg_%'
     ORDER BY 1`,
  );
  return rows.map((r) => r.item);
}

describe('seedDemoData', () => {
  let a: TestDatabase; // seed 7, small, plain COPY
  let b: TestDatabase; // seed 7, small, fast path forced for tables of 1,000+ rows
  let c: TestDatabase; // seed 8, small
  let d: TestDatabase; // exactly 5,000 stock rows
  let resultA: SeedResult;
  const created: TestDatabase[] = [];

  beforeAll(async () => {
    const fresh = async (): Promise<TestDatabase> => {
      const db = await createTestDatabase();
      created.push(db);
      return db;
    };
    a = await fresh();
    b = await fresh();
    c = await fresh();
    d = await fresh();
    const small = parseScale('small');
    [resultA] = await Promise.all([
      seedDemoData({ url: a.url, scale: small, seed: 7, today: TODAY }),
      seedDemoData({ url: b.url, scale: small, seed: 7, today: TODAY, fastLoadMinRows: 1_000 }),
    ]);
    await Promise.all([
      seedDemoData({ url: c.url, scale: small, seed: 8, today: TODAY }),
      seedDemoData({ url: d.url, scale: parseScale('5000'), seed: 1, today: TODAY }),
    ]);
  });

  afterAll(async () => {
    await Promise.all(created.map((x) => x.drop()));
  });

  it('seeds the small scale and reports logins for every role and the sites', async () => {
    expect(resultA.summary).toMatch(/4,000 stock rows/);
    const roles = await withClient(a.url, async (cl) => {
      const { rows } = await cl.query<{ r: string }>('SELECT unnest(enum_range(NULL::user_role))::text AS r');
      return rows.map((x) => x.r);
    });
    for (const slug of SLUGS) {
      expect(
        resultA.logins
          .filter((l) => l.tenantSlug === slug)
          .map((l) => l.role)
          .sort(),
      ).toEqual([...roles].sort());
    }
    expect(resultA.sites).toContainEqual({ tenantSlug: 'acme', code: 'ACME-NBO' });
    expect(resultA.sites.some((s) => s.tenantSlug === 'globex')).toBe(true);
  });

  it('fills every table of the spec for both tenants', async () => {
    await withClient(a.url, async (cl) => {
      for (const table of SPEC_TABLES) {
        const { rows } = await cl.query<{ slug: string; n: string }>(
          `SELECT t.slug, count(x.tenant_id) AS n FROM tenants t LEFT JOIN ${table} x ON x.tenant_id = t.id
            GROUP BY t.slug ORDER BY t.slug`,
        );
        expect(
          rows.map((r) => r.slug),
          table,
        ).toEqual(SLUGS);
        for (const r of rows) expect(Number(r.n), `${table} of ${r.slug}`).toBeGreaterThan(0);
      }
    });
  });

  it('gives the same data for the same seed (also through the fast path) and other data for another seed', async () => {
    const [fa, fb, fc] = await Promise.all([
      withClient(a.url, fingerprint),
      withClient(b.url, fingerprint),
      withClient(c.url, fingerprint),
    ]);
    expect(fb).toEqual(fa);
    for (const table of Object.keys(fa)) expect(fc[table], table).not.toBe(fa[table]);
  });

  it('leaves every constraint, index and trigger as migrated after the fast path', async () => {
    const [sa, sb] = await Promise.all([withClient(a.url, schemaShape), withClient(b.url, schemaShape)]);
    expect(sb).toEqual(sa);
    expect(sb.filter((s) => s.startsWith('constraint') && !s.endsWith('valid=true'))).toEqual([]);
    expect(sb.filter((s) => s.startsWith('trigger') && !s.endsWith(' O'))).toEqual([]);
  });

  it('writes one bulk_load audit row per tenant and table instead of row-by-row audit', async () => {
    await withClient(a.url, async (cl) => {
      const { rows } = await cl.query<{ action: string; n: string; null_ids: string }>(
        `SELECT action::text, count(*) AS n, count(*) FILTER (WHERE entity_id IS NULL) AS null_ids
           FROM audit_logs GROUP BY action`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]?.action).toBe('bulk_load');
      expect(rows[0]?.null_ids).toBe(rows[0]?.n);
      const stock = await cl.query<{ changes: { rows: number; seed: number } }>(
        `SELECT changes FROM audit_logs WHERE entity_type = 'inventory_stock' ORDER BY changes ->> 'rows'`,
      );
      expect(stock.rows.map((r) => r.changes.rows).reduce((x, y) => x + y, 0)).toBe(4_000);
      expect(stock.rows.every((r) => r.changes.seed === 7)).toBe(true);
    });
  });

  it('issues valid EAN-13 barcodes and unique, long, URL-safe QR tokens', async () => {
    await withClient(a.url, async (cl) => {
      const parts = await cl.query<{ barcode: string }>(
        'SELECT barcode FROM parts WHERE barcode IS NOT NULL',
      );
      const plates = await cl.query<{ barcode: string }>(
        'SELECT barcode_manufacturer AS barcode FROM asset_identities WHERE barcode_manufacturer IS NOT NULL',
      );
      expect(parts.rows.length).toBeGreaterThan(100);
      expect(plates.rows.length).toBeGreaterThan(50);
      for (const r of [...parts.rows, ...plates.rows]) expect(isValidEan13(r.barcode), r.barcode).toBe(true);
      const { rows } = await cl.query<{ n: string; distinct_n: string; shortest: number; bad: string }>(
        `SELECT count(*) AS n, count(DISTINCT qr_token) AS distinct_n, min(length(qr_token)) AS shortest,
                count(*) FILTER (WHERE qr_token !~ '^[A-Za-z0-9_-]+$') AS bad
           FROM asset_identities`,
      );
      expect(rows[0]?.distinct_n).toBe(rows[0]?.n);
      expect(rows[0]?.shortest).toBeGreaterThanOrEqual(22);
      expect(rows[0]?.bad).toBe('0');
      const codes = await cl.query<{ client_code: string }>(
        `SELECT client_code FROM asset_identities WHERE client_code IN ('P-101', 'EX-101', 'PM-101')`,
      );
      expect(codes.rows.length).toBe(3);
    });
  });

  it('has 500 h services that suppress the 250 h service of the same asset', async () => {
    await withClient(a.url, async (cl) => {
      const { rows } = await cl.query<{ n: string; other_asset: string }>(
        `SELECT count(*) AS n, count(*) FILTER (WHERE s250.asset_id <> s500.asset_id) AS other_asset
           FROM pm_schedules s250 JOIN pm_schedules s500 ON s500.id = s250.suppressed_by_schedule_id
          WHERE s250.interval_meter = 250 AND s500.interval_meter = 500`,
      );
      expect(Number(rows[0]?.n)).toBeGreaterThan(10);
      expect(rows[0]?.other_asset).toBe('0');
      const days = await cl.query<{ n: string }>(
        'SELECT count(*) AS n FROM pm_schedules WHERE interval_days IS NOT NULL',
      );
      expect(Number(days.rows[0]?.n)).toBeGreaterThan(0);
    });
  });

  it('covers every status and keeps the business rules the triggers do not see', async () => {
    await withClient(a.url, async (cl) => {
      const statuses = async (sql: string): Promise<string[]> =>
        (await cl.query<{ s: string }>(sql)).rows.map((r) => r.s).sort();
      for (const slug of SLUGS) {
        const t = `(SELECT id FROM tenants WHERE slug = '${slug}')`;
        expect(
          await statuses(`SELECT DISTINCT status::text AS s FROM work_orders WHERE tenant_id = ${t}`),
        ).toEqual(['cancelled', 'closed', 'draft', 'in_progress', 'ready']);
        expect(
          await statuses(`SELECT DISTINCT status::text AS s FROM service_requests WHERE tenant_id = ${t}`),
        ).toEqual(['converted', 'pending', 'rejected']);
        expect(
          await statuses(`SELECT DISTINCT status::text AS s FROM shipments WHERE tenant_id = ${t}`),
        ).toEqual(['cancelled', 'dispatched', 'loading', 'received', 'received_with_discrepancies']);
        expect(
          await statuses(
            `SELECT DISTINCT status::text AS s FROM asset_movements WHERE tenant_id = ${t} AND shipment_id IS NOT NULL`,
          ),
        ).toEqual(['cancelled', 'in_transit', 'loaded', 'missing', 'received']);
        expect(
          await statuses(
            `SELECT DISTINCT code::text AS s FROM shipment_discrepancies WHERE tenant_id = ${t}`,
          ),
        ).toEqual(['damaged', 'extra', 'missing', 'seal_broken', 'seal_mismatch']);
        expect(
          await statuses(`SELECT DISTINCT source::text AS s FROM wo_consumables WHERE tenant_id = ${t}`),
        ).toEqual(['wallet', 'warehouse']);
        expect(await statuses(`SELECT DISTINCT unit::text AS s FROM parts WHERE tenant_id = ${t}`)).toEqual([
          'kilogram',
          'litre',
          'metre',
          'piece',
        ]);
      }
      const checks: Record<string, string> = {
        'closed work order with a mandatory task without result': `SELECT count(*) AS n FROM work_orders w JOIN wo_tasks t ON t.wo_id = w.id
           WHERE w.status = 'closed' AND t.is_mandatory AND t.result IS NULL`,
        'id not UUIDv7-shaped': `SELECT count(*) AS n FROM inventory_stock
           WHERE id::text !~ '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'`,
        'work order code format': `SELECT count(*) AS n FROM work_orders WHERE code !~ '^WO-[0-9]{6}$'`,
        'bin label format': `SELECT count(*) AS n FROM inventory_stock WHERE bin_location !~ '^[A-Z]-[0-9]{2}-[0-9]{2}$'`,
        'technician without badge': `SELECT count(*) AS n FROM users WHERE role = 'technician' AND badge_code IS NULL`,
        'shipment movement without its gate pass': `SELECT count(*) AS n FROM asset_movements m JOIN shipments s ON s.id = m.shipment_id
           WHERE m.gate_pass_ref IS DISTINCT FROM s.gate_pass_ref`,
        'component away from its unit': `SELECT count(*) AS n FROM assets c JOIN assets u ON u.id = c.parent_id
           WHERE c.location_id <> u.location_id`,
        'warehouse consumable from an empty bin': `SELECT count(*) AS n FROM wo_consumables c WHERE c.source = 'warehouse'
           AND NOT EXISTS (SELECT 1 FROM inventory_stock s WHERE s.part_id = c.part_id
                            AND s.location_id = c.source_location_id AND s.bin_location = c.source_bin)`,
        'in-transit asset without an in-transit or missing movement': `SELECT count(*) AS n FROM assets a WHERE a.status = 'in_transit'
           AND a.parent_id IS NULL AND NOT EXISTS (SELECT 1 FROM asset_movements m WHERE m.asset_id = a.id
                                                    AND m.status IN ('in_transit', 'missing'))`,
        'gate pass not of a first station': `SELECT count(*) AS n FROM shipments WHERE gate_pass_ref !~ '^GP-[A-Z0-9]{2,8}-[0-9]{4}$'`,
        'loaded parts more than the bin holds': `SELECT count(*) AS n FROM (
           SELECT l.part_id, l.source_location_id, l.source_bin, sum(l.qty) AS q FROM shipment_part_lines l
            WHERE l.status = 'loaded' GROUP BY 1, 2, 3) x
           LEFT JOIN inventory_stock s ON s.part_id = x.part_id AND s.location_id = x.source_location_id
            AND s.bin_location = x.source_bin
          WHERE coalesce(s.qty_on_hand, 0) < x.q`,
        'received part line into a bin without stock': `SELECT count(*) AS n FROM shipment_part_lines l WHERE l.received_bin IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM inventory_stock s WHERE s.part_id = l.part_id
                            AND s.location_id = l.received_location_id AND s.bin_location = l.received_bin)`,
        'meter below its daily logs': `SELECT count(*) AS n FROM asset_meters m
           WHERE m.current_run_hours < (SELECT coalesce(sum(run_hours_added), 0) FROM daily_logs l WHERE l.asset_id = m.asset_id)`,
      };
      for (const [name, sql] of Object.entries(checks)) {
        const { rows } = await cl.query<{ n: string }>(sql);
        expect(rows[0]?.n, name).toBe('0');
      }
      const components = await cl.query<{ n: string }>(
        'SELECT count(*) AS n FROM assets WHERE parent_id IS NOT NULL',
      );
      expect(Number(components.rows[0]?.n)).toBeGreaterThan(0);
    });
  });

  it('loads exactly N stock rows for --scale N', async () => {
    await withClient(d.url, async (cl) => {
      const { rows } = await cl.query<{ n: string }>('SELECT count(*) AS n FROM inventory_stock');
      expect(rows[0]?.n).toBe('5000');
    });
  });

  it('verifies the demo logins with their printed passwords', async () => {
    await withClient(a.url, async (cl) => {
      for (const login of resultA.logins) {
        const { rows } = await cl.query<{ password_hash: string; role: string }>(
          `SELECT u.password_hash, u.role::text AS role FROM users u JOIN tenants t ON t.id = u.tenant_id
            WHERE t.slug = $1 AND u.email = $2`,
          [login.tenantSlug, login.email],
        );
        expect(rows[0]?.role).toBe(login.role);
        expect(await verifyPassword(login.password, rows[0]?.password_hash ?? '')).toBe(true);
      }
      expect(resultA.logins[0]?.password.length).toBeGreaterThanOrEqual(8);
    });
  });

  it('refuses to seed a database that already has the demo tenants and changes nothing', async () => {
    const before = await withClient(a.url, fingerprint);
    await expect(
      seedDemoData({ url: a.url, scale: parseScale('small'), seed: 9, today: TODAY }),
    ).rejects.toThrow(/already has the demo tenant\(s\) acme, globex; nothing was changed/);
    expect(await withClient(a.url, fingerprint)).toEqual(before);
  });

  it('rolls everything back, schema changes of the fast path included, when a load fails half-way', async () => {
    const e = await createTestDatabase();
    created.push(e);
    // Another tenant already holds a part whose id the demo catalogue will use: the parts load fails
    // after tenants, locations and users went in, and (fast path) after the keys were dropped.
    const clash = new IdMint(7).id('acme:part', 5);
    await withClient(e.url, async (cl) => {
      await cl.query(
        `INSERT INTO tenants (id, slug, name) VALUES ('00000000-0000-4000-8000-000000000001', 'other', 'Other Ltd')`,
      );
      await cl.query(
        `INSERT INTO parts (id, tenant_id, sku, name) VALUES ($1, '00000000-0000-4000-8000-000000000001', 'X-1', 'Clash')`,
        [clash],
      );
    });
    const shapeBefore = await withClient(e.url, schemaShape);
    const before = await withClient(e.url, fingerprint);
    await expect(
      seedDemoData({ url: e.url, scale: parseScale('small'), seed: 7, today: TODAY, fastLoadMinRows: 100 }),
    ).rejects.toThrow(/parts_pkey/);
    expect(await withClient(e.url, fingerprint)).toEqual(before);
    expect(await withClient(e.url, schemaShape)).toEqual(shapeBefore);
    const tenants = await withClient(
      e.url,
      async (cl) => (await cl.query<{ slug: string }>('SELECT slug FROM tenants')).rows,
    );
    expect(tenants).toEqual([{ slug: 'other' }]);
  });
});
