// wallet.issue, the one test file of the operation type: through amms_push the bin going down and
// the technician's wallet going up, its history and audit rows, only active technicians, never
// from the quarantine bin, and stock that never goes negative; queued on a station the payload
// messages, the checks against the cache plus what is already pending, and the pending effects;
// and who may do it, on both sides.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { stockKey, walletKey } from '../../../src-main/ops/overlay.ts';
import type { SubmitInput } from '../../../src-main/ops/submit.ts';
import { insertUser } from '../../helpers/base-fixture.ts';
import { issueOf, lineOf, receiveOf, useLocalStation } from '../../helpers/local-station.ts';
import {
  bolt,
  oil,
  otherSiteWarehouseId,
  retiredTech,
  users,
  warehouseId,
} from '../../helpers/ops-test-ids.ts';
import { usePushFixture } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';
import { stockHelpers } from '../../helpers/stock-push.ts';

const t = usePushFixture();
const { op, ledgerRows, auditRowsOf, auditSummary, expectActor, expectRejected, expectApplied, codeOf } = t;
const { newPart, stockQty, walletQty, movementsOf, issue } = stockHelpers(t);
const s = useLocalStation();
const { submit, expectRefused, effectsOf } = s;

// Through amms_push -------------------------------------------------------------------------------

describe('wallet.issue', () => {
  it("moves parts from the bin into the technician's wallet and returns both balances", async () => {
    const { partId } = await newPart('piece', { bins: { 'A-02-01': 10 } });
    const stockId = (
      await t.su.query<{ id: string }>('SELECT id::text FROM inventory_stock WHERE part_id = $1', [partId])
    ).rows[0]?.id;
    const first = await expectApplied(
      issue(t.usersA.storekeeper, { part_id: partId, bin_location: 'a-02-01', qty: 4 }),
    );
    expect(first).toEqual({
      stock_id: stockId,
      qty_on_hand: 6,
      technician_id: t.fx.a.technicianId,
      qty_held: 4,
    });
    const second = await expectApplied(
      issue(t.usersA.admin, { part_id: partId, bin_location: 'A-02-01', qty: 6 }),
    );
    expect(second).toEqual({
      stock_id: stockId,
      qty_on_hand: 0,
      technician_id: t.fx.a.technicianId,
      qty_held: 10,
    });
    expect(await stockQty(partId, 'A-02-01')).toBe(0);
    expect(await walletQty(t.fx.a.technicianId, partId)).toBe(10);
  });

  it("adds to the technician's existing wallet row", async () => {
    // The fixture's technician holds 5 L of OIL-A; the warehouse bin A-01 holds 40 L.
    const before = await walletQty(t.fx.a.technicianId, t.fx.a.partId);
    const onHand = await stockQty(t.fx.a.partId, 'A-01');
    await expectApplied(
      issue(t.usersA.storekeeper, { part_id: t.fx.a.partId, bin_location: 'A-01', qty: 2.5 }),
    );
    expect(await walletQty(t.fx.a.technicianId, t.fx.a.partId)).toBe((before ?? 0) + 2.5);
    expect(await stockQty(t.fx.a.partId, 'A-01')).toBe((onHand ?? 0) - 2.5);
  });

  it('issues only to an active technician', async () => {
    const { partId } = await newPart('piece', { bins: { 'A-03': 10 } });
    await expectRejected(
      issue(t.usersA.storekeeper, {
        part_id: partId,
        bin_location: 'A-03',
        qty: 1,
        technician_id: t.usersA.operator,
      }),
      'not_a_technician',
      `${t.fullNames.get(t.usersA.operator) ?? ''} is a operator; only technicians hold a wallet.`,
    );
    const retired = await insertUser(t.su, t.fx.a.tenantId, 'technician', { is_active: false });
    await expectRejected(
      issue(t.usersA.storekeeper, { part_id: partId, bin_location: 'A-03', qty: 1, technician_id: retired }),
      'unknown_technician',
      'That technician is not an active user.',
    );
    await expectRejected(
      issue(t.usersA.storekeeper, {
        part_id: partId,
        bin_location: 'A-03',
        qty: 1,
        technician_id: randomUUID(),
      }),
      'unknown_technician',
      'That technician is not an active user.',
    );
  });

  it("records the issue: the bin's change and balance, and the wallet's balance", async () => {
    const { partId } = await newPart('litre', { bins: { 'T-01': 10 }, wallets: { [t.tech]: 1.5 } });
    const envelope = op('wallet.issue', t.keeper, {
      part_id: partId,
      location_id: t.fx.a.warehouseId,
      bin_location: 'T-01',
      technician_id: t.tech,
      qty: 2.25,
    });
    await expectApplied(envelope);
    expect(await movementsOf(envelope)).toMatchObject([
      {
        movement_type: 'issue',
        bin_location: 'T-01',
        technician_id: t.tech,
        qty_delta: -2.25,
        qty_after: 7.75,
        wallet_qty_after: 3.75,
        unit_cost: null,
      },
    ]);
  });

  it('never issues from the quarantine bin', async () => {
    const { partId } = await newPart('piece', { bins: { QUARANTINE: 4 } });
    await expectRejected(
      op('wallet.issue', t.keeper, {
        part_id: partId,
        location_id: t.fx.a.warehouseId,
        bin_location: 'QUARANTINE',
        technician_id: t.tech,
        qty: 1,
      }),
      'quarantined',
      `Bin QUARANTINE of ${t.warehouseCode} holds defective parts; they cannot be issued or used.`,
    );
  });
});

