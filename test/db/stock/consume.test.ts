// wo.consume through amms_push: parts used on a work order, from a technician's wallet or from a
// bin, at the catalogue price at the moment of use; work-order states and Agile Mode; technicians
// book only from their own wallet; history, audit rows and rejections.
import { describe, expect, it } from 'vitest';
import { insertStock } from '../../helpers/base-fixture.ts';
import { usePushFixture, type Json } from '../../helpers/push-fixture.ts';
import { stockHelpers } from '../../helpers/stock-push.ts';

const t = usePushFixture();
const { expectRejected, expectApplied } = t;
const { newPart, walletQty, movementsOf, auditOf, by, consumeOp, workOrder, setAgileMode } = stockHelpers(t);

// wo.consume ---------------------------------------------------------------------------------------

describe('wo.consume', () => {
  it('books parts from a wallet at the catalogue price at the moment of use', async () => {
    const { partId } = await newPart('litre', { wallets: { [t.tech]: 5 }, cost: 4 });
    const wo = await workOrder('in_progress');
    await t.su.query('UPDATE parts SET unit_cost = 4.75 WHERE id = $1', [partId]);
    const envelope = consumeOp(wo, partId, { qty: 1.5 }, t.tech);
    const result = await expectApplied(envelope);
    expect(result).toMatchObject({ wo_id: wo, source: 'wallet', cost_at_time: 4.75, qty_held: 3.5 });
    const { rows } = await t.su.query<Json>(
      `SELECT id::text, qty_used::float8 AS qty, cost_at_time::float8 AS cost, source::text, source_user_id::text,
              source_location_id, source_bin, consumed_by_user_id::text
         FROM wo_consumables WHERE wo_id = $1`,
      [wo],
    );
    expect(rows).toEqual([
      {
        id: result.consumable_id,
        qty: 1.5,
        cost: 4.75,
        source: 'wallet',
        source_user_id: t.tech,
        source_location_id: null,
        source_bin: null,
        consumed_by_user_id: t.tech,
      },
    ]);
    // A later price change does not touch what was booked.
    await t.su.query('UPDATE parts SET unit_cost = 9 WHERE id = $1', [partId]);
    expect(
      (await t.su.query('SELECT cost_at_time::float8 AS c FROM wo_consumables WHERE wo_id = $1', [wo])).rows,
    ).toEqual([{ c: 4.75 }]);
    expect(await movementsOf(envelope)).toMatchObject([
      {
        movement_type: 'consume',
        location_id: null,
        bin_location: null,
        technician_id: t.tech,
        wo_id: wo,
        qty_delta: -1.5,
        qty_after: 3.5,
        wallet_qty_after: 3.5,
        unit_cost: 4.75,
        performed_by_user_id: t.tech,
      },
    ]);
    expect(await auditOf(envelope)).toEqual([
      `insert stock_movements ${by(t.tech)}`,
      `insert wo_consumables ${by(t.tech)}`,
      `update inventory_wallets ${by(t.tech)}`,
    ]);
  });

  it('books parts straight from a bin (a storekeeper or a supervisor)', async () => {
    const { partId, sku } = await newPart('piece', { bins: { 'W-01': 5 } });
    const wo = await workOrder('ready');
    const fromBin = {
      source: 'warehouse',
      location_id: t.fx.a.warehouseId,
      bin_location: 'w-01',
      technician_id: undefined,
    };
    const envelope = consumeOp(wo, partId, { ...fromBin, qty: 2 }, t.usersA.supervisor);
    expect(await expectApplied(envelope)).toMatchObject({
      source: 'warehouse',
      qty_on_hand: 3,
      cost_at_time: 2.5,
    });
    expect(await movementsOf(envelope)).toMatchObject([
      { movement_type: 'consume', bin_location: 'W-01', technician_id: null, qty_delta: -2, qty_after: 3 },
    ]);
    await expectApplied(consumeOp(wo, partId, { ...fromBin, qty: 1 }, t.keeper));
    await expectRejected(
      consumeOp(wo, partId, { ...fromBin, qty: 3 }),
      'insufficient_stock',
      `Only 2 of ${sku} left in bin W-01; cannot use 3.`,
    );
    await expectRejected(
      consumeOp(wo, partId, { ...fromBin, bin_location: 'W-99' }),
      'no_stock',
      `There is no ${sku} in bin W-99 of ${t.warehouseCode}.`,
    );
    await insertStock(t.su, t.fx.a.tenantId, partId, t.fx.a.warehouseId, {
      bin_location: 'QUARANTINE',
      qty_on_hand: 5,
    });
    await expectRejected(
      consumeOp(wo, partId, { ...fromBin, bin_location: 'QUARANTINE' }),
      'quarantined',
      `Bin QUARANTINE of ${t.warehouseCode} holds defective parts; they cannot be issued or used.`,
    );
  });

  it('lets a technician book only from their own wallet', async () => {
    const { partId } = await newPart('piece', {
      bins: { 'W-02': 5 },
      wallets: { [t.tech]: 3, [t.tech2]: 3 },
    });
    const wo = await workOrder('in_progress');
    await expectApplied(consumeOp(wo, partId, {}, t.tech));
    await expectRejected(
      consumeOp(wo, partId, { technician_id: t.tech2 }, t.tech),
      'forbidden',
      'Tia Tech (technician) can only book parts from their own wallet.',
    );
    await expectRejected(
      consumeOp(
        wo,
        partId,
        {
          source: 'warehouse',
          location_id: t.fx.a.warehouseId,
          bin_location: 'W-02',
          technician_id: undefined,
        },
        t.tech,
      ),
      'forbidden',
      'Tia Tech (technician) can only book parts from their own wallet.',
    );
    await expectRejected(
      consumeOp(wo, partId, {}, t.usersA.logistics_clerk),
      'forbidden',
      'Lee Clerk (logistics_clerk) is not allowed to do this (wo.consume).',
    );
  });

  it('takes work orders that are ready or in progress, drafts only with Agile Mode, never closed or cancelled ones', async () => {
    const { partId } = await newPart('piece', { wallets: { [t.tech]: 20 } });
    const wos = {
      draft: await workOrder('draft'),
      ready: await workOrder('ready'),
      in_progress: await workOrder('in_progress'),
      closed: await workOrder('closed'),
      cancelled: await workOrder('cancelled'),
    };
    const code = async (id: string): Promise<string> =>
      (await t.su.query<{ code: string }>('SELECT code FROM work_orders WHERE id = $1', [id])).rows[0]
        ?.code ?? '';
    await expectApplied(consumeOp(wos.ready, partId));
    await expectApplied(consumeOp(wos.in_progress, partId));
    const draftReason = `Work order ${await code(wos.draft)} is still a draft; parts can be booked once it is ready (or with Agile Mode on).`;
    await expectRejected(consumeOp(wos.draft, partId), 'wo_not_ready', draftReason);
    for (const status of ['closed', 'cancelled'] as const) {
      await expectRejected(
        consumeOp(wos[status], partId),
        'wo_closed',
        `Work order ${await code(wos[status])} is ${status}; parts can no longer be booked to it.`,
      );
    }
    await setAgileMode(true);
    try {
      await expectApplied(consumeOp(wos.draft, partId));
      await expectRejected(
        consumeOp(wos.closed, partId),
        'wo_closed',
        `Work order ${await code(wos.closed)} is closed; parts can no longer be booked to it.`,
      );
    } finally {
      await setAgileMode(false);
    }
    await expectRejected(consumeOp(wos.draft, partId), 'wo_not_ready', draftReason);
    expect(await walletQty(t.tech, partId)).toBe(17);
  });

  it.each<[string, Json, string, string]>([
    ["another tenant's work order", { wo_id: 'B' }, 'unknown_work_order', 'That work order does not exist.'],
    ['no work order', { wo_id: undefined }, 'missing_field', 'The work order is missing.'],
    ['no source', { source: undefined }, 'missing_field', 'The source is missing.'],
    [
      'an unknown source',
      { source: 'truck' },
      'invalid_field',
      'The source must be "wallet" or "warehouse".',
    ],
    [
      'no technician for a wallet',
      { technician_id: undefined },
      'missing_field',
      'The technician is missing.',
    ],
    [
      'half a piece',
      { qty: 0.5 },
      'invalid_quantity',
      '{sku} is counted in whole pieces; 0.5 is not a whole number.',
    ],
    [
      'more than the wallet holds',
      { qty: 4 },
      'insufficient_wallet',
      'Tia Tech holds only 3 of {sku}; cannot use 4.',
    ],
  ])('refuses %s', async (_name, fields, code, reason) => {
    const { partId, sku } = await newPart('piece', { wallets: { [t.tech]: 3 } });
    const wo = await workOrder('ready');
    const resolved: Json = { ...fields };
    if (fields.wo_id === 'B') resolved.wo_id = t.fx.b.workOrderId;
    await expectRejected(consumeOp(wo, partId, resolved), code, reason.replace('{sku}', sku));
  });
});
