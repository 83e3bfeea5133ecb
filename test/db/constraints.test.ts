// The integrity rules the central database enforces itself (0001 constraints, 0002 rules, 0003
// tenant immutability), proven against a real PostgreSQL: each rule by the SQLSTATE and, where it
// has one, the constraint name it reports.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectPgError,
  insertAsset,
  insertAssetIdentity,
  insertAssetMeter,
  insertBaseFixture,
  insertConsumable,
  insertDailyLog,
  insertLocation,
  insertMovement,
  insertPart,
  insertServiceRequest,
  insertShipment,
  insertStock,
  insertTenant,
  insertUser,
  insertWallet,
  insertWarehouse,
  insertWorkOrder,
  insertWoTask,
  type BaseFixture,
  type UserRole,
  type WoStatus,
} from '../helpers/base-fixture.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

const CHECK = '23514';
const UNIQUE = '23505';
const FOREIGN_KEY = '23503';
const INVALID_TEXT = '22P02';

let db: TestDatabase;
let c: pg.Client;
/** Two tenants: a is the one under test, b the foreign one. */
let a: BaseFixture;
let b: BaseFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  c = new pg.Client({ connectionString: db.url });
  await c.connect();
  a = await insertBaseFixture(c);
  b = await insertBaseFixture(c);
});
afterAll(async () => {
  await c.end();
  await db.drop();
});

async function one<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await c.query<T>(sql, params);
  const row = rows[0];
  if (!row) throw new Error(`No row from: ${sql}`);
  return row;
}

describe('quantities never go negative', () => {
  it('rejects negative stock on hand, on insert and on update, and accepts zero', async () => {
    const partId = await insertPart(c, a.tenantId);
    await expectPgError(
      insertStock(c, a.tenantId, partId, a.warehouseId, { qty_on_hand: '-0.001' }),
      CHECK,
      'inventory_stock_qty_nonnegative',
    );
    const stockId = await insertStock(c, a.tenantId, partId, a.warehouseId, { qty_on_hand: 0 });
    await expectPgError(
      c.query('UPDATE inventory_stock SET qty_on_hand = qty_on_hand - 1 WHERE id = $1', [stockId]),
      CHECK,
      'inventory_stock_qty_nonnegative',
    );
  });

  it('rejects a negative quantity held in a technician wallet and accepts zero', async () => {
    const partId = await insertPart(c, a.tenantId);
    await expectPgError(
      insertWallet(c, a.tenantId, a.technicianId, partId, { qty_held: -1 }),
      CHECK,
      'inventory_wallets_qty_nonnegative',
    );
    const walletId = await insertWallet(c, a.tenantId, a.technicianId, partId, { qty_held: 0 });
    await expectPgError(
      c.query('UPDATE inventory_wallets SET qty_held = -5 WHERE id = $1', [walletId]),
      CHECK,
      'inventory_wallets_qty_nonnegative',
    );
  });

  it('requires a consumable to use a strictly positive quantity', async () => {
    const woId = await insertWorkOrder(c, a.tenantId, a.assetId);
    for (const qty of [0, -1]) {
      await expectPgError(
        insertConsumable(c, a.tenantId, woId, a.partId, a.technicianId, { qty_used: qty }),
        CHECK,
        'wo_consumables_qty_positive',
      );
    }
    await insertConsumable(c, a.tenantId, woId, a.partId, a.technicianId, { qty_used: '0.001' });
  });
});

