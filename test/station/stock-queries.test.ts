// The counter's read calls (src-main/station/stock) against a station synced from the seeded
// PostgreSQL demo data: results equal the server's rows, pending effects of operations queued
// offline show up where they matter ("on hand 10, 3 pending issue"), rejected ones too, paging is
// complete and stable, and unknown ids give readable errors.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lowStock } from '../../src-main/stock/reads/low-stock.ts';
import { allPages, openStockStation, type StockStation } from './stock-station.ts';

let s: StockStation;
let tenantId: string;
let siteId: string;

beforeAll(async () => {
  s = await openStockStation();
  tenantId = s.core.scope.tenantId;
  siteId = s.core.scope.siteId;
});

afterAll(async () => {
  await s.close();
});

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function server<T>(sql: string, args: unknown[]): Promise<T[]> {
  return (await s.world.admin.query(sql, args)).rows as T[];
}

/** Usable stock of a part at the station's site, from the server. */
async function serverOnHand(partId: string): Promise<number> {
  const [row] = await server<{ q: string }>(
    `SELECT coalesce(sum(s.qty_on_hand), 0)::text AS q FROM inventory_stock s
       JOIN locations l ON l.id = s.location_id
      WHERE s.part_id = $1 AND l.site_id = $2 AND s.bin_location <> 'QUARANTINE'`,
    [partId, siteId],
  );
  return Number(row?.q);
}