describe('stock never goes negative', () => {
  it('refuses to issue more than the bin holds, records the rejection and changes nothing else', async () => {
    const { partId, sku } = await newPart('piece', { bins: { 'A-01-01': 3 } });
    const envelope = issue(t.usersA.storekeeper, { part_id: partId, bin_location: 'A-01-01', qty: 5 });
    await expectRejected(
      envelope,
      'insufficient_stock',
      `Only 3 of ${sku} left in bin A-01-01; cannot issue 5.`,
    );
    expect(await ledgerRows(envelope.op_id)).toEqual([
      {
        tenant_id: t.fx.a.tenantId,
        station_id: t.fx.a.station.id,
        station_seq: envelope.seq,
        op_type: 'wallet.issue',
        user_id: t.usersA.storekeeper,
        outcome: 'rejected',
        reason_code: 'insufficient_stock',
        reason: `Only 3 of ${sku} left in bin A-01-01; cannot issue 5.`,
        result: null,
      },
    ]);
    expect(await stockQty(partId, 'A-01-01')).toBe(3);
    expect(await walletQty(t.fx.a.technicianId, partId)).toBeNull();
  });

  it('lets a bin go to exactly zero, then refuses the next issue', async () => {
    const { partId, sku } = await newPart('litre', { bins: { 'F-01': 2.5 } });
    await expectApplied(issue(t.usersA.storekeeper, { part_id: partId, bin_location: 'F-01', qty: 2.5 }));
    expect(await stockQty(partId, 'F-01')).toBe(0);
    await expectRejected(
      issue(t.usersA.storekeeper, { part_id: partId, bin_location: 'F-01', qty: 0.001 }),
      'insufficient_stock',
      `Only 0 of ${sku} left in bin F-01; cannot issue 0.001.`,
    );
  });

  it('refuses a bin that holds none of the part', async () => {
    const { partId, sku } = await newPart('piece');
    const code = await codeOf(t.fx.a.warehouseId);
    await expectRejected(
      issue(t.usersA.storekeeper, { part_id: partId, bin_location: 'Z-99', qty: 1 }),
      'no_stock',
      `There is no ${sku} in bin Z-99 of ${code}.`,
    );
  });
});

describe('audit trail', () => {
  it('wallet.issue: the stock update and the wallet row', async () => {
    const { partId } = await newPart('piece', { bins: { 'G-03': 5 } });
    const envelope = issue(t.usersA.storekeeper, { part_id: partId, bin_location: 'G-03', qty: 2 });
    await expectApplied(envelope);
    const rows = await auditRowsOf(envelope.op_id);
    expect(auditSummary(rows)).toEqual([
      'insert inventory_wallets',
      'insert stock_movements',
      'update inventory_stock',
    ]);
    expectActor(rows, t.usersA.storekeeper);
    const again = issue(t.usersA.admin, { part_id: partId, bin_location: 'G-03', qty: 1 });
    await expectApplied(again);
    const second = await auditRowsOf(again.op_id);
    expect(auditSummary(second)).toEqual([
      'insert stock_movements',
      'update inventory_stock',
      'update inventory_wallets',
    ]);
    expectActor(second, t.usersA.admin);
  });
});

// Queued on the station ---------------------------------------------------------------------------