describe('daily logs', () => {
  it('accepts 0 and 24 run hours added in a day', async () => {
    await insertDailyLog(c, a.tenantId, a.assetId, a.supervisorId, {
      date: '2025-02-01',
      run_hours_added: 0,
    });
    await insertDailyLog(c, a.tenantId, a.assetId, a.supervisorId, {
      date: '2025-02-02',
      run_hours_added: 24,
    });
  });

  it.each(['24.01', '-1', '-0.01'])('rejects %s run hours added in a day', async (hours) => {
    await expectPgError(
      insertDailyLog(c, a.tenantId, a.assetId, a.supervisorId, {
        date: '2025-02-03',
        run_hours_added: hours,
      }),
      CHECK,
      'daily_logs_run_hours_range',
    );
  });

  it('rejects negative fuel and accepts zero fuel', async () => {
    await expectPgError(
      insertDailyLog(c, a.tenantId, a.assetId, a.supervisorId, {
        date: '2025-02-04',
        fuel_liters_added: '-0.01',
      }),
      CHECK,
      'daily_logs_fuel_nonnegative',
    );
    await insertDailyLog(c, a.tenantId, a.assetId, a.supervisorId, {
      date: '2025-02-04',
      fuel_liters_added: 0,
    });
  });
});

describe('meters never go down', () => {
  it('lets run hours and the odometer go up or stay, and rejects them going down', async () => {
    const assetId = await insertAsset(c, a.tenantId, a.buildingId);
    const meterId = await insertAssetMeter(c, a.tenantId, assetId, {
      current_run_hours: '100.50',
      current_odometer: '2000.0',
    });
    await c.query('UPDATE asset_meters SET current_run_hours = 120, current_odometer = 2500 WHERE id = $1', [
      meterId,
    ]);
    await c.query('UPDATE asset_meters SET current_run_hours = 120, current_odometer = 2500 WHERE id = $1', [
      meterId,
    ]);
    await expectPgError(
      c.query('UPDATE asset_meters SET current_run_hours = 119.99 WHERE id = $1', [meterId]),
      CHECK,
      'asset_meters_run_hours_never_decrease',
    );
    await expectPgError(
      c.query('UPDATE asset_meters SET current_odometer = 2499.9 WHERE id = $1', [meterId]),
      CHECK,
      'asset_meters_odometer_never_decrease',
    );
    await expectPgError(
      c.query('UPDATE asset_meters SET current_odometer = NULL WHERE id = $1', [meterId]),
      CHECK,
      'asset_meters_odometer_never_decrease',
    );
    const meter = await one<{ current_run_hours: string; current_odometer: string }>(
      'SELECT current_run_hours, current_odometer FROM asset_meters WHERE id = $1',
      [meterId],
    );
    expect(meter).toEqual({ current_run_hours: '120.00', current_odometer: '2500.0' });
  });

  it('lets an odometer be set for the first time', async () => {
    const assetId = await insertAsset(c, a.tenantId, a.buildingId);
    const meterId = await insertAssetMeter(c, a.tenantId, assetId);
    await c.query('UPDATE asset_meters SET current_odometer = 10 WHERE id = $1', [meterId]);
  });

  it('rejects negative meter readings', async () => {
    const assetId = await insertAsset(c, a.tenantId, a.buildingId);
    await expectPgError(
      insertAssetMeter(c, a.tenantId, assetId, { current_run_hours: -1 }),
      CHECK,
      'asset_meters_run_hours_nonnegative',
    );
    await expectPgError(
      insertAssetMeter(c, a.tenantId, assetId, { current_odometer: -1 }),
      CHECK,
      'asset_meters_odometer_nonnegative',
    );
  });
});

