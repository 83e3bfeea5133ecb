// Finished business stays finished: a closed or cancelled work order's checklist cannot change,
// and a technician holding parts cannot stop being a technician.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectPgError,
  insertBaseFixture,
  insertWallet,
  insertWorkOrder,
  insertWoTask,
  type BaseFixture,
} from '../helpers/base-fixture.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

let db: TestDatabase;
let c: pg.Client;
let fx: BaseFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  c = new pg.Client({ connectionString: db.url });
  await c.connect();
  fx = await insertBaseFixture(c);
});

afterAll(async () => {
  await c.end();
  await db.drop();
});

async function workOrderWithTask(
  status: 'in_progress' | 'closed' | 'cancelled',
): Promise<{ wo: string; task: string }> {
  const wo = await insertWorkOrder(c, fx.tenantId, fx.assetId, {
    status: 'in_progress',
    started_at: new Date(),
  });
  const task = await insertWoTask(c, fx.tenantId, wo, { is_mandatory: false });
  if (status === 'closed')
    await c.query(`UPDATE work_orders SET status = 'closed', closed_at = now() WHERE id = $1`, [wo]);
  if (status === 'cancelled')
    await c.query(`UPDATE work_orders SET status = 'cancelled', cancel_reason = 'Not needed' WHERE id = $1`, [
      wo,
    ]);
  return { wo, task };
}

describe('a closed or cancelled work order is final', () => {
  it('refuses a new task on a closed work order', async () => {
    const { wo } = await workOrderWithTask('closed');
    await expectPgError(insertWoTask(c, fx.tenantId, wo), '23514', 'wo_tasks_work_order_open');
  });

  it('refuses changing or deleting a task of a cancelled or closed work order', async () => {
    const cancelled = await workOrderWithTask('cancelled');
    await expectPgError(
      c.query(`UPDATE wo_tasks SET result = 'pass', completed_at = now() WHERE id = $1`, [cancelled.task]),
      '23514',
      'wo_tasks_work_order_open',
    );
    const closed = await workOrderWithTask('closed');
    const error = await expectPgError(
      c.query('DELETE FROM wo_tasks WHERE id = $1', [closed.task]),
      '23514',
      'wo_tasks_work_order_open',
    );
    expect(error.message).toMatch(/is closed; its tasks can no longer change/);
  });

  it('still lets the tasks of an open work order change', async () => {
    const open = await workOrderWithTask('in_progress');
    const result = await c.query(`UPDATE wo_tasks SET result = 'pass', completed_at = now() WHERE id = $1`, [
      open.task,
    ]);
    expect(result.rowCount).toBe(1);
  });
});

describe('a technician who holds parts stays a technician', () => {
  it('refuses a role change while the wallet holds parts, and allows it once the wallet is empty', async () => {
    const wallet = await insertWallet(c, fx.tenantId, fx.technicianId, fx.partId, { qty_held: 2 });
    const error = await expectPgError(
      c.query(`UPDATE users SET role = 'storekeeper' WHERE id = $1`, [fx.technicianId]),
      '23514',
      'users_wallet_holder_is_technician',
    );
    expect(error.message).toMatch(/still holds parts in a wallet/);
    await c.query('UPDATE inventory_wallets SET qty_held = 0 WHERE id = $1', [wallet]);
    const changed = await c.query(`UPDATE users SET role = 'storekeeper' WHERE id = $1`, [fx.technicianId]);
    expect(changed.rowCount).toBe(1);
  });
});
