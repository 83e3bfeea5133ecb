// wo.consume, the one test file of the operation type: through amms_push parts used on a work
// order, from a technician's wallet or from a bin, at the catalogue price at the moment of use;
// work-order states and Agile Mode; technicians book only from their own wallet; history, audit
// rows and rejections; queued on a station the payload messages, the checks against the cache plus
// what is already pending, and the pending effects (a pending consumable on the work order); and
// who may do it, on both sides.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { stockKey, walletKey } from '../../../src-main/ops/overlay.ts';
import type { SubmitInput } from '../../../src-main/ops/submit.ts';
import { insertStock } from '../../helpers/base-fixture.ts';
import { consumeOf, fromBin, issueOf, useLocalStation } from '../../helpers/local-station.ts';
import {
  awayTech,
  bolt,
  oil,
  otherSiteWarehouseId,
  tech2,
  users,
  warehouseId,
  wos,
} from '../../helpers/ops-test-ids.ts';
import { usePushFixture, type Json } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';
import { stockHelpers } from '../../helpers/stock-push.ts';

const t = usePushFixture();
const { expectRejected, expectApplied } = t;
const { newPart, walletQty, movementsOf, auditOf, by, consumeOp, workOrder, setAgileMode } = stockHelpers(t);
const s = useLocalStation();
const { submit, expectRefused, effectsOf, shownStock } = s;

// Through amms_push -------------------------------------------------------------------------------

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

// Queued on the station ---------------------------------------------------------------------------