describe('wallet.issue on the station', () => {
  describe('payload validation', () => {
    it.each<[string, SubmitInput, string]>([
      ['an issue quantity that is text', issueOf({ qty: 'five' }), 'Quantity must be a number'],
      ['an issue of zero', issueOf({ qty: 0 }), 'Quantity must be more than zero'],
      ['a missing technician', issueOf({ technician_id: undefined }), 'Technician must be an id'],
      [
        'an issue from a bad bin',
        issueOf({ bin_location: 'a 1' }),
        'Bin must be a bin label such as A-01-03',
      ],
    ])('%s', (_name, input, message) => {
      expectRefused(input, 'invalid_input', message);
    });
  });

  it('queues the issue with a stock and a wallet effect', () => {
    const queued = submit(issueOf({ qty: 3, bin_location: 'a-01-01' }));
    expect(queued.summary).toBe('Issue 3 x BOLT-M8 to Tia Tech');
    expect(effectsOf(queued.opId)).toEqual([
      {
        entity: 'stock',
        key: stockKey(bolt, warehouseId, 'A-01-01'),
        delta: -3,
        data: null,
      },
      { entity: 'wallet', key: walletKey(users.technician, bolt), delta: 3, data: null },
    ]);
  });

  it('refuses more than is on hand minus what pending issues already took', () => {
    // 8 on hand; 3 and 2 are issued (pending), so 3 are left.
    submit(issueOf({ qty: 3 }));
    submit(issueOf({ qty: 2 }));
    expectRefused(
      issueOf({ qty: 5 }),
      'insufficient_stock',
      'Only 3 of BOLT-M8 left in bin A-01-01; cannot issue 5.',
    );
    expect(submit(issueOf({ qty: 3 })).type).toBe('wallet.issue');
    expectRefused(
      issueOf({ qty: 1 }),
      'insufficient_stock',
      'Only 0 of BOLT-M8 left in bin A-01-01; cannot issue 1.',
    );
  });

  it('counts a pending receipt into the same bin as available', () => {
    expectRefused(
      issueOf({ qty: 10 }),
      'insufficient_stock',
      'Only 8 of BOLT-M8 left in bin A-01-01; cannot issue 10.',
    );
    submit(receiveOf([lineOf({ qty: 2 })]));
    expect(submit(issueOf({ qty: 10 })).type).toBe('wallet.issue');
  });

  it('refuses a bin that holds none of the part', () => {
    expectRefused(
      issueOf({ bin_location: 'Z-99' }),
      'insufficient_stock',
      'Only 0 of BOLT-M8 left in bin Z-99; cannot issue 1.',
    );
  });

  it('issues the last decimals of a bin exactly (no floating-point shortfall)', () => {
    // 0.3 L on hand: 0.3 - 0.1 - 0.1 is 0.09999999999999998 in floating point.
    for (let i = 0; i < 3; i++) submit(issueOf({ part_id: oil, bin_location: 'T-01', qty: 0.1 }));
    expectRefused(
      issueOf({ part_id: oil, bin_location: 'T-01', qty: 0.001 }),
      'insufficient_stock',
      'Only 0 of OIL-15W40 left in bin T-01; cannot issue 0.001.',
    );
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'a retired technician',
      { technician_id: retiredTech },
      'unknown_technician',
      'That technician is not an active user.',
    ],
    [
      'an unknown technician',
      { technician_id: randomUUID() },
      'unknown_technician',
      'That technician is not an active user.',
    ],
    [
      'a storekeeper as technician',
      { technician_id: users.storekeeper },
      'not_a_technician',
      'Sam Keeper is a storekeeper; only technicians hold a wallet.',
    ],
    [
      "another site's warehouse",
      { location_id: otherSiteWarehouseId },
      'other_site',
      'Warehouse WH-2 belongs to another site.',
    ],
    [
      'half a piece',
      { qty: 0.5 },
      'invalid_quantity',
      'BOLT-M8 is counted in whole pieces; 0.5 is not a whole number.',
    ],
    [
      'four decimals of a litre',
      { part_id: oil, bin_location: 'T-01', qty: 0.0005 },
      'invalid_quantity',
      'The quantity has more than 3 decimals.',
    ],
  ])('refuses %s', (_name, fields, code, message) => {
    expectRefused(issueOf(fields), code, message);
  });

  it('refuses to issue from the quarantine bin', () => {
    expectRefused(
      issueOf({ bin_location: 'quarantine' }),
      'quarantined',
      'Bin QUARANTINE of WH-1 holds defective parts; they cannot be issued or used.',
    );
  });
});

// Who may do it -----------------------------------------------------------------------------------

describeRoles('wallet.issue', {
  push: t,
  envelope: async (userId) => {
    const { partId } = await newPart('piece', { bins: { 'R-01': 5 } });
    return issue(userId, { part_id: partId, bin_location: 'R-01', qty: 1 });
  },
  station: s,
  input: (userId) => issueOf({}, userId),
});
