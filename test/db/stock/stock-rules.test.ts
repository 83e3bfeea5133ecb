// Rules every stock operation keeps, through amms_push: quantities per unit for each operation,
// concurrent stations serialising on the same bin or wallet (one wins, the other gets a readable
// reason, no deadlock), and a stock movement history that stations can read but never write.
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { pgErrorOf } from '../../helpers/base-fixture.ts';
import { usePushFixture, type Envelope, type PushResult } from '../../helpers/push-fixture.ts';
import { stockHelpers } from '../../helpers/stock-push.ts';

const t = usePushFixture();
const {
  connect,
  enrolExtraStationA,
  op,
  push,
  businessState,
  expectRejected,
  expectApplied,
  waitUntilBlocked,
  backendPid,
} = t;
const { newPart, stockQty, walletQty, receive, issue, returnOp, consumeOp, countOp, workOrder } =
  stockHelpers(t);

// Quantities -------------------------------------------------------------------------------------------

describe('quantities', () => {
  type Unit = 'piece' | 'litre' | 'metre' | 'kilogram';
  const cases: [string, Unit, unknown, string | null][] = [
    ['a fraction of a piece', 'piece', 1.5, '{sku} is counted in whole pieces; 1.5 is not a whole number.'],
    ['zero', 'piece', 0, '{label} must be more than zero.'],
    ['a negative number', 'litre', -2, '{label} must be more than zero.'],
    ['more than a million', 'litre', 1_000_001, '{label} of 1000001 is more than 1,000,000.'],
    ['more than 3 decimals', 'litre', 1.2345, '{label} has more than 3 decimals.'],
    ['a string', 'piece', '5', '{label} must be a number.'],
    ['a boolean', 'piece', true, '{label} must be a number.'],
    ['null', 'piece', null, '{label} must be a number.'],
    ['nothing', 'piece', undefined, '{label} must be a number.'],
    ['exactly a million', 'litre', 1_000_000, null],
    ['3 decimals', 'kilogram', 0.001, null],
    ['a whole number of pieces', 'piece', 12, null],
  ];

  describe.each([
    ['stock.receive', 'The quantity received'],
    ['wallet.issue', 'The quantity issued'],
  ])('%s', (type, label) => {
    it.each(cases)('%s', async (_name, unit, qty, message) => {
      const { partId, sku } = await newPart(unit, { bins: { 'Q-01': 1_000_000 } });
      const envelope =
        type === 'stock.receive'
          ? receive(t.usersA.storekeeper, [
              { part_id: partId, location_id: t.fx.a.warehouseId, bin_location: 'Q-01', qty },
            ])
          : issue(t.usersA.storekeeper, { part_id: partId, bin_location: 'Q-01', qty });
      if (message === null) {
        await expectApplied(envelope);
        const expected = type === 'stock.receive' ? 1_000_000 + Number(qty) : 1_000_000 - Number(qty);
        expect(await stockQty(partId, 'Q-01')).toBe(expected);
      } else {
        await expectRejected(
          envelope,
          'invalid_quantity',
          message.replace('{label}', label).replace('{sku}', sku),
        );
      }
    });
  });
});

// Quantities per unit ------------------------------------------------------------------------------

describe('quantities per unit', () => {
  const cases: ['piece' | 'litre', unknown, string | null][] = [
    ['piece', 1.5, '{sku} is counted in whole pieces; 1.5 is not a whole number.'],
    ['piece', 0, '{label} must be more than zero.'],
    ['litre', -0.5, '{label} must be more than zero.'],
    ['litre', 1.2345, '{label} has more than 3 decimals.'],
    ['litre', 1_000_001, '{label} of 1000001 is more than 1,000,000.'],
    ['piece', '2', '{label} must be a number.'],
    ['piece', null, '{label} must be a number.'],
    ['litre', 0.125, null],
    ['piece', 2, null],
  ];

  describe.each([
    ['wallet.return', 'The quantity returned'],
    ['wo.consume', 'The quantity used'],
  ])('%s', (type, label) => {
    it.each(cases)('%s: %j', async (unit, qty, message) => {
      const { partId, sku } = await newPart(unit, { wallets: { [t.tech]: 1_000_000 } });
      const wo = await workOrder('ready');
      const envelope = type === 'wallet.return' ? returnOp(partId, { qty }) : consumeOp(wo, partId, { qty });
      if (message === null) {
        await expectApplied(envelope);
        expect(await walletQty(t.tech, partId)).toBe(1_000_000 - Number(qty));
      } else {
        await expectRejected(
          envelope,
          'invalid_quantity',
          message.replace('{label}', label).replace('{sku}', sku),
        );
      }
    });
  });
});

// Concurrency --------------------------------------------------------------------------------------

/** A second station at tenant A's site (its own login role). */
let counter2: pg.Client;

beforeAll(async () => {
  counter2 = await connect((await enrolExtraStationA('counter-2')).url);
});

/**
 * Station A pushes `first` in an open transaction, the second station of the site pushes `second`,
 * which must wait for A's row locks; then A commits.
 */
async function race(first: Envelope, second: Envelope): Promise<[PushResult, PushResult]> {
  const pid = await backendPid(counter2);
  await t.stationA.query('BEGIN');
  let one: PushResult;
  let pending: Promise<PushResult>;
  try {
    one = await push(t.stationA, first);
    pending = push(counter2, second);
    await waitUntilBlocked(pid);
  } finally {
    await t.stationA.query('COMMIT');
  }
  return [one, await pending];
}