describe('stock queries', () => {
  it('needs a logged-in user and refuses unknown ids readably', async () => {
    expect(await s.fail('stock.warehouses', {}, { user: null })).toBe('not_logged_in');
    expect(await s.fail('stock.byPart', { part_id: randomUUID() })).toBe('unknown_part');
    expect(await s.fail('stock.byBin', { location_id: randomUUID() })).toBe('unknown_location');
    expect(await s.fail('wallets.forTechnician', { technician_id: randomUUID() })).toBe('unknown_technician');
    expect(await s.fail('wallets.forTechnician', { technician_id: s.session.user?.id })).toBe(
      'not_a_technician',
    );
    expect(await s.fail('stock.movements', { part_id: randomUUID() })).toBe('unknown_part');
    expect(await s.fail('stock.movements', {})).toBe('invalid_input');
    expect(await s.fail('stock.lowStock', { after: 'nonsense' })).toBe('invalid_cursor');
    expect(await s.fail('parts.search', { query: 'A', limit: 201 })).toBe('invalid_input');
    const [other] = await server<{ id: string }>(
      `SELECT id FROM locations WHERE tenant_id = $1 AND type = 'warehouse' AND site_id <> $2 LIMIT 1`,
      [tenantId, siteId],
    );
    if (other) expect(await s.fail('stock.byBin', { location_id: other.id })).toBe('other_site');
  });

  it('lists the site warehouses with their bins', async () => {
    const expected = await server<{ id: string; code: string; bin_count: number }>(
      `SELECT l.id, l.code, count(DISTINCT s.bin_location)::int AS bin_count
         FROM locations l LEFT JOIN inventory_stock s ON s.location_id = l.id
        WHERE l.site_id = $1 AND l.type = 'warehouse' GROUP BY l.id, l.code`,
      [siteId],
    );
    const result = await s.call('stock.warehouses', {});
    expect(result.map(({ id, code, bin_count }) => ({ id, code, bin_count }))).toEqual(
      expected.sort((a, b) => cmp(a.code, b.code)),
    );
    expect(result.length).toBeGreaterThan(0);
  });

  it('finds parts by SKU prefix (all pages), barcode and name words, with site stock', async () => {
    const [part] = await server<{ id: string; sku: string; barcode: string; name: string }>(
      `SELECT p.id, p.sku, p.barcode, p.name FROM parts p
        WHERE p.tenant_id = $1 AND p.barcode IS NOT NULL
          AND EXISTS (SELECT 1 FROM inventory_stock s JOIN locations l ON l.id = s.location_id
                       WHERE s.part_id = p.id AND l.site_id = $2)
        ORDER BY p.sku LIMIT 1`,
      [tenantId, siteId],
    );
    if (!part) throw new Error('no stocked part in the seed');
    const prefix = part.sku.slice(0, -2);
    const expected = await server<{ id: string; sku: string }>(
      `SELECT id, sku FROM parts WHERE tenant_id = $1 AND starts_with(sku, $2)`,
      [tenantId, prefix],
    );
    const { rows, pages } = await allPages(
      s,
      'parts.search',
      { query: prefix.toLowerCase(), limit: 7 },
      (r) => r.rows,
      (r) => r.next,
    );
    expect(rows.map((r) => r.id)).toEqual(expected.sort((a, b) => cmp(a.sku, b.sku)).map((r) => r.id));
    expect(pages).toBe(Math.floor(expected.length / 7) + 1);
    expect(rows.every((r) => r.matched_by === 'sku')).toBe(true);
    const found = rows.find((r) => r.id === part.id);
    expect(found?.qty_on_hand).toBe(await serverOnHand(part.id));

    const byBarcode = await s.call('parts.search', { query: part.barcode });
    expect(byBarcode.rows[0]).toMatchObject({ id: part.id, matched_by: 'barcode' });

    const words = part.name.split(' ').slice(0, 2).join(' ').toLowerCase();
    const byName = await s.call('parts.search', { query: words, limit: 200 });
    expect(byName.rows.every((r) => r.name.toLowerCase().startsWith(words))).toBe(true);
    const [{ n } = { n: 0 }] = await server<{ n: number }>(
      `SELECT count(*)::int AS n FROM parts WHERE tenant_id = $1 AND lower(name) LIKE $2 || '%'`,
      [tenantId, words],
    );
    if (n <= 200) expect(byName.rows.map((r) => r.id)).toContain(part.id);
  });

  it('pages through a warehouse completely and in a stable order', async () => {
    const [warehouse] = await s.call('stock.warehouses', {});
    if (!warehouse) throw new Error('no warehouse');
    const expected = await server<{ id: string; bin_location: string; qty: string; sku: string }>(
      `SELECT s.id, s.bin_location, s.qty_on_hand::text AS qty, p.sku FROM inventory_stock s
         JOIN parts p ON p.id = s.part_id WHERE s.location_id = $1`,
      [warehouse.id],
    );
    expected.sort((a, b) => cmp(a.bin_location, b.bin_location) || cmp(a.id, b.id));
    const { rows } = await allPages(
      s,
      'stock.byBin',
      { location_id: warehouse.id, limit: 37 },
      (r) => r.rows,
      (r) => r.next,
    );
    expect(rows.map((r) => [r.stock_id, r.bin_location, r.qty_on_hand, r.sku])).toEqual(
      expected.map((e) => [e.id, e.bin_location, Number(e.qty), e.sku]),
    );
    const bin = expected[0]?.bin_location ?? '';
    const oneBin = await s.call('stock.byBin', {
      location_id: warehouse.id,
      bin_location: bin.toLowerCase(),
    });
    expect(oneBin.rows.map((r) => r.stock_id)).toEqual(
      expected.filter((e) => e.bin_location === bin).map((e) => e.id),
    );
  });

  it("lists the open work orders of the site's assets and active technicians (the site first) like the server", async () => {
    // The station holds the work orders of the assets at its site (src-main/cache/sync-scope.ts).
    const wos = await server<{ id: string; code: string }>(
      `SELECT w.id, w.code FROM work_orders w JOIN assets a ON a.id = w.asset_id
         JOIN locations l ON l.id = a.location_id
        WHERE w.tenant_id = $1 AND l.site_id = $2 AND w.status NOT IN ('closed', 'cancelled')`,
      [tenantId, siteId],
    );
    expect(wos.length).toBeGreaterThan(0);
    const open = await allPages(
      s,
      'workOrders.open',
      { limit: 100 },
      (r) => r.rows,
      (r) => r.next,
    );
    expect(open.rows.map((r) => r.id)).toEqual(
      wos.sort((a, b) => cmp(a.code, b.code) || cmp(a.id, b.id)).map((w) => w.id),
    );
    const first = wos[0];
    if (first) {
      const byCode = await s.call('workOrders.open', { query: first.code.toLowerCase() });
      expect(byCode.rows.map((r) => r.id)).toContain(first.id);
    }

    const techs = await server<{ id: string; full_name: string; home: number }>(
      `SELECT id, full_name, (CASE WHEN site_id = $2 THEN 0 ELSE 1 END) AS home FROM users
        WHERE tenant_id = $1 AND role = 'technician' AND is_active`,
      [tenantId, siteId],
    );
    techs.sort((a, b) => a.home - b.home || cmp(a.full_name, b.full_name) || cmp(a.id, b.id));
    const listed = await allPages(
      s,
      'people.technicians',
      { limit: 3 },
      (r) => r.rows,
      (r) => r.next,
    );
    expect(listed.rows.map((r) => r.id)).toEqual(techs.map((t) => t.id));
    expect(listed.rows[0]?.at_this_site).toBe(true);
    const name = techs[0]?.full_name ?? '';
    const byName = await s.call('people.technicians', { query: name.split(' ')[0]?.toUpperCase() ?? '' });
    expect(byName.rows.map((r) => r.full_name)).toContain(name);
  });

  it('lists every low-stock part (pages bounded by the scan budget) and counts pending receipts', async () => {
    const expected = await server<{ id: string; sku: string; min_level: string; q: string }>(
      `SELECT p.id, p.sku, p.min_level::text, coalesce(sum(s.qty_on_hand), 0)::text AS q
         FROM parts p
         LEFT JOIN inventory_stock s ON s.part_id = p.id AND s.bin_location <> 'QUARANTINE'
              AND s.location_id IN (SELECT id FROM locations WHERE site_id = $2)
        WHERE p.tenant_id = $1 AND p.is_active AND p.min_level > 0
        GROUP BY p.id HAVING coalesce(sum(s.qty_on_hand), 0) < p.min_level`,
      [tenantId, siteId],
    );
    expected.sort((a, b) => cmp(a.sku, b.sku) || cmp(a.id, b.id));
    expect(expected.length).toBeGreaterThan(0);
    const listed = await allPages(
      s,
      'stock.lowStock',
      { limit: 50 },
      (r) => r.rows,
      (r) => r.next,
    );
    expect(listed.rows.map((r) => r.id)).toEqual(expected.map((e) => e.id));
    for (const row of listed.rows) expect(row.shortfall).toBeGreaterThan(0);

    // A small budget: short pages, same list.
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const page = lowStock(s.core.cache.reader, { limit: 20, after }, 100);
      expect(page.scanned).toBeLessThanOrEqual(100);
      ids.push(...page.rows.map((r) => r.id));
      after = page.next ?? undefined;
    } while (after !== undefined);
    expect(ids).toEqual(expected.map((e) => e.id));

    // A pending receipt that lifts a low part above its min_level takes it off the list.
    const low = listed.rows.find((r) => r.unit === 'piece');
    const [warehouse] = await s.call('stock.warehouses', {});
    if (!low || !warehouse) throw new Error('no low piece part');
    await s.call('operations.submit', {
      type: 'stock.receive',
      payload: {
        lines: [
          {
            part_id: low.id,
            location_id: warehouse.id,
            bin_location: 'LOW-01',
            qty: Math.ceil(low.shortfall),
          },
        ],
      },
    });
    const after2 = await allPages(
      s,
      'stock.lowStock',
      { limit: 200 },
      (r) => r.rows,
      (r) => r.next,
    );
    expect(after2.rows.map((r) => r.id)).not.toContain(low.id);
    const part = await s.call('stock.byPart', { part_id: low.id });
    expect(part.part.pending).toEqual({
      delta: Math.ceil(low.shortfall),
      ops: [{ type: 'stock.receive', count: 1, delta: Math.ceil(low.shortfall) }],
    });
  });
});
