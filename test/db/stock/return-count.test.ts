// wallet.return and stock.count through amms_push: usable returns into a bin and defective ones
// into quarantine, out of usable stock; cycle counts that set a bin to the counted quantity and
// book the difference with a reason; their history and audit rows, scope and rejections.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { insertUser } from '../../helpers/base-fixture.ts';
import { usePushFixture, type Json } from '../../helpers/push-fixture.ts';
import { stockHelpers } from '../../helpers/stock-push.ts';

const t = usePushFixture();
const { op, expectRejected, expectApplied } = t;
const { newPart, stockQty, walletQty, movementsOf, auditOf, station, by, returnOp, countOp } =
  stockHelpers(t);

// wallet.return ------------------------------------------------------------------------------------

describe('wallet.return', () => {
  it('puts unused parts back into a bin (a new row if needed) and takes them out of the wallet', async () => {
    const { partId } = await newPart('piece', { wallets: { [t.tech]: 5 } });
    const envelope = returnOp(partId, { bin_location: ' r-01 ', qty: 3, note: 'Job cancelled' });
    const result = await expectApplied(envelope);
    expect(result).toMatchObject({ bin_location: 'R-01', qty_on_hand: 3, qty_held: 2, defective: false });
    expect(await stockQty(partId, 'R-01')).toBe(3);
    expect(await walletQty(t.tech, partId)).toBe(2);
    expect(await movementsOf(envelope)).toEqual([
      {
        movement_type: 'return',
        part_id: partId,
        location_id: t.fx.a.warehouseId,
        bin_location: 'R-01',
        technician_id: t.tech,
        wo_id: null,
        qty_delta: 3,
        qty_after: 3,
        wallet_qty_after: 2,
        unit_cost: null,
        supplier_ref: null,
        reason: 'Job cancelled',
        performed_by_user_id: t.keeper,
        station_id: station(),
      },
    ]);
    expect(await auditOf(envelope)).toEqual([
      `insert inventory_stock ${by(t.keeper)}`,
      `insert stock_movements ${by(t.keeper)}`,
      `update inventory_wallets ${by(t.keeper)}`,
    ]);
  });

  it('sends defective parts to the QUARANTINE bin, out of usable stock, where they cannot be issued', async () => {
    const { partId, sku } = await newPart('piece', { bins: { 'A-01': 4 }, wallets: { [t.tech]: 2 } });
    const envelope = returnOp(partId, { bin_location: undefined, defective: true, qty: 2 });
    expect(await expectApplied(envelope)).toMatchObject({ bin_location: 'QUARANTINE', defective: true });
    expect(await stockQty(partId, 'QUARANTINE')).toBe(2);
    expect(await stockQty(partId, 'A-01')).toBe(4);
    expect(await movementsOf(envelope)).toMatchObject([
      { movement_type: 'return_defective', bin_location: 'QUARANTINE', qty_delta: 2, wallet_qty_after: 0 },
    ]);
    const { rows } = await t.su.query<{ q: number }>(
      'SELECT qty_on_hand::float8 AS q FROM part_stock_levels WHERE part_id = $1',
      [partId],
    );
    expect(rows).toEqual([{ q: 4 }]);
    await expectRejected(
      op('wallet.issue', t.keeper, {
        part_id: partId,
        location_id: t.fx.a.warehouseId,
        bin_location: 'QUARANTINE',
        technician_id: t.tech2,
        qty: 1,
      }),
      'quarantined',
      `Bin QUARANTINE of ${t.warehouseCode} holds defective parts; they cannot be issued or used.`,
    );
    // Naming the quarantine bin for a defective return is fine; another bin is not.
    await expectRejected(
      returnOp(partId, { defective: true, bin_location: 'a-01' }),
      'quarantine_bin',
      'Defective parts go to bin QUARANTINE, not to A-01.',
    );
    expect(sku).toMatch(/^P/);
  });

  it.each<[string, Json, string, string]>([
    [
      'usable parts into the quarantine bin',
      { bin_location: 'Quarantine' },
      'quarantine_bin',
      'Bin QUARANTINE is for defective parts; mark the return as defective or choose another bin.',
    ],
    ['no bin for usable parts', { bin_location: undefined }, 'invalid_bin', '"" is not a valid bin label.'],
    ['defective as text', { defective: 'yes' }, 'invalid_field', 'Defective must be true or false.'],
    ['a storekeeper as technician', { technician_id: 'keeper' }, 'not_a_technician', ''],
    [
      'a technician whose wallet is kept at another site',
      { technician_id: 'away' },
      'other_site',
      "Olga Away's wallet is kept at another site.",
    ],
    [
      'an unknown technician',
      { technician_id: randomUUID() },
      'unknown_technician',
      'That technician does not exist.',
    ],
    [
      "another site's warehouse",
      { location_id: 'other' },
      'other_site',
      'Warehouse {other} belongs to another site.',
    ],
  ])('refuses %s', async (_name, fields, code, reason) => {
    const { partId } = await newPart('piece', { wallets: { [t.tech]: 5 } });
    const resolved: Json = { ...fields };
    if (fields.technician_id === 'keeper') resolved.technician_id = t.keeper;
    if (fields.technician_id === 'away') resolved.technician_id = t.otherSiteTech;
    if (fields.location_id === 'other') resolved.location_id = t.otherSiteA.warehouseId;
    const otherCode = (
      await t.su.query<{ code: string }>('SELECT code FROM locations WHERE id = $1', [
        t.otherSiteA.warehouseId,
      ])
    ).rows[0]?.code;
    const message =
      code === 'not_a_technician'
        ? 'Sam Keeper is a storekeeper; only technicians hold a wallet.'
        : reason.replace('{other}', otherCode ?? '');
    await expectRejected(returnOp(partId, resolved), code, message);
  });

  it('never takes more out of a wallet than it holds', async () => {
    const { partId, sku } = await newPart('piece', { wallets: { [t.tech]: 2 } });
    await expectRejected(
      returnOp(partId, { qty: 3 }),
      'insufficient_wallet',
      `Tia Tech holds only 2 of ${sku}; cannot return 3.`,
    );
    await expectRejected(
      returnOp(partId, { technician_id: t.tech2, qty: 1 }),
      'insufficient_wallet',
      `Tom Tech holds no ${sku}; cannot return 1.`,
    );
    expect(await walletQty(t.tech, partId)).toBe(2);
  });

  it('takes parts back from a technician who has left (inactive)', async () => {
    const leaver = await insertUser(t.su, t.fx.a.tenantId, 'technician', {
      site_id: t.fx.a.siteId,
      is_active: false,
    });
    const { partId } = await newPart('piece', { wallets: { [leaver]: 2 } });
    await expectApplied(returnOp(partId, { technician_id: leaver, qty: 2 }));
    expect(await walletQty(leaver, partId)).toBe(0);
  });
});