describe('wo.consume on the station', () => {
  describe('payload validation', () => {
    it.each<[string, SubmitInput, string]>([
      [
        'a consumption without a source',
        consumeOf({ source: undefined }),
        'Source must be "wallet" or "warehouse"',
      ],
      ['an unknown source', consumeOf({ source: 'truck' }), 'Source must be "wallet" or "warehouse"'],
      [
        'a wallet consumption without technician',
        consumeOf({ technician_id: undefined }),
        'Technician must be an id',
      ],
      [
        'a bin consumption without bin',
        consumeOf({ ...fromBin, bin_location: undefined }),
        'Bin must be a bin label such as A-01-03',
      ],
      [
        'a bin consumption without warehouse',
        consumeOf({ ...fromBin, location_id: undefined }),
        'Warehouse must be an id',
      ],
      ['a work order that is not an id', consumeOf({ wo_id: 'WO-1' }), 'Work order must be an id'],
    ])('%s', (_name, input, message) => {
      expectRefused(input, 'invalid_input', message);
    });
  });

  it("drops the other source's fields of a consumption (unknown fields never reach the server)", () => {
    const queued = submit(consumeOf({ location_id: warehouseId, bin_location: 'A-01-01' }));
    expect(s.queuedPayload(queued.opId)).toEqual({
      wo_id: wos.ready,
      part_id: bolt,
      qty: 1,
      source: 'wallet',
      technician_id: users.technician,
    });
  });

  it('queues a consumption from a wallet: the wallet down, a pending consumable on the work order', () => {
    const queued = submit(consumeOf({ part_id: oil, qty: 1.25 }, users.technician));
    expect(queued.summary).toBe("Use 1.25 x OIL-15W40 on WO-READY from Tia Tech's wallet");
    expect(effectsOf(queued.opId)).toEqual([
      { entity: 'wallet', key: walletKey(users.technician, oil), delta: -1.25, data: null },
      {
        entity: 'consumable',
        key: wos.ready,
        delta: 1.25,
        data: {
          wo_id: wos.ready,
          part_id: oil,
          qty: 1.25,
          source: 'wallet',
          technician_id: users.technician,
        },
      },
    ]);
  });

  it('queues a consumption from a bin: the bin down', () => {
    const queued = submit(consumeOf({ ...fromBin, qty: 3 }, users.supervisor));
    expect(queued.summary).toBe('Use 3 x BOLT-M8 on WO-READY from bin A-01-01');
    expect(effectsOf(queued.opId)[0]).toEqual({
      entity: 'stock',
      key: stockKey(bolt, warehouseId, 'A-01-01'),
      delta: -3,
      data: null,
    });
    expect(shownStock(bolt, 'A-01-01')).toBe(5);
  });

  it('takes work orders that are ready or in progress; drafts only with Agile Mode; never closed or cancelled ones', () => {
    submit(consumeOf({ wo_id: wos.ready }));
    submit(consumeOf({ wo_id: wos.in_progress }));
    const draft =
      'Work order WO-DRAFT is still a draft; parts can be booked once it is ready (or with Agile Mode on).';
    expectRefused(consumeOf({ wo_id: wos.draft }), 'wo_not_ready', draft);
    expectRefused(
      consumeOf({ wo_id: wos.closed }),
      'wo_closed',
      'Work order WO-CLOSED is closed; parts can no longer be booked to it.',
    );
    expectRefused(
      consumeOf({ wo_id: wos.cancelled }),
      'wo_closed',
      'Work order WO-CANCELLED is cancelled; parts can no longer be booked to it.',
    );
    s.setAgileMode(true);
    submit(consumeOf({ wo_id: wos.draft }));
    expectRefused(
      consumeOf({ wo_id: wos.closed }),
      'wo_closed',
      'Work order WO-CLOSED is closed; parts can no longer be booked to it.',
    );
  });

  it('lets a technician book only from their own wallet', () => {
    const own = 'Tia Tech (technician) can only book parts from their own wallet.';
    expectRefused(consumeOf({ technician_id: tech2 }, users.technician), 'forbidden', own);
    expectRefused(consumeOf(fromBin, users.technician), 'forbidden', own);
    expect(submit(consumeOf({}, users.technician)).type).toBe('wo.consume');
  });

  it('counts what is already pending for the wallet and the bin', () => {
    submit(consumeOf({ qty: 4 }));
    expectRefused(
      consumeOf({ qty: 2 }),
      'insufficient_wallet',
      'Tia Tech holds only 1 of BOLT-M8; cannot use 2.',
    );
    submit(issueOf({ qty: 5 }));
    expectRefused(
      consumeOf({ ...fromBin, qty: 4 }),
      'insufficient_stock',
      'Only 3 of BOLT-M8 left in bin A-01-01; cannot use 4.',
    );
    expect(submit(consumeOf({ qty: 6 })).type).toBe('wo.consume');
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'an unknown work order',
      { wo_id: randomUUID() },
      'unknown_work_order',
      'That work order does not exist.',
    ],
    [
      'the quarantine bin',
      { ...fromBin, bin_location: 'QUARANTINE' },
      'quarantined',
      'Bin QUARANTINE of WH-1 holds defective parts; they cannot be issued or used.',
    ],
    [
      "another site's warehouse",
      { ...fromBin, location_id: otherSiteWarehouseId },
      'other_site',
      'Warehouse WH-2 belongs to another site.',
    ],
    [
      'a wallet kept at another site',
      { technician_id: awayTech },
      'other_site',
      "Olga Away's wallet is kept at another site.",
    ],
    ['an unknown part', { part_id: randomUUID() }, 'unknown_part', 'That part is not in the catalogue.'],
    [
      'four decimals of a litre',
      { part_id: oil, qty: 0.0005 },
      'invalid_quantity',
      'The quantity has more than 3 decimals.',
    ],
  ])('refuses %s', (_name, fields, code, message) => {
    expectRefused(consumeOf(fields), code, message);
  });
});

// Who may do it -----------------------------------------------------------------------------------

describeRoles('wo.consume', {
  push: t,
  envelope: async (userId) => {
    const { partId } = await newPart('piece', { wallets: { [t.tech]: 5 } });
    return consumeOp(await workOrder('ready'), partId, {}, userId);
  },
  station: s,
  input: (userId) => consumeOf({}, userId),
});