describe('unique keys', () => {
  it('allows one SKU per tenant, and the same SKU in another tenant', async () => {
    await insertPart(c, a.tenantId, { sku: 'FLT-OIL-01' });
    await expectPgError(insertPart(c, a.tenantId, { sku: 'FLT-OIL-01' }), UNIQUE, 'parts_sku_key');
    await insertPart(c, b.tenantId, { sku: 'FLT-OIL-01' });
  });

  it.each([
    ['client code', 'client_code', 'PUMP-101', 'asset_identities_client_code_key'],
    ['QR token', 'qr_token', 'qr_0123456789abcdefXYZ', 'asset_identities_qr_token_key'],
    ['manufacturer barcode', 'barcode_manufacturer', 'CAT-3512-SN-998877', 'asset_identities_barcode_key'],
  ])('allows one %s per tenant, and the same one in another tenant', async (_label, column, value, key) => {
    const first = await insertAsset(c, a.tenantId, a.buildingId);
    const second = await insertAsset(c, a.tenantId, a.buildingId);
    const only = { client_code: null, [column]: value };
    await insertAssetIdentity(c, a.tenantId, first, only);
    await expectPgError(insertAssetIdentity(c, a.tenantId, second, only), UNIQUE, key);
    await insertAssetIdentity(c, b.tenantId, b.assetId, only);
  });

  it('allows one stock row per part, warehouse and bin', async () => {
    const partId = await insertPart(c, a.tenantId);
    await insertStock(c, a.tenantId, partId, a.warehouseId, { bin_location: 'B-01' });
    await expectPgError(
      insertStock(c, a.tenantId, partId, a.warehouseId, { bin_location: 'B-01' }),
      UNIQUE,
      'inventory_stock_part_bin_key',
    );
    await insertStock(c, a.tenantId, partId, a.warehouseId, { bin_location: 'B-02' });
    const otherWarehouse = await insertWarehouse(c, a.tenantId, a.siteId);
    await insertStock(c, a.tenantId, partId, otherWarehouse, { bin_location: 'B-01' });
  });

  it('allows one wallet row per technician and part', async () => {
    const partId = await insertPart(c, a.tenantId);
    await insertWallet(c, a.tenantId, a.technicianId, partId);
    await expectPgError(
      insertWallet(c, a.tenantId, a.technicianId, partId),
      UNIQUE,
      'inventory_wallets_user_part_key',
    );
    const otherTechnician = await insertUser(c, a.tenantId, 'technician');
    await insertWallet(c, a.tenantId, otherTechnician, partId);
  });

  it('allows one daily log per asset and date', async () => {
    const assetId = await insertAsset(c, a.tenantId, a.buildingId);
    await insertDailyLog(c, a.tenantId, assetId, a.supervisorId, { date: '2025-03-01' });
    await expectPgError(
      insertDailyLog(c, a.tenantId, assetId, a.supervisorId, { date: '2025-03-01' }),
      UNIQUE,
      'daily_logs_asset_date_key',
    );
    await insertDailyLog(c, a.tenantId, assetId, a.supervisorId, { date: '2025-03-02' });
  });

  it('allows one gate-pass reference per tenant, and the same one in another tenant', async () => {
    await insertShipment(c, a.tenantId, a.warehouseId, a.buildingId, { gate_pass_ref: 'GP-2025-0001' });
    await expectPgError(
      insertShipment(c, a.tenantId, a.warehouseId, a.buildingId, { gate_pass_ref: 'GP-2025-0001' }),
      UNIQUE,
      'shipments_gate_pass_ref_key',
    );
    await insertShipment(c, b.tenantId, b.warehouseId, b.buildingId, { gate_pass_ref: 'GP-2025-0001' });
  });

  it('keeps an asset on at most one open (loaded or in-transit) movement', async () => {
    const assetId = await insertAsset(c, a.tenantId, a.buildingId);
    const first = await insertMovement(c, a.tenantId, assetId, a.buildingId, a.warehouseId);
    for (const status of ['loaded', 'in_transit']) {
      await expectPgError(
        insertMovement(c, a.tenantId, assetId, a.buildingId, a.warehouseId, { status }),
        UNIQUE,
        'asset_movements_one_open_per_asset',
      );
    }
    await c.query(`UPDATE asset_movements SET status = 'in_transit' WHERE id = $1`, [first]);
    await expectPgError(
      insertMovement(c, a.tenantId, assetId, a.buildingId, a.warehouseId),
      UNIQUE,
      'asset_movements_one_open_per_asset',
    );
    await c.query(`UPDATE asset_movements SET status = 'received', received_at = now() WHERE id = $1`, [
      first,
    ]);
    await insertMovement(c, a.tenantId, assetId, a.warehouseId, a.buildingId);
    await insertMovement(c, a.tenantId, assetId, a.warehouseId, a.buildingId, { status: 'cancelled' });
  });
});

