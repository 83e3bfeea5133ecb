// What amms_push confines an operation to: the station's site and tenant (another site's
// warehouse, tenant B's parts, warehouses, technicians, assets and rows), and that stations still
// write nothing directly: every table write, the private schema and a hand-set acting user are
// refused.
import { describe, expect, it } from 'vitest';
import { insertStock, pgErrorOf } from '../../helpers/base-fixture.ts';
import { usePushFixture, type Envelope } from '../../helpers/push-fixture.ts';
import { stockHelpers } from '../../helpers/stock-push.ts';

const t = usePushFixture();
const { push, dailyLog, businessState, auditRowsOf, expectRejected, codeOf } = t;
const { newPart, receive, issue } = stockHelpers(t);

// Site and tenant scope --------------------------------------------------------------------------------

describe('scope', () => {
  it("refuses a warehouse of another site of the station's own tenant (other_site)", async () => {
    const { partId } = await newPart('piece');
    await insertStock(t.su, t.fx.a.tenantId, partId, t.otherSiteA.warehouseId, {
      bin_location: 'S-01',
      qty_on_hand: 9,
    });
    const code = await codeOf(t.otherSiteA.warehouseId);
    const reason = `Warehouse ${code} belongs to another site.`;
    await expectRejected(
      receive(t.usersA.storekeeper, [
        { part_id: partId, location_id: t.otherSiteA.warehouseId, bin_location: 'S-01', qty: 1 },
      ]),
      'other_site',
      reason,
    );
    await expectRejected(
      issue(t.usersA.storekeeper, {
        part_id: partId,
        location_id: t.otherSiteA.warehouseId,
        bin_location: 'S-01',
        qty: 1,
      }),
      'other_site',
      reason,
    );
  });

  it('refuses a location that is not a warehouse (not_a_warehouse)', async () => {
    const code = await codeOf(t.fx.a.buildingId);
    await expectRejected(
      receive(t.usersA.storekeeper, [
        { part_id: t.fx.a.partId, location_id: t.fx.a.buildingId, bin_location: 'S-01', qty: 1 },
      ]),
      'not_a_warehouse',
      `${code} is a building, not a warehouse.`,
    );
  });

  it("cannot touch tenant B's parts, warehouses, technicians, assets or rows (B stays exactly as it was)", async () => {
    const b = t.fx.b;
    const bin = 'A-01';
    const cases: [Envelope, string, string][] = [
      [
        receive(t.usersA.storekeeper, [
          { part_id: b.partId, location_id: t.fx.a.warehouseId, bin_location: bin, qty: 1 },
        ]),
        'unknown_part',
        'That part is not in the catalogue.',
      ],
      [
        receive(t.usersA.storekeeper, [
          { part_id: t.fx.a.partId, location_id: b.warehouseId, bin_location: bin, qty: 1 },
        ]),
        'unknown_location',
        'That warehouse does not exist.',
      ],
      [
        issue(t.usersA.storekeeper, {
          part_id: b.partId,
          location_id: b.warehouseId,
          bin_location: bin,
          qty: 1,
        }),
        'unknown_part',
        'That part is not in the catalogue.',
      ],
      [
        issue(t.usersA.storekeeper, {
          part_id: t.fx.a.partId,
          bin_location: bin,
          qty: 1,
          technician_id: b.technicianId,
        }),
        'unknown_technician',
        'That technician is not an active user.',
      ],
      [
        dailyLog(t.usersA.supervisor, { asset_id: b.unitAssetId, date: '2025-09-01' }),
        'unknown_asset',
        'That asset does not exist.',
      ],
    ];
    for (const [envelope, code, reason] of cases) await expectRejected(envelope, code, reason);
  });

  it("cannot overwrite tenant B's rows by choosing their ids (stock_id, log_id)", async () => {
    const { rows } = await t.su.query<{ stock: string; log: string }>(
      `SELECT (SELECT id::text FROM inventory_stock WHERE tenant_id = $1 LIMIT 1) AS stock,
              (SELECT id::text FROM daily_logs WHERE tenant_id = $1 LIMIT 1) AS log`,
      [t.fx.b.tenantId],
    );
    const { partId } = await newPart('piece');
    await expectRejected(
      receive(t.usersA.storekeeper, [
        {
          part_id: partId,
          location_id: t.fx.a.warehouseId,
          bin_location: 'X-01',
          qty: 1,
          stock_id: rows[0]?.stock,
        },
      ]),
      'conflict',
      'duplicate key value violates unique constraint "inventory_stock_pkey"',
    );
    await expectRejected(
      dailyLog(t.usersA.supervisor, { date: '2025-09-02', log_id: rows[0]?.log }),
      'conflict',
      'duplicate key value violates unique constraint "daily_logs_pkey"',
    );
  });
});

