// wallet.return, the one test file of the operation type: through amms_push usable returns into a
// bin and defective ones into quarantine, out of usable stock, wallets that never go negative,
// its history and audit rows, scope and rejections; queued on a station the payload messages, the
// checks against the cache plus what is already pending, and the pending effects; and who may do
// it, on both sides.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { stockKey, walletKey } from '../../../src-main/ops/overlay.ts';
import type { SubmitInput } from '../../../src-main/ops/submit.ts';
import { insertUser } from '../../helpers/base-fixture.ts';
import { issueOf, returnOf, useLocalStation } from '../../helpers/local-station.ts';
import {
  awayTech,
  bolt,
  leaver,
  oil,
  otherSiteWarehouseId,
  tech2,
  users,
  warehouseId,
} from '../../helpers/ops-test-ids.ts';
import { usePushFixture, type Json } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';
import { stockHelpers } from '../../helpers/stock-push.ts';

const t = usePushFixture();
const { op, expectRejected, expectApplied } = t;
const { newPart, stockQty, walletQty, movementsOf, auditOf, station, by, returnOp } = stockHelpers(t);
const s = useLocalStation();
const { submit, expectRefused, effectsOf } = s;

// Through amms_push -------------------------------------------------------------------------------

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

// Queued on the station ---------------------------------------------------------------------------

describe('wallet.return on the station', () => {
  describe('payload validation', () => {
    it.each<[string, SubmitInput, string]>([
      [
        'a return without a bin (not defective)',
        returnOf({ bin_location: undefined }),
        'Bin must be a bin label such as A-01-03',
      ],
      ['defective as text', returnOf({ defective: 'yes' }), 'Defective must be true or false'],
      ['a return of zero', returnOf({ qty: 0 }), 'Quantity must be more than zero'],
      ['too long a note', returnOf({ note: 'n'.repeat(501) }), 'Note can be at most 500 characters'],
    ])('%s', (_name, input, message) => {
      expectRefused(input, 'invalid_input', message);
    });
  });

  it('queues the return: the bin goes up, the wallet down', () => {
    const queued = submit(returnOf({ qty: 3, bin_location: ' a-01-02 ' }));
    expect(queued.summary).toBe('Return 3 x BOLT-M8 from Tia Tech to bin A-01-02');
    expect(effectsOf(queued.opId)).toEqual([
      { entity: 'stock', key: stockKey(bolt, warehouseId, 'A-01-02'), delta: 3, data: null },
      { entity: 'wallet', key: walletKey(users.technician, bolt), delta: -3, data: null },
    ]);
  });

  it('sends defective parts to the QUARANTINE bin', () => {
    const queued = submit(returnOf({ bin_location: undefined, defective: true, qty: 2 }));
    expect(queued.summary).toBe('Return 2 x BOLT-M8 (defective) from Tia Tech to bin QUARANTINE');
    expect(effectsOf(queued.opId)[0]).toMatchObject({
      key: stockKey(bolt, warehouseId, 'QUARANTINE'),
      delta: 2,
    });
    expect(submit(returnOf({ bin_location: 'quarantine', defective: true })).type).toBe('wallet.return');
  });

  it('counts what is already pending for the wallet', () => {
    // 5 held; 2 more issued (pending) = 7; returns of 4 and 3 use them up.
    submit(issueOf({ qty: 2 }));
    submit(returnOf({ qty: 4 }));
    submit(returnOf({ qty: 3 }));
    expectRefused(returnOf({ qty: 1 }), 'insufficient_wallet', 'Tia Tech holds no BOLT-M8; cannot return 1.');
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'more than held',
      { qty: 6 },
      'insufficient_wallet',
      'Tia Tech holds only 5 of BOLT-M8; cannot return 6.',
    ],
    [
      'a part the technician does not hold',
      { part_id: oil, technician_id: tech2, qty: 1 },
      'insufficient_wallet',
      'Tom Tech holds no OIL-15W40; cannot return 1.',
    ],
    [
      'usable parts into quarantine',
      { bin_location: 'QUARANTINE' },
      'quarantine_bin',
      'Bin QUARANTINE is for defective parts; mark the return as defective or choose another bin.',
    ],
    [
      'defective parts into another bin',
      { defective: true },
      'quarantine_bin',
      'Defective parts go to bin QUARANTINE, not to A-01-02.',
    ],
    [
      'a technician of another site',
      { technician_id: awayTech },
      'other_site',
      "Olga Away's wallet is kept at another site.",
    ],
    [
      'a storekeeper as technician',
      { technician_id: users.storekeeper },
      'not_a_technician',
      'Sam Keeper is a storekeeper; only technicians hold a wallet.',
    ],
    [
      'an unknown technician',
      { technician_id: randomUUID() },
      'unknown_technician',
      'That technician does not exist.',
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
  ])('refuses %s', (_name, fields, code, message) => {
    expectRefused(returnOf(fields), code, message);
  });

  it('takes parts back from a technician who has left', () => {
    expect(submit(returnOf({ technician_id: leaver, qty: 2 })).type).toBe('wallet.return');
  });
});

// Who may do it -----------------------------------------------------------------------------------

describeRoles('wallet.return', {
  push: t,
  envelope: async (userId) => {
    const { partId } = await newPart('piece', { wallets: { [t.tech]: 5 } });
    return returnOp(partId, { bin_location: 'R-02' }, userId);
  },
  station: s,
  input: (userId) => returnOf({}, userId),
});
