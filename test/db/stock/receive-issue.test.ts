// stock.receive and wallet.issue through amms_push, as an enrolled station's own login role: the
// rows they change and return, their stock movement history and audit rows (naming the acting
// user and the station), unit costs and supplier references, the quarantine bin, stock that never
// goes negative, and rejections that leave everything as it was.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { insertUser } from '../../helpers/base-fixture.ts';
import { usePushFixture } from '../../helpers/push-fixture.ts';
import { stockHelpers } from '../../helpers/stock-push.ts';

const t = usePushFixture();
const { op, ledgerRows, auditRowsOf, auditSummary, expectActor, expectRejected, expectApplied, codeOf } = t;
const { newPart, stockQty, walletQty, movementsOf, auditOf, station, by, receive, issue } = stockHelpers(t);

describe('stock.receive', () => {
  it('adds to an existing bin, creates a new bin row (normalising the label) and returns each line', async () => {
    const { partId, sku } = await newPart('piece', { bins: { 'A-01-01': 3 } });
    const keeper = t.usersA.storekeeper;
    const stockId = randomUUID();
    const envelope = receive(
      keeper,
      [
        { part_id: partId, location_id: t.fx.a.warehouseId, bin_location: 'A-01-01', qty: 7 },
        {
          part_id: partId,
          location_id: t.fx.a.warehouseId,
          bin_location: ' b-02 ',
          qty: 2,
          stock_id: stockId,
        },
      ],
      { supplier_ref: 'PO-1234', note: 'Pallet 1 of 2' },
    );
    const result = await expectApplied(envelope);
    expect(await stockQty(partId, 'A-01-01')).toBe(10);
    expect(await stockQty(partId, 'B-02')).toBe(2);
    const { rows } = await t.su.query<{ id: string; tenant_id: string }>(
      `SELECT id::text, tenant_id::text FROM inventory_stock WHERE part_id = $1 AND bin_location = 'B-02'`,
      [partId],
    );
    expect(rows).toEqual([{ id: stockId, tenant_id: t.fx.a.tenantId }]);
    expect(result).toEqual({
      lines: [
        {
          stock_id: expect.any(String) as unknown,
          part_id: partId,
          sku,
          bin_location: 'A-01-01',
          qty: 7,
          qty_on_hand: 10,
        },
        { stock_id: stockId, part_id: partId, sku, bin_location: 'B-02', qty: 2, qty_on_hand: 2 },
      ],
    });
  });

  it('takes decimals for parts counted in litres', async () => {
    const { partId } = await newPart('litre', { bins: { 'T-01': 1.5 } });
    await expectApplied(
      receive(t.usersA.manager, [
        { part_id: partId, location_id: t.fx.a.warehouseId, bin_location: 'T-01', qty: 0.125 },
      ]),
    );
    expect(await stockQty(partId, 'T-01')).toBe(1.625);
  });

  it.each([
    [{ lines: [] }, 'empty_receipt', 'A receipt needs at least one line.'],
    [{}, 'empty_receipt', 'A receipt needs at least one line.'],
    [{ lines: 'x' }, 'empty_receipt', 'A receipt needs at least one line.'],
  ])('refuses a receipt without lines (%j)', async (payload, code, reason) => {
    await expectRejected(op('stock.receive', t.usersA.storekeeper, payload), code, reason);
  });

  it('refuses more than 200 lines', async () => {
    const line = { part_id: t.fx.a.partId, location_id: t.fx.a.warehouseId, bin_location: 'A-01', qty: 1 };
    await expectRejected(
      receive(
        t.usersA.storekeeper,
        Array.from({ length: 201 }, () => line),
      ),
      'too_many_lines',
      'A receipt can have at most 200 lines.',
    );
  });

  it('refuses a bad bin label, a missing part id and an id that is not a uuid', async () => {
    const w = t.fx.a.warehouseId;
    await expectRejected(
      receive(t.usersA.storekeeper, [
        { part_id: t.fx.a.partId, location_id: w, bin_location: 'A 01', qty: 1 },
      ]),
      'invalid_bin',
      '"A 01" is not a valid bin label.',
    );
    await expectRejected(
      receive(t.usersA.storekeeper, [{ location_id: w, bin_location: 'A-01', qty: 1 }]),
      'missing_field',
      'The part is missing.',
    );
    await expectRejected(
      receive(t.usersA.storekeeper, [{ part_id: 'oil', location_id: w, bin_location: 'A-01', qty: 1 }]),
      'invalid_field',
      'The part is not a valid id.',
    );
  });

  it('is all or nothing: a bad second line leaves the first one unapplied', async () => {
    const { partId } = await newPart('piece', { bins: { 'C-01': 4 } });
    await expectRejected(
      receive(t.usersA.storekeeper, [
        { part_id: partId, location_id: t.fx.a.warehouseId, bin_location: 'C-01', qty: 6 },
        { part_id: partId, location_id: t.fx.a.warehouseId, bin_location: 'C-01', qty: 0 },
      ]),
      'invalid_quantity',
      'The quantity received must be more than zero.',
    );
    expect(await stockQty(partId, 'C-01')).toBe(4);
  });

  it('records each line in the history with its unit cost, the supplier reference and the note', async () => {
    const { partId } = await newPart('piece', { bins: { 'A-01': 3 } });
    const envelope = op('stock.receive', t.keeper, {
      lines: [
        { part_id: partId, location_id: t.fx.a.warehouseId, bin_location: 'a-01', qty: 7, unit_cost: 12.5 },
        { part_id: partId, location_id: t.fx.a.warehouseId, bin_location: 'B-01', qty: 2 },
      ],
      supplier_ref: '  PO-2291 ',
      note: 'Pallet 1 of 2',
    });
    await expectApplied(envelope);
    const common = {
      movement_type: 'receive',
      part_id: partId,
      location_id: t.fx.a.warehouseId,
      technician_id: null,
      wo_id: null,
      wallet_qty_after: null,
      supplier_ref: 'PO-2291',
      reason: 'Pallet 1 of 2',
      performed_by_user_id: t.keeper,
      station_id: station(),
    };
    expect(await movementsOf(envelope)).toEqual([
      { ...common, bin_location: 'A-01', qty_delta: 7, qty_after: 10, unit_cost: 12.5 },
      { ...common, bin_location: 'B-01', qty_delta: 2, qty_after: 2, unit_cost: null },
    ]);
    expect(await auditOf(envelope)).toEqual([
      `insert inventory_stock ${by(t.keeper)}`,
      `insert stock_movements ${by(t.keeper)}`,
      `insert stock_movements ${by(t.keeper)}`,
      `update inventory_stock ${by(t.keeper)}`,
    ]);
  });

  it.each<[string, unknown, string]>([
    ['a negative unit cost', -1, 'The unit cost cannot be negative.'],
    ['a unit cost as text', '12', 'The unit cost must be a number.'],
    ['a unit cost with 3 decimals', 1.125, 'The unit cost has more than 2 decimals.'],
    ['a unit cost over a million', 1_000_001, 'The unit cost of 1000001 is more than 1,000,000.'],
  ])('refuses %s (invalid_cost)', async (_name, cost, reason) => {
    const { partId } = await newPart();
    await expectRejected(
      op('stock.receive', t.keeper, {
        lines: [
          { part_id: partId, location_id: t.fx.a.warehouseId, bin_location: 'A-01', qty: 1, unit_cost: cost },
        ],
      }),
      'invalid_cost',
      reason,
    );
  });

  it('refuses too long a supplier reference and a receipt into the quarantine bin', async () => {
    const { partId } = await newPart();
    const line = { part_id: partId, location_id: t.fx.a.warehouseId, bin_location: 'A-01', qty: 1 };
    await expectRejected(
      op('stock.receive', t.keeper, { lines: [line], supplier_ref: 'x'.repeat(81) }),
      'invalid_field',
      'The supplier reference can be at most 80 characters.',
    );
    await expectRejected(
      op('stock.receive', t.keeper, { lines: [line, { ...line, bin_location: 'quarantine' }] }),
      'quarantine_bin',
      'Bin QUARANTINE is for defective returns; receive into another bin.',
    );
  });
});

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