describe('a row of one tenant cannot reference another tenant’s rows', () => {
  it('rejects stock of another tenant’s part', async () => {
    await expectPgError(
      insertStock(c, a.tenantId, b.partId, a.warehouseId),
      FOREIGN_KEY,
      'inventory_stock_part_fk',
    );
  });

  it('rejects stock in another tenant’s warehouse', async () => {
    await expectPgError(
      insertStock(c, a.tenantId, a.partId, b.warehouseId),
      FOREIGN_KEY,
      'inventory_stock_location_fk',
    );
  });

  it('rejects stock in another tenant’s location that is not a warehouse', async () => {
    await expectPgError(
      insertStock(c, a.tenantId, a.partId, b.buildingId),
      FOREIGN_KEY,
      'inventory_stock_location_fk',
    );
  });

  it('rejects an asset in another tenant’s location', async () => {
    await expectPgError(insertAsset(c, a.tenantId, b.buildingId), FOREIGN_KEY, 'assets_location_fk');
  });

  it('rejects an asset component of another tenant’s asset', async () => {
    await expectPgError(
      insertAsset(c, a.tenantId, a.buildingId, { parent_id: b.assetId }),
      FOREIGN_KEY,
      'assets_parent_fk',
    );
  });

  it('rejects a location inside another tenant’s location', async () => {
    await expectPgError(
      insertLocation(c, a.tenantId, 'room', b.buildingId),
      FOREIGN_KEY,
      'locations_parent_fk',
    );
  });

  it('rejects a work order on another tenant’s asset or assigned to another tenant’s user', async () => {
    await expectPgError(insertWorkOrder(c, a.tenantId, b.assetId), FOREIGN_KEY, 'work_orders_asset_fk');
    await expectPgError(
      insertWorkOrder(c, a.tenantId, a.assetId, { assigned_to_user_id: b.technicianId }),
      FOREIGN_KEY,
      'work_orders_assignee_fk',
    );
  });

  it('rejects a wallet of another tenant’s technician or part', async () => {
    await expectPgError(
      insertWallet(c, a.tenantId, b.technicianId, a.partId),
      FOREIGN_KEY,
      'inventory_wallets_user_fk',
    );
    await expectPgError(
      insertWallet(c, a.tenantId, a.technicianId, b.partId),
      FOREIGN_KEY,
      'inventory_wallets_part_fk',
    );
  });

  it('rejects a wallet of another tenant’s user who is not a technician', async () => {
    await expectPgError(
      insertWallet(c, a.tenantId, b.supervisorId, a.partId),
      FOREIGN_KEY,
      'inventory_wallets_user_fk',
    );
  });

  it('rejects a daily log by another tenant’s supervisor', async () => {
    await expectPgError(
      insertDailyLog(c, a.tenantId, a.assetId, b.supervisorId, { date: '2025-04-01' }),
      FOREIGN_KEY,
      'daily_logs_supervisor_fk',
    );
  });

  it('rejects a consumable of another tenant’s part', async () => {
    const woId = await insertWorkOrder(c, a.tenantId, a.assetId);
    await expectPgError(
      insertConsumable(c, a.tenantId, woId, b.partId, a.technicianId),
      FOREIGN_KEY,
      'wo_consumables_part_fk',
    );
  });

  it('rejects a user whose home site belongs to another tenant', async () => {
    await expectPgError(
      insertUser(c, a.tenantId, 'technician', { site_id: b.siteId }),
      FOREIGN_KEY,
      'users_site_fk',
    );
  });

  it('rejects a PM schedule suppressed by another tenant’s schedule', async () => {
    const foreign = await c.query<{ id: string }>(
      `INSERT INTO pm_schedules (tenant_id, asset_id, name, interval_days) VALUES ($1, $2, 'B 250 h', 30) RETURNING id`,
      [b.tenantId, b.assetId],
    );
    await expectPgError(
      c.query(
        `INSERT INTO pm_schedules (tenant_id, asset_id, name, interval_days, suppressed_by_schedule_id)
         VALUES ($1, $2, 'A 250 h', 30, $3)`,
        [a.tenantId, a.assetId, foreign.rows[0]?.id],
      ),
      FOREIGN_KEY,
      'pm_schedules_suppressed_by_fk',
    );
  });

  it('rejects moving an existing row’s reference to another tenant’s row', async () => {
    const assetId = await insertAsset(c, a.tenantId, a.buildingId);
    await expectPgError(
      c.query('UPDATE assets SET location_id = $2 WHERE id = $1', [assetId, b.warehouseId]),
      FOREIGN_KEY,
      'assets_location_fk',
    );
  });
});

