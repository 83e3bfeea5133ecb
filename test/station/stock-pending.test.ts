// Pending and rejected operations on the counter's screens, the movement history after a sync,
// and the query plans of the paged calls (index searches, no full scan of the big tables).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Method } from '../../src-preload/contract/api.ts';
import { openStockStation, type StockStation } from './stock-station.ts';

let s: StockStation;

beforeAll(async () => {
  s = await openStockStation();
});

afterAll(async () => {
  await s.close();
});

interface StockRow {
  part_id: string;
  location_id: string;
  bin_location: string;
  qty_on_hand: number;
}

describe('pending and rejected operations', () => {
  it('shows "on hand 10, 3 pending issue", pending-only bins and the wallet, then rejections and history', async () => {
    const row = s.core.cache.reader
      .prepare(
        `SELECT s.part_id, s.location_id, s.bin_location, s.qty_on_hand FROM inventory_stock s
           JOIN parts p ON p.id = s.part_id
          WHERE p.unit = 'piece' AND s.qty_on_hand >= 10 AND s.bin_location <> 'QUARANTINE'
          ORDER BY s.id LIMIT 1`,
      )
      .get() as StockRow;
    const tech = s.core.cache.reader
      .prepare(`SELECT id FROM users WHERE role = 'technician' AND site_id = ? AND is_active = 1 ORDER BY id`)
      .pluck()
      .get(s.core.scope.siteId) as string;
    const issue = { part_id: row.part_id, location_id: row.location_id, bin_location: row.bin_location };
    for (let i = 0; i < 3; i++) {
      await s.call('operations.submit', {
        type: 'wallet.issue',
        payload: { ...issue, technician_id: tech, qty: 1 },
      });
    }
    await s.call('operations.submit', {
      type: 'stock.receive',
      payload: {
        lines: [{ part_id: row.part_id, location_id: row.location_id, bin_location: 'ZZ-99', qty: 5 }],
      },
    });
    const walletBefore = await s.call('wallets.forTechnician', { technician_id: tech });

    const byPart = await s.call('stock.byPart', { part_id: row.part_id });
    const bin = byPart.bins.find(
      (b) => b.location_id === row.location_id && b.bin_location === row.bin_location,
    );
    expect(bin).toMatchObject({
      qty_on_hand: row.qty_on_hand,
      qty_shown: row.qty_on_hand - 3,
      pending: { delta: -3, ops: [{ type: 'wallet.issue', count: 3, delta: -3 }] },
    });
    expect(byPart.bins.find((b) => b.bin_location === 'ZZ-99')).toMatchObject({
      stock_id: null,
      qty_on_hand: 0,
      qty_shown: 5,
      pending: { delta: 5, ops: [{ type: 'stock.receive', count: 1, delta: 5 }] },
    });
    expect(byPart.part.pending.delta).toBe(2);
    expect(byPart.part.qty_shown).toBe(byPart.part.qty_on_hand + 2);

    const pendingBin = await s.call('stock.byBin', { location_id: row.location_id, bin_location: 'zz-99' });
    expect(pendingBin.rows).toMatchObject([{ stock_id: null, part_id: row.part_id, qty_shown: 5 }]);
    const warehouses = await s.call('stock.warehouses', {});
    expect(warehouses.find((w) => w.id === row.location_id)?.pending_ops).toBe(4);

    const wallet = walletBefore.rows.find((r) => r.part_id === row.part_id);
    expect(wallet).toMatchObject({
      pending: { delta: 3, ops: [{ type: 'wallet.issue', count: 3, delta: 3 }] },
    });
    expect(wallet?.qty_shown).toBe((wallet?.qty_held ?? 0) + 3);
    expect(walletBefore.technician.at_this_site).toBe(true);

    // Meanwhile the bin was emptied at another counter: the issues are rejected, the receipt applied.
    await s.world.admin.query(
      `UPDATE inventory_stock SET qty_on_hand = 0 WHERE part_id = $1 AND location_id = $2 AND bin_location = $3`,
      [row.part_id, row.location_id, row.bin_location],
    );
    await s.core.engine.syncOnce();
    const after = await s.call('stock.byPart', { part_id: row.part_id });
    expect(after.bins.find((b) => b.bin_location === row.bin_location)).toMatchObject({
      qty_on_hand: 0,
      pending: { delta: 0, ops: [] },
    });
    expect(after.bins.find((b) => b.bin_location === 'ZZ-99')).toMatchObject({
      qty_on_hand: 5,
      qty_shown: 5,
    });
    expect(after.rejected.map((r) => [r.type, r.reason_code])).toEqual([
      ['wallet.issue', 'insufficient_stock'],
      ['wallet.issue', 'insufficient_stock'],
      ['wallet.issue', 'insufficient_stock'],
    ]);
    const walletAfter = await s.call('wallets.forTechnician', { technician_id: tech });
    expect(walletAfter.rejected).toHaveLength(3);
    expect(walletAfter.rows.find((r) => r.part_id === row.part_id)?.pending.delta ?? 0).toBe(0);

    // The receipt is in the movement history of the part and of the bin, newest first, page by page.
    const history: string[] = [];
    let next: string | undefined;
    do {
      const page = await s.call('stock.movements', { part_id: row.part_id, limit: 1, after: next });
      history.push(...page.rows.map((m) => `${m.movement_type} ${m.bin_location ?? ''} ${m.qty_delta}`));
      next = page.next ?? undefined;
    } while (next !== undefined);
    expect(history).toContain('receive ZZ-99 5');
    const { rows: serverRows } = await s.world.admin.query(
      `SELECT m.id FROM stock_movements m JOIN locations l ON l.id = m.location_id
        WHERE m.part_id = $1 AND l.site_id = $2`,
      [row.part_id, s.core.scope.siteId],
    );
    expect(history.length).toBeGreaterThanOrEqual(serverRows.length);
    const binHistory = await s.call('stock.movements', {
      location_id: row.location_id,
      bin_location: 'ZZ-99',
    });
    expect(binHistory.rows).toMatchObject([
      { movement_type: 'receive', qty_delta: 5, qty_after: 5, from_this_station: true, sku: after.part.sku },
    ]);
    const dates = history.length;
    expect(dates).toBeGreaterThan(0);
  });
});