// What stations still cannot do -------------------------------------------------------------------------

describe('stations still write only through amms_push', () => {
  const statements: [string, string, string][] = [
    [
      'INSERT inventory_stock',
      `INSERT INTO inventory_stock (tenant_id, part_id, location_id, bin_location, qty_on_hand)
       SELECT tenant_id, part_id, location_id, 'H-01', 5 FROM inventory_stock LIMIT 1`,
      'inventory_stock',
    ],
    [
      'UPDATE inventory_stock',
      'UPDATE inventory_stock SET qty_on_hand = qty_on_hand + 100',
      'inventory_stock',
    ],
    ['DELETE inventory_stock', 'DELETE FROM inventory_stock', 'inventory_stock'],
    ['UPDATE inventory_wallets', 'UPDATE inventory_wallets SET qty_held = 0', 'inventory_wallets'],
    ['DELETE daily_logs', 'DELETE FROM daily_logs', 'daily_logs'],
    [
      'UPDATE asset_meters',
      'UPDATE asset_meters SET current_run_hours = current_run_hours + 1',
      'asset_meters',
    ],
    [
      'INSERT op_ledger',
      `INSERT INTO op_ledger (op_id, tenant_id, station_id, station_seq, op_type, payload, outcome)
       SELECT gen_random_uuid(), tenant_id, id, 1, 'x', '{}', 'applied' FROM stations`,
      'op_ledger',
    ],
    [
      'UPDATE op_ledger',
      `UPDATE op_ledger SET outcome = 'applied', reason = NULL, reason_code = NULL`,
      'op_ledger',
    ],
    ['DELETE op_ledger', 'DELETE FROM op_ledger', 'op_ledger'],
    [
      'INSERT audit_logs',
      `INSERT INTO audit_logs (tenant_id, action, entity_type, changes)
       SELECT tenant_id, 'insert', 'x', '{}' FROM stations`,
      'audit_logs',
    ],
  ];

  it.each(statements)('%s is denied', async (_name, sql, table) => {
    const before = await businessState();
    const error = await pgErrorOf(t.stationA.query(sql));
    expect({ code: error.code, message: error.message }).toEqual({
      code: '42501',
      message: `permission denied for table ${table}`,
    });
    expect(await businessState()).toEqual(before);
  });

  it.each([
    ['amms_private.reject', `SELECT amms_private.reject('x', 'y')`],
    [
      'amms_private.op_wallet_issue',
      `SELECT amms_private.op_wallet_issue(s, u, '{}'::jsonb) FROM stations s, users u LIMIT 1`,
    ],
    ['amms_private.op_types', 'SELECT * FROM amms_private.op_types'],
  ])('%s is out of reach', async (_name, sql) => {
    const error = await pgErrorOf(t.stationA.query(sql));
    expect({ code: error.code, message: error.message }).toEqual({
      code: '42501',
      message: 'permission denied for schema amms_private',
    });
  });

  it('setting amms.user_id by hand does not change who the audit trail names', async () => {
    await t.stationA.query('BEGIN');
    try {
      await t.stationA.query(`SELECT set_config('amms.user_id', $1, true)`, [t.usersA.admin]);
      const envelope = dailyLog(t.usersA.supervisor, { date: '2025-10-02' });
      await push(t.stationA, envelope);
      await t.stationA.query('COMMIT');
      const rows = await auditRowsOf(envelope.op_id);
      expect(rows.map((r) => r.user_id)).toEqual(rows.map(() => t.usersA.supervisor));
      expect(rows.length).toBe(2);
    } catch (error) {
      await t.stationA.query('ROLLBACK');
      throw error;
    }
  });
});