describe('stock is held only in warehouses', () => {
  it.each(['site', 'building', 'room', 'area'] as const)('rejects stock in a %s', async (type) => {
    const locationId =
      type === 'site'
        ? a.siteId
        : type === 'building'
          ? a.buildingId
          : await insertLocation(c, a.tenantId, type, a.buildingId);
    const error = await expectPgError(
      insertStock(c, a.tenantId, a.partId, locationId, { bin_location: 'W-01' }),
      CHECK,
      'inventory_stock_location_is_warehouse',
    );
    expect(error.message).toContain(`is a ${type}`);
  });

  it('keeps a stock row the balance of its part, warehouse and bin (stock moves by issue and receipt)', async () => {
    const partId = await insertPart(c, a.tenantId);
    const otherPart = await insertPart(c, a.tenantId);
    const otherWarehouse = await insertWarehouse(c, a.tenantId, a.buildingId);
    const stockId = await insertStock(c, a.tenantId, partId, a.warehouseId);
    for (const [column, value] of [
      ['location_id', a.buildingId],
      ['location_id', otherWarehouse],
      ['part_id', otherPart],
      ['bin_location', 'Z-99'],
    ] as const) {
      const error = await expectPgError(
        c.query(`UPDATE inventory_stock SET ${column} = $2 WHERE id = $1`, [stockId, value]),
        CHECK,
        'inventory_stock_identity_fixed',
      );
      expect(error.message).toContain('cannot change');
    }
    // Its quantity changes as before.
    await c.query('UPDATE inventory_stock SET qty_on_hand = 7 WHERE id = $1', [stockId]);
    const { rows } = await c.query<{ q: string }>(
      'SELECT qty_on_hand::text AS q FROM inventory_stock WHERE id = $1',
      [stockId],
    );
    expect(Number(rows[0]?.q)).toBe(7);
  });

  it('keeps a warehouse that holds stock a warehouse', async () => {
    const warehouseId = await insertWarehouse(c, a.tenantId, a.buildingId);
    await insertStock(c, a.tenantId, a.partId, warehouseId);
    await expectPgError(
      c.query(`UPDATE locations SET type = 'room' WHERE id = $1`, [warehouseId]),
      CHECK,
      'locations_type_parent',
    );
  });
});

describe('wallets are held only by technicians', () => {
  it.each(['admin', 'manager', 'supervisor', 'storekeeper', 'logistics_clerk', 'operator'] as UserRole[])(
    'rejects a wallet for a %s',
    async (role) => {
      const userId = await insertUser(c, a.tenantId, role);
      await expectPgError(
        insertWallet(c, a.tenantId, userId, a.partId),
        CHECK,
        'inventory_wallets_holder_is_technician',
      );
    },
  );

  it('keeps a wallet row with its technician and part (parts are handed over by return and issue)', async () => {
    const partId = await insertPart(c, a.tenantId);
    const otherPart = await insertPart(c, a.tenantId);
    const otherTechnician = await insertUser(c, a.tenantId, 'technician');
    const walletId = await insertWallet(c, a.tenantId, a.technicianId, partId);
    for (const [column, value] of [
      ['user_id', a.storekeeperId],
      ['user_id', otherTechnician],
      ['part_id', otherPart],
    ] as const) {
      await expectPgError(
        c.query(`UPDATE inventory_wallets SET ${column} = $2 WHERE id = $1`, [walletId, value]),
        CHECK,
        'inventory_wallets_identity_fixed',
      );
    }
    await c.query('UPDATE inventory_wallets SET qty_held = 4 WHERE id = $1', [walletId]);
  });
});