describe('query plans', () => {
  it('reads the big tables through their indexes only', async () => {
    const db = s.core.cache.reader;
    const seen: { sql: string; args: unknown[] }[] = [];
    const prepare = db.prepare.bind(db);
    const spy = (sql: string) => {
      const statement = prepare(sql);
      for (const method of ['all', 'get', 'iterate'] as const) {
        const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
        (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
          seen.push({ sql, args });
          return original(...args);
        };
      }
      return statement;
    };
    db.prepare = spy as typeof db.prepare;
    try {
      const [warehouse] = await s.call('stock.warehouses', {});
      const part = db.prepare('SELECT id, sku FROM parts ORDER BY sku LIMIT 1').get() as {
        id: string;
        sku: string;
      };
      const calls: [Method, Record<string, unknown>][] = [
        ['parts.search', { query: part.sku.slice(0, 5) }],
        ['parts.search', { query: 'hyd fil' }],
        ['stock.byPart', { part_id: part.id }],
        ['stock.byBin', { location_id: warehouse?.id }],
        ['stock.lowStock', {}],
        ['stock.movements', { part_id: part.id }],
      ];
      for (const [method, params] of calls) {
        const page: unknown = await s.call(method, params);
        const next = (page as { next?: string | null }).next;
        if (typeof next === 'string') await s.call(method, { ...params, after: next });
      }
    } finally {
      db.prepare = prepare;
    }
    const plans = new Map<string, string[]>();
    for (const { sql, args } of seen) {
      if (plans.has(sql) || !/inventory_stock|parts|stock_movements/.test(sql)) continue;
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[];
      plans.set(
        sql,
        plan.map((p) => p.detail),
      );
    }
    for (const [q, d] of plans) console.log(q.replace(/\s+/g, ' ').slice(0, 160), d);
    expect(plans.size).toBeGreaterThan(5);
    for (const [sql, details] of plans) {
      for (const detail of details) {
        const where = `${detail}\n  in ${sql}`;
        expect(detail, where).not.toMatch(/^SCAN (s|inventory_stock|m|stock_movements)\b/);
        // The low-stock walk is the one ordered walk of parts(sku), bounded by its scan budget.
        if (/^SCAN p\b/.test(detail)) expect(detail, where).toBe('SCAN p USING INDEX parts_sku_idx');
        expect(detail, where).not.toBe('USE TEMP B-TREE FOR ORDER BY');
      }
    }
  });
});