// stock.count --------------------------------------------------------------------------------------

describe('stock.count', () => {
  it('sets the bin to the counted quantity and books the difference with the reason', async () => {
    const { partId } = await newPart('piece', { bins: { 'C-01': 10 } });
    const down = countOp(partId, { counted_qty: 7, reason: ' Damaged in store ' });
    expect(await expectApplied(down)).toMatchObject({
      qty_before: 10,
      counted_qty: 7,
      qty_delta: -3,
      qty_on_hand: 7,
    });
    expect(await movementsOf(down)).toEqual([
      {
        movement_type: 'adjust',
        part_id: partId,
        location_id: t.fx.a.warehouseId,
        bin_location: 'C-01',
        technician_id: null,
        wo_id: null,
        qty_delta: -3,
        qty_after: 7,
        wallet_qty_after: null,
        unit_cost: null,
        supplier_ref: null,
        reason: 'Damaged in store',
        performed_by_user_id: t.keeper,
        station_id: station(),
      },
    ]);
    expect(await auditOf(down)).toEqual([
      `insert stock_movements ${by(t.keeper)}`,
      `update inventory_stock ${by(t.keeper)}`,
    ]);
    await expectApplied(countOp(partId, { counted_qty: 12 }, t.usersA.manager));
    expect(await stockQty(partId, 'C-01')).toBe(12);
    // A count that finds what the system has changes no stock but is recorded.
    const same = countOp(partId, { counted_qty: 12 });
    await expectApplied(same);
    expect(await movementsOf(same)).toMatchObject([{ qty_delta: 0, qty_after: 12 }]);
    expect(await auditOf(same)).toEqual([`insert stock_movements ${by(t.keeper)}`]);
  });

  it('creates the stock row of a bin found to hold parts; a zero count of an unknown bin creates none', async () => {
    const { partId } = await newPart('metre');
    expect(await expectApplied(countOp(partId, { bin_location: 'c-02', counted_qty: 12.5 }))).toMatchObject({
      qty_before: 0,
      qty_delta: 12.5,
    });
    expect(await stockQty(partId, 'C-02')).toBe(12.5);
    const empty = countOp(partId, { bin_location: 'C-03', counted_qty: 0 });
    expect(await expectApplied(empty)).toMatchObject({ stock_id: null, qty_delta: 0 });
    expect(await stockQty(partId, 'C-03')).toBeNull();
    expect(await movementsOf(empty)).toMatchObject([{ movement_type: 'adjust', qty_delta: 0, qty_after: 0 }]);
  });

  it('counts the quarantine bin too (a count to 0 writes scrapped parts off)', async () => {
    const { partId } = await newPart('piece', { bins: { QUARANTINE: 3 } });
    await expectApplied(countOp(partId, { bin_location: 'QUARANTINE', counted_qty: 0, reason: 'Scrapped' }));
    expect(await stockQty(partId, 'QUARANTINE')).toBe(0);
  });

  it('wins over what moved meanwhile: the server books counted minus its quantity when it applies', async () => {
    const { partId } = await newPart('piece', { bins: { 'C-04': 10 } });
    // Another counter issues 4 before the count (made when the bin showed 10) arrives.
    await expectApplied(
      op('wallet.issue', t.keeper, {
        part_id: partId,
        location_id: t.fx.a.warehouseId,
        bin_location: 'C-04',
        technician_id: t.tech,
        qty: 4,
      }),
    );
    const count = countOp(partId, { bin_location: 'C-04', counted_qty: 9 });
    expect(await expectApplied(count)).toMatchObject({ qty_before: 6, qty_delta: 3, qty_on_hand: 9 });
  });

  it.each<[string, Json, string, string]>([
    [
      'no reason',
      { reason: undefined },
      'missing_reason',
      'A count needs a reason (for example "cycle count").',
    ],
    [
      'a blank reason',
      { reason: '   ' },
      'missing_reason',
      'A count needs a reason (for example "cycle count").',
    ],
    ['a reason that is not text', { reason: 5 }, 'invalid_field', 'The reason must be text.'],
    ['a negative count', { counted_qty: -1 }, 'invalid_quantity', 'The counted quantity cannot be negative.'],
    ['a count as text', { counted_qty: '3' }, 'invalid_quantity', 'The counted quantity must be a number.'],
    [
      'half a piece',
      { counted_qty: 2.5 },
      'invalid_quantity',
      '{sku} is counted in whole pieces; 2.5 is not a whole number.',
    ],
    ['a bad bin', { bin_location: 'C 01' }, 'invalid_bin', '"C 01" is not a valid bin label.'],
  ])('refuses %s', async (_name, fields, code, reason) => {
    const { partId, sku } = await newPart('piece', { bins: { 'C-01': 2 } });
    await expectRejected(countOp(partId, fields), code, reason.replace('{sku}', sku));
  });

  it('is for storekeepers, managers and admins only', async () => {
    const { partId } = await newPart('piece', { bins: { 'C-01': 2 } });
    await expectRejected(
      countOp(partId, {}, t.tech),
      'forbidden',
      'Tia Tech (technician) is not allowed to do this (stock.count).',
    );
  });
});