describe('asset movements and their shipment', () => {
  it('requires a movement’s gate_pass_ref to match its shipment’s', async () => {
    const assetId = await insertAsset(c, a.tenantId, a.buildingId);
    const shipmentId = await insertShipment(c, a.tenantId, a.buildingId, a.warehouseId, {
      gate_pass_ref: 'GP-MATCH-01',
    });
    await insertShipment(c, a.tenantId, a.buildingId, a.warehouseId, { gate_pass_ref: 'GP-OTHER-01' });
    await expectPgError(
      insertMovement(c, a.tenantId, assetId, a.buildingId, a.warehouseId, {
        shipment_id: shipmentId,
        gate_pass_ref: 'GP-OTHER-01',
      }),
      FOREIGN_KEY,
      'asset_movements_shipment_fk',
    );
    await expectPgError(
      insertMovement(c, a.tenantId, assetId, a.buildingId, a.warehouseId, { shipment_id: shipmentId }),
      CHECK,
      'asset_movements_shipment_has_gate_pass',
    );
    const movementId = await insertMovement(c, a.tenantId, assetId, a.buildingId, a.warehouseId, {
      shipment_id: shipmentId,
      gate_pass_ref: 'GP-MATCH-01',
    });
    // A corrected gate pass on the shipment follows to its movements.
    await c.query(`UPDATE shipments SET gate_pass_ref = 'GP-MATCH-02' WHERE id = $1`, [shipmentId]);
    const movement = await one<{ gate_pass_ref: string }>(
      'SELECT gate_pass_ref FROM asset_movements WHERE id = $1',
      [movementId],
    );
    expect(movement.gate_pass_ref).toBe('GP-MATCH-02');
    await expectPgError(
      c.query(`UPDATE asset_movements SET gate_pass_ref = 'GP-OTHER-01' WHERE id = $1`, [movementId]),
      FOREIGN_KEY,
      'asset_movements_shipment_fk',
    );
  });
});

