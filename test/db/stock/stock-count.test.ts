// stock.count, the one test file of the operation type: through amms_push cycle counts that set a
// bin to the counted quantity and book the difference with a reason (also the quarantine bin, and
// what moved meanwhile), its history, scope and rejections; queued on a station the payload
// messages, the difference to what the counter shows (mirror plus pending) and the pending
// effect; and who may do it, on both sides.
import { describe, expect, it } from 'vitest';
import { stockKey } from '../../../src-main/ops/overlay.ts';
import type { SubmitInput } from '../../../src-main/ops/submit.ts';
import { countOf, issueOf, useLocalStation } from '../../helpers/local-station.ts';
import { bolt, oil, otherSiteWarehouseId, warehouseId } from '../../helpers/ops-test-ids.ts';
import { usePushFixture, type Json } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';
import { stockHelpers } from '../../helpers/stock-push.ts';

const t = usePushFixture();
const { op, expectRejected, expectApplied } = t;
const { newPart, stockQty, movementsOf, auditOf, station, by, countOp } = stockHelpers(t);
const s = useLocalStation();
const { submit, expectRefused, effectsOf, shownStock } = s;

// Through amms_push -------------------------------------------------------------------------------

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

// Queued on the station ---------------------------------------------------------------------------

describe('stock.count on the station', () => {
  describe('payload validation', () => {
    it.each<[string, SubmitInput, string]>([
      ['a count without reason', countOf({ reason: undefined }), 'Reason is required'],
      ['a blank reason', countOf({ reason: '   ' }), 'Reason is required'],
      ['a negative count', countOf({ counted_qty: -1 }), 'Counted quantity cannot be negative'],
      ['a count as text', countOf({ counted_qty: '6' }), 'Counted quantity must be a number'],
    ])('%s', (_name, input, message) => {
      expectRefused(input, 'invalid_input', message);
    });
  });

  it('books the difference to what the counter shows (mirror plus pending), so the bin shows the count', () => {
    submit(issueOf({ qty: 3 })); // 8 - 3 = 5 shown
    const queued = submit(countOf({ counted_qty: 7, reason: ' Found behind the shelf ' }));
    expect(queued.summary).toBe('Count BOLT-M8 in bin A-01-01: 7 (Found behind the shelf)');
    expect(effectsOf(queued.opId)).toEqual([
      {
        entity: 'stock',
        key: stockKey(bolt, warehouseId, 'A-01-01'),
        delta: 2,
        data: { counted_qty: 7, shown_qty: 5 },
      },
    ]);
    expect(shownStock(bolt, 'A-01-01')).toBe(7);
    // What is issued next is checked against the count.
    expectRefused(
      issueOf({ qty: 8 }),
      'insufficient_stock',
      'Only 7 of BOLT-M8 left in bin A-01-01; cannot issue 8.',
    );
  });

  it('counts decimals exactly, a new bin and an empty bin', () => {
    const litres = submit(countOf({ part_id: oil, bin_location: 'T-01', counted_qty: 0.1 }));
    expect(effectsOf(litres.opId)[0]?.delta).toBe(-0.2);
    const found = submit(countOf({ bin_location: 'Z-09', counted_qty: 4 }));
    expect(effectsOf(found.opId)[0]).toMatchObject({ key: stockKey(bolt, warehouseId, 'Z-09'), delta: 4 });
    const empty = submit(countOf({ bin_location: 'Z-10', counted_qty: 0 }));
    expect(effectsOf(empty.opId)[0]).toMatchObject({ delta: 0 });
  });

  it('counts the quarantine bin', () => {
    expect(submit(countOf({ bin_location: 'QUARANTINE', counted_qty: 0, reason: 'Scrapped' })).type).toBe(
      'stock.count',
    );
    expect(shownStock(bolt, 'QUARANTINE')).toBe(0);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'half a piece',
      { counted_qty: 2.5 },
      'invalid_quantity',
      'BOLT-M8 is counted in whole pieces; 2.5 is not a whole number.',
    ],
    [
      'four decimals',
      { part_id: oil, counted_qty: 1.0001 },
      'invalid_quantity',
      'The counted quantity has more than 3 decimals.',
    ],
    [
      "another site's warehouse",
      { location_id: otherSiteWarehouseId },
      'other_site',
      'Warehouse WH-2 belongs to another site.',
    ],
  ])('refuses %s', (_name, fields, code, message) => {
    expectRefused(countOf(fields), code, message);
  });
});

// Who may do it -----------------------------------------------------------------------------------

describeRoles('stock.count', {
  push: t,
  envelope: async (userId) => {
    const { partId } = await newPart('piece', { bins: { 'C-01': 5 } });
    return countOp(partId, { counted_qty: 4 }, userId);
  },
  station: s,
  input: (userId) => countOf({}, userId),
});