describe('concurrent stations', () => {
  it('two returns of the last parts of a wallet serialise: one applied, one rejected with a readable reason', async () => {
    const { partId, sku } = await newPart('piece', { wallets: { [t.tech]: 3 } });
    const [one, two] = await race(
      returnOp(partId, { qty: 3 }),
      returnOp(partId, { bin_location: 'R-02', qty: 2 }),
    );
    expect(one).toMatchObject({ outcome: 'applied' });
    expect(two).toMatchObject({
      outcome: 'rejected',
      code: 'insufficient_wallet',
      reason: `Tia Tech holds no ${sku}; cannot return 2.`,
    });
    expect(await walletQty(t.tech, partId)).toBe(0);
    expect(await stockQty(partId, 'R-02')).toBeNull();
  });

  it('a consumption waits for a return of the same wallet and sees what is left', async () => {
    const { partId, sku } = await newPart('piece', { wallets: { [t.tech]: 4 } });
    const wo = await workOrder('in_progress');
    const [one, two] = await race(returnOp(partId, { qty: 3 }), consumeOp(wo, partId, { qty: 2 }));
    expect(one).toMatchObject({ outcome: 'applied' });
    expect(two).toMatchObject({
      outcome: 'rejected',
      reason: `Tia Tech holds only 1 of ${sku}; cannot use 2.`,
    });
  });

  it('two consumptions from the last parts of a bin: one applied, one rejected', async () => {
    const { partId, sku } = await newPart('piece', { bins: { 'W-09': 2 } });
    const wo = await workOrder('ready');
    const fromBin = {
      source: 'warehouse',
      location_id: t.fx.a.warehouseId,
      bin_location: 'W-09',
      technician_id: undefined,
    };
    const [one, two] = await race(
      consumeOp(wo, partId, { ...fromBin, qty: 2 }),
      consumeOp(wo, partId, { ...fromBin, qty: 1 }),
    );
    expect(one).toMatchObject({ outcome: 'applied' });
    expect(two).toMatchObject({
      outcome: 'rejected',
      reason: `Only 0 of ${sku} left in bin W-09; cannot use 1.`,
    });
  });

  it('an issue and a return crossing between the same bin and wallet do not deadlock: both apply', async () => {
    const { partId } = await newPart('piece', { bins: { 'X-01': 5 }, wallets: { [t.tech]: 5 } });
    const issue = op('wallet.issue', t.keeper, {
      part_id: partId,
      location_id: t.fx.a.warehouseId,
      bin_location: 'X-01',
      technician_id: t.tech,
      qty: 2,
    });
    const [one, two] = await race(issue, returnOp(partId, { bin_location: 'X-01', qty: 4 }));
    expect([one.outcome, two.outcome]).toEqual(['applied', 'applied']);
    expect(await stockQty(partId, 'X-01')).toBe(7);
    expect(await walletQty(t.tech, partId)).toBe(3);
  });

  it('a count waits for an issue from the same bin and then sets the bin to the counted quantity', async () => {
    const { partId } = await newPart('piece', { bins: { 'X-02': 5 } });
    const issue = op('wallet.issue', t.keeper, {
      part_id: partId,
      location_id: t.fx.a.warehouseId,
      bin_location: 'X-02',
      technician_id: t.tech,
      qty: 2,
    });
    const [, count] = await race(issue, countOp(partId, { bin_location: 'X-02', counted_qty: 4 }));
    expect(count).toMatchObject({ outcome: 'applied', result: { qty_before: 3, qty_delta: 1 } });
    expect(await stockQty(partId, 'X-02')).toBe(4);
  });
});

// The history is read-only for stations -------------------------------------------------------------

describe('stock_movements', () => {
  it("stations read their own tenant's movements only", async () => {
    const { rows } = await t.su.query<{ tenant_id: string; n: number }>(
      'SELECT tenant_id::text, count(*)::int AS n FROM stock_movements GROUP BY tenant_id',
    );
    expect(rows).toEqual([{ tenant_id: t.fx.a.tenantId, n: expect.any(Number) as unknown }]);
    const seenByA = await t.stationA.query('SELECT 1 FROM stock_movements');
    expect(seenByA.rowCount).toBe(rows[0]?.n);
    expect((await t.stationB.query('SELECT 1 FROM stock_movements')).rowCount).toBe(0);
  });

  it.each([
    [
      'INSERT',
      `INSERT INTO stock_movements (tenant_id, op_id, station_id, movement_type, part_id, location_id, bin_location,
         qty_delta, qty_after, reason, performed_by_user_id)
       SELECT tenant_id, op_id, station_id, 'adjust', part_id, location_id, bin_location, 100, 100, 'x', performed_by_user_id
         FROM stock_movements LIMIT 1`,
    ],
    ['UPDATE', 'UPDATE stock_movements SET qty_delta = 0'],
    ['DELETE', 'DELETE FROM stock_movements'],
  ])('stations cannot %s it directly', async (_name, sql) => {
    const before = await businessState();
    const error = await pgErrorOf(t.stationA.query(sql));
    expect({ code: error.code, message: error.message }).toEqual({
      code: '42501',
      message: 'permission denied for table stock_movements',
    });
    expect(await businessState()).toEqual(before);
  });

  it('a movement is never changed, not even by the owner', async () => {
    const error = await pgErrorOf(
      t.su.query(`UPDATE stock_movements SET reason = 'edited' WHERE movement_type = 'adjust'`),
    );
    expect({ code: error.code, message: error.message }).toEqual({
      code: '42501',
      message: 'A stock movement cannot be changed; book a correcting movement (a count) instead',
    });
  });
});