describe('work orders', () => {
  async function workOrderIn(status: WoStatus): Promise<string> {
    return insertWorkOrder(c, a.tenantId, a.assetId, {
      status,
      closed_at: status === 'closed' ? new Date() : null,
    });
  }

  async function setStatus(woId: string, status: WoStatus): Promise<void> {
    await c.query(
      `UPDATE work_orders SET status = $2::wo_status,
              closed_at = CASE WHEN $2::wo_status = 'closed' THEN now() END,
              cancel_reason = CASE WHEN $2::wo_status = 'cancelled' THEN 'No longer needed' END
        WHERE id = $1`,
      [woId, status],
    );
  }

  it.each([
    ['draft', 'ready'],
    ['draft', 'cancelled'],
    ['ready', 'in_progress'],
    ['ready', 'draft'],
    ['ready', 'cancelled'],
    ['in_progress', 'ready'],
    ['in_progress', 'cancelled'],
    ['in_progress', 'closed'],
  ] as [WoStatus, WoStatus][])('allows %s -> %s', async (from, to) => {
    const woId = await workOrderIn(from);
    await setStatus(woId, to);
    const wo = await one<{ status: string }>('SELECT status FROM work_orders WHERE id = $1', [woId]);
    expect(wo.status).toBe(to);
  });

  it.each([
    ['draft', 'in_progress'],
    ['draft', 'closed'],
    ['ready', 'closed'],
    ['closed', 'in_progress'],
    ['closed', 'ready'],
    ['closed', 'draft'],
    ['closed', 'cancelled'],
    ['cancelled', 'draft'],
    ['cancelled', 'ready'],
    ['cancelled', 'in_progress'],
    ['cancelled', 'closed'],
  ] as [WoStatus, WoStatus][])('forbids %s -> %s', async (from, to) => {
    const woId = await workOrderIn(from);
    const error = await expectPgError(setStatus(woId, to), CHECK, 'work_orders_status_transition');
    expect(error.message).toContain(`from ${from} to ${to}`);
  });

  it('walks the whole life cycle draft -> ready -> in_progress -> closed and stamps started_at', async () => {
    const woId = await workOrderIn('draft');
    await setStatus(woId, 'ready');
    await setStatus(woId, 'in_progress');
    const started = await one<{ started_at: Date | null }>(
      'SELECT started_at FROM work_orders WHERE id = $1',
      [woId],
    );
    expect(started.started_at).toBeInstanceOf(Date);
    await setStatus(woId, 'closed');
  });

  it('cannot close while a mandatory task has no result', async () => {
    const woId = await workOrderIn('in_progress');
    const mandatory = await insertWoTask(c, a.tenantId, woId, { is_mandatory: true });
    await insertWoTask(c, a.tenantId, woId, { is_mandatory: false });
    await expectPgError(setStatus(woId, 'closed'), CHECK, 'work_orders_mandatory_tasks_done');
    await c.query(`UPDATE wo_tasks SET result = 'pass', completed_at = now() WHERE id = $1`, [mandatory]);
    // The optional task still has no result: that does not block closing.
    await setStatus(woId, 'closed');
  });

  it('sets closed_at if and only if the work order is closed', async () => {
    const woId = await workOrderIn('in_progress');
    await expectPgError(
      c.query(`UPDATE work_orders SET status = 'closed' WHERE id = $1`, [woId]),
      CHECK,
      'work_orders_closed_at_iff_closed',
    );
    await expectPgError(
      c.query('UPDATE work_orders SET closed_at = now() WHERE id = $1', [woId]),
      CHECK,
      'work_orders_closed_at_iff_closed',
    );
    await expectPgError(
      insertWorkOrder(c, a.tenantId, a.assetId, { status: 'closed' }),
      CHECK,
      'work_orders_closed_at_iff_closed',
    );
    await expectPgError(
      insertWorkOrder(c, a.tenantId, a.assetId, { status: 'draft', closed_at: new Date() }),
      CHECK,
      'work_orders_closed_at_iff_closed',
    );
  });
});

describe('service requests', () => {
  it('needs a work order to be converted, and only then has one', async () => {
    await expectPgError(
      insertServiceRequest(c, a.tenantId, a.assetId, a.supervisorId, { status: 'converted' }),
      CHECK,
      'service_requests_converted_has_wo',
    );
    const woId = await insertWorkOrder(c, a.tenantId, a.assetId, { origin: 'defect' });
    await expectPgError(
      insertServiceRequest(c, a.tenantId, a.assetId, a.supervisorId, { converted_wo_id: woId }),
      CHECK,
      'service_requests_converted_has_wo',
    );
    const requestId = await insertServiceRequest(c, a.tenantId, a.assetId, a.supervisorId);
    await c.query(
      `UPDATE service_requests SET status = 'converted', converted_wo_id = $2, triaged_at = now() WHERE id = $1`,
      [requestId, woId],
    );
  });

  it('needs a reason to be rejected', async () => {
    for (const reason of [null, '', '   ']) {
      await expectPgError(
        insertServiceRequest(c, a.tenantId, a.assetId, a.supervisorId, {
          status: 'rejected',
          rejection_reason: reason,
        }),
        CHECK,
        'service_requests_rejected_has_reason',
      );
    }
    const requestId = await insertServiceRequest(c, a.tenantId, a.assetId, a.supervisorId);
    await expectPgError(
      c.query(`UPDATE service_requests SET status = 'rejected' WHERE id = $1`, [requestId]),
      CHECK,
      'service_requests_rejected_has_reason',
    );
    await c.query(
      `UPDATE service_requests SET status = 'rejected', rejection_reason = 'Duplicate of an open request',
              triaged_at = now() WHERE id = $1`,
      [requestId],
    );
  });
});