// Stock never goes negative ----------------------------------------------------------------------------

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

// Audit ----------------------------------------------------------------------------------------------

describe('audit trail', () => {
  it('stock.receive: one audit row per stock row inserted or updated, by the acting user at the station', async () => {
    const { partId } = await newPart('piece', { bins: { 'G-01': 1 } });
    const envelope = receive(t.usersA.manager, [
      { part_id: partId, location_id: t.fx.a.warehouseId, bin_location: 'G-01', qty: 2 },
      { part_id: partId, location_id: t.fx.a.warehouseId, bin_location: 'G-02', qty: 3 },
    ]);
    await expectApplied(envelope);
    const rows = await auditRowsOf(envelope.op_id);
    expect(auditSummary(rows)).toEqual([
      'insert inventory_stock',
      'insert stock_movements',
      'insert stock_movements',
      'update inventory_stock',
    ]);
    expectActor(rows, t.usersA.manager);
    const update = rows.find((r) => r.action === 'update');
    expect(update?.changes).toEqual({ before: { qty_on_hand: 1 }, after: { qty_on_hand: 3 } });
  });

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

  it('a rejected operation leaves no audit row (checked for every rejection above by expectRejected)', async () => {
    const { partId } = await newPart('piece', { bins: { 'G-04': 1 } });
    const envelope = receive(t.usersA.storekeeper, [
      { part_id: partId, location_id: t.fx.a.warehouseId, bin_location: 'G-04', qty: 1 },
      { part_id: partId, location_id: t.fx.a.warehouseId, bin_location: 'G-05', qty: 0.5 },
    ]);
    await expectRejected(envelope, 'invalid_quantity', /is counted in whole pieces/);
    const { rows } = await t.su.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_logs a JOIN op_ledger l ON a.txid = l.txid WHERE l.op_id = $1`,
      [envelope.op_id],
    );
    expect(rows[0]?.n).toBe(0);
  });
});