describe('tenant settings', () => {
  it('requires agile_mode to be a boolean when present', async () => {
    for (const value of ['"yes"', '1', 'null', '{}']) {
      await expectPgError(
        insertTenant(c, { settings: `{"agile_mode": ${value}}` }),
        CHECK,
        'tenants_settings_agile_mode_boolean',
      );
    }
    const tenantId = await insertTenant(c, { settings: { agile_mode: true } });
    await insertTenant(c, { settings: {} });
    await expectPgError(
      c.query(`UPDATE tenants SET settings = '{"agile_mode": "on"}' WHERE id = $1`, [tenantId]),
      CHECK,
      'tenants_settings_agile_mode_boolean',
    );
    const tenant = await one<{ settings: unknown }>('SELECT settings FROM tenants WHERE id = $1', [tenantId]);
    expect(tenant.settings).toEqual({ agile_mode: true });
  });

  it('defaults agile_mode to false and requires settings to be an object', async () => {
    const tenantId = await insertTenant(c);
    const tenant = await one<{ settings: unknown }>('SELECT settings FROM tenants WHERE id = $1', [tenantId]);
    expect(tenant.settings).toEqual({ agile_mode: false });
    await expectPgError(insertTenant(c, { settings: '[]' }), CHECK, 'tenants_settings_is_object');
  });
});

describe('enumerations', () => {
  it.each([
    ['users', 'role', 'superhero'],
    ['locations', 'type', 'garage'],
    ['work_orders', 'status', 'done'],
    ['work_orders', 'origin', 'whim'],
    ['work_orders', 'priority', 'critical'],
    ['asset_movements', 'status', 'lost'],
    ['wo_consumables', 'source', 'pocket'],
    ['service_requests', 'status', 'maybe'],
  ])('rejects an unknown %s.%s value (%s)', async (table, column, value) => {
    const error = await expectPgError(
      c.query(`UPDATE ${table} SET ${column} = $1 WHERE false`, [value]),
      INVALID_TEXT,
    );
    expect(error.message).toContain('invalid input value for enum');
  });

  it('rejects an unknown role on insert', async () => {
    await expectPgError(insertUser(c, a.tenantId, 'superhero' as UserRole), INVALID_TEXT);
  });

  it('rejects an unknown work-order status on insert', async () => {
    await expectPgError(insertWorkOrder(c, a.tenantId, a.assetId, { status: 'Closed' }), INVALID_TEXT);
  });
});

describe('a row’s tenant cannot change', () => {
  it.each([
    ['parts', () => a.partId],
    ['assets', () => a.assetId],
    ['locations', () => a.warehouseId],
    ['users', () => a.technicianId],
  ] as [string, () => string][])('rejects moving a %s row to another tenant', async (table, id) => {
    const error = await expectPgError(
      c.query(`UPDATE ${table} SET tenant_id = $2 WHERE id = $1`, [id(), b.tenantId]),
      CHECK,
      `${table}_tenant_immutable`,
    );
    expect(error.message).toContain('cannot move to another tenant');
    const row = await one<{ tenant_id: string }>(`SELECT tenant_id FROM ${table} WHERE id = $1`, [id()]);
    expect(row.tenant_id).toBe(a.tenantId);
  });

  it('rejects changing a tenant’s id', async () => {
    const tenantId = await insertTenant(c);
    const error = await expectPgError(
      c.query('UPDATE tenants SET id = gen_random_uuid() WHERE id = $1', [tenantId]),
      CHECK,
    );
    expect(error.message).toContain('id cannot change');
  });
});
