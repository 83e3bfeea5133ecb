// The write entry point amms_push(protocol, op) and its ledger, against the real PostgreSQL, called
// as an enrolled station's own login role exactly as the station's push does: exactly once
// (repeats, concurrent pushes on two connections, op ids of other stations), the protocol and the
// operation envelope, and the ledger's tenant isolation. The operations used are examples; each
// domain's operations are tested in test/db/stock and test/db/maintenance.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { pgErrorOf } from '../../helpers/base-fixture.ts';
import { usePushFixture, type PushResult, type Json } from '../../helpers/push-fixture.ts';
import { stockHelpers } from '../../helpers/stock-push.ts';

const t = usePushFixture();
const {
  op,
  push,
  dailyLog,
  businessState,
  ledgerRows,
  auditRowsOf,
  expectRejected,
  expectApplied,
  waitUntilBlocked,
  backendPid,
} = t;
const { newPart, stockQty, walletQty, issue } = stockHelpers(t);

// Exactly once ---------------------------------------------------------------------------------------

describe('exactly once', () => {
  it('returns the stored outcome for a repeated op_id and changes nothing', async () => {
    const { partId } = await newPart('piece', { bins: { 'D-01': 10 } });
    const envelope = issue(t.usersA.storekeeper, { part_id: partId, bin_location: 'D-01', qty: 3 });
    const first = await expectApplied(envelope);
    const before = await businessState();
    // Even with another payload: the op_id decides.
    const again = await push(t.stationA, { ...envelope, payload: { ...(envelope.payload as Json), qty: 9 } });
    expect(again).toEqual({
      op_id: envelope.op_id,
      outcome: 'applied',
      code: null,
      reason: null,
      result: first,
      duplicate: true,
    });
    expect(await businessState()).toEqual(before);
    expect(await stockQty(partId, 'D-01')).toBe(7);
    expect(await ledgerRows(envelope.op_id)).toHaveLength(1);
  });

  it('returns the stored rejection for a repeated rejected op', async () => {
    const { partId, sku } = await newPart('piece', { bins: { 'D-02': 1 } });
    const envelope = issue(t.usersA.storekeeper, { part_id: partId, bin_location: 'D-02', qty: 2 });
    const reason = `Only 1 of ${sku} left in bin D-02; cannot issue 2.`;
    await expectRejected(envelope, 'insufficient_stock', reason);
    // Stock arrives meanwhile; the repeat still gets the stored rejection and applies nothing.
    await t.su.query(`UPDATE inventory_stock SET qty_on_hand = 50 WHERE part_id = $1`, [partId]);
    const before = await businessState();
    expect(await push(t.stationA, envelope)).toEqual({
      op_id: envelope.op_id,
      outcome: 'rejected',
      code: 'insufficient_stock',
      reason,
      result: null,
      duplicate: true,
    });
    expect(await businessState()).toEqual(before);
  });

  it('applies an op pushed on two connections at once only once (the second waits, then gets the stored outcome)', async () => {
    const { partId } = await newPart('piece', { bins: { 'E-01': 10 } });
    const envelope = issue(t.usersA.storekeeper, { part_id: partId, bin_location: 'E-01', qty: 4 });
    const pid2 = await backendPid(t.stationA2);
    await t.stationA.query('BEGIN');
    let second: Promise<PushResult> | undefined;
    try {
      const first = await push(t.stationA, envelope);
      expect(first).toMatchObject({ outcome: 'applied', duplicate: false });
      second = push(t.stationA2, envelope);
      await waitUntilBlocked(pid2);
    } finally {
      await t.stationA.query('COMMIT');
    }
    expect(await second).toMatchObject({ op_id: envelope.op_id, outcome: 'applied', duplicate: true });
    expect(await stockQty(partId, 'E-01')).toBe(6);
    expect(await walletQty(t.fx.a.technicianId, partId)).toBe(4);
    expect(await ledgerRows(envelope.op_id)).toHaveLength(1);
    expect(
      (await auditRowsOf(envelope.op_id)).filter((r) => r.entity_type === 'inventory_stock'),
    ).toHaveLength(1);
  });

  it('records a rejected op pushed on two connections at once once; the second gets it as a duplicate', async () => {
    const { partId, sku } = await newPart('piece', { bins: { 'E-05': 1 } });
    const envelope = issue(t.usersA.storekeeper, { part_id: partId, bin_location: 'E-05', qty: 2 });
    const reason = `Only 1 of ${sku} left in bin E-05; cannot issue 2.`;
    const pid2 = await backendPid(t.stationA2);
    await t.stationA.query('BEGIN');
    let second: Promise<PushResult> | undefined;
    try {
      expect(await push(t.stationA, envelope)).toMatchObject({
        outcome: 'rejected',
        reason,
        duplicate: false,
      });
      second = push(t.stationA2, envelope);
      await waitUntilBlocked(pid2);
    } finally {
      await t.stationA.query('COMMIT');
    }
    expect(await second).toEqual({
      op_id: envelope.op_id,
      outcome: 'rejected',
      code: 'insufficient_stock',
      reason,
      result: null,
      duplicate: true,
    });
    expect(await ledgerRows(envelope.op_id)).toHaveLength(1);
  });

  it('applies once when both connections race without coordination', async () => {
    const { partId } = await newPart('piece', { bins: { 'E-02': 10 } });
    for (let round = 0; round < 5; round++) {
      const envelope = issue(t.usersA.storekeeper, { part_id: partId, bin_location: 'E-02', qty: 1 });
      const results = await Promise.all([push(t.stationA, envelope), push(t.stationA2, envelope)]);
      expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
      expect(results.map((r) => r.duplicate).sort()).toEqual([false, true]);
    }
    expect(await stockQty(partId, 'E-02')).toBe(5);
    expect(await walletQty(t.fx.a.technicianId, partId)).toBe(5);
  });

  it("refuses an op_id that another station already used, and reveals nothing of that station's op", async () => {
    const { partId } = await newPart('piece', { bins: { 'E-03': 10 } });
    const envelope = issue(t.usersA.storekeeper, { part_id: partId, bin_location: 'E-03', qty: 1 });
    await expectApplied(envelope);
    const before = await businessState();
    const error = await pgErrorOf(push(t.stationB, { ...envelope, user_id: t.fx.b.supervisorId }));
    expect({ code: error.code, message: error.message }).toEqual({
      code: '23505',
      message: `Operation id ${envelope.op_id} belongs to another station`,
    });
    expect(await businessState()).toEqual(before);
    expect(await ledgerRows(envelope.op_id)).toMatchObject([{ station_id: t.fx.a.station.id }]);
  });

  it("refuses an op_id that another station is pushing at the same moment (no other station's outcome comes back)", async () => {
    const { partId } = await newPart('piece', { bins: { 'E-04': 10 } });
    const envelope = issue(t.usersA.storekeeper, { part_id: partId, bin_location: 'E-04', qty: 1 });
    const pidB = await backendPid(t.stationB);
    await t.stationA.query('BEGIN');
    let fromB: Promise<unknown> | undefined;
    try {
      expect(await push(t.stationA, envelope)).toMatchObject({ outcome: 'applied' });
      fromB = push(t.stationB, { ...envelope, user_id: t.fx.b.supervisorId }).catch((e: unknown) => e);
      await waitUntilBlocked(pidB);
    } finally {
      await t.stationA.query('COMMIT');
    }
    const error = await fromB;
    expect(error, JSON.stringify(error)).toBeInstanceOf(pg.DatabaseError);
    expect({ code: (error as pg.DatabaseError).code, message: (error as pg.DatabaseError).message }).toEqual({
      code: '23505',
      message: `Operation id ${envelope.op_id} belongs to another station`,
    });
    expect(await ledgerRows(envelope.op_id)).toMatchObject([
      { station_id: t.fx.a.station.id, outcome: 'applied' },
    ]);
  });
});

// Protocol and envelope ---------------------------------------------------------------------------------

describe('protocol and envelope', () => {
  it.each([0, 2, null])(
    'answers protocol %s with outcome incompatible and records nothing',
    async (protocol) => {
      const envelope = dailyLog(t.usersA.supervisor, { date: '2025-07-01' });
      const before = await businessState();
      const result = await push(t.stationA, envelope, protocol);
      expect(result).toEqual({
        outcome: 'incompatible',
        reason: `This server speaks sync protocol 1; the station sent protocol ${protocol ?? ''}. Update the station.`,
      });
      expect(await businessState()).toEqual(before);
      expect(await ledgerRows(envelope.op_id)).toEqual([]);
    },
  );

  it.each([
    [{ op_id: 'x', type: 'wallet.issue', seq: 1, payload: {} }, 'Malformed operation envelope'],
    [{ op_id: randomUUID(), type: 'wallet.issue', seq: 'one', payload: {} }, 'Malformed operation envelope'],
    [
      { op_id: randomUUID(), type: 'wallet.issue', payload: {} },
      'An operation needs op_id, type, seq and an object payload',
    ],
    [
      { type: 'wallet.issue', seq: 1, payload: {} },
      'An operation needs op_id, type, seq and an object payload',
    ],
    [
      { op_id: randomUUID(), seq: 1, payload: {} },
      'An operation needs op_id, type, seq and an object payload',
    ],
    [
      { op_id: randomUUID(), type: 'wallet.issue', seq: 1, payload: [] },
      'An operation needs op_id, type, seq and an object payload',
    ],
  ])('refuses the malformed envelope %j (22023) without recording it', async (envelope, message) => {
    const error = await pgErrorOf(push(t.stationA, envelope));
    expect({ code: error.code, message: error.message }).toEqual({ code: '22023', message });
  });

  it('rejects an operation type the server does not know', async () => {
    await expectRejected(
      op('stock.teleport', t.usersA.admin, { lines: [] }),
      'unknown_operation',
      'The server does not know the operation "stock.teleport". Update the server.',
    );
  });
});

// The ledger's tenant isolation ---------------------------------------------------------------------------

describe('op_ledger visibility', () => {
  it("each station sees its own tenant's ledger rows only", async () => {
    await expectApplied(
      op('daily_log.record', t.fx.b.supervisorId, {
        asset_id: t.fx.b.unitAssetId,
        date: '2025-11-01',
        run_hours_added: 1,
        fuel_liters_added: 0,
      }),
      t.stationB,
    );
    const all = await t.su.query<{ op_id: string; tenant_id: string }>(
      'SELECT op_id::text, tenant_id::text FROM op_ledger ORDER BY op_id',
    );
    const ofTenant = (tenantId: string): string[] =>
      all.rows.filter((r) => r.tenant_id === tenantId).map((r) => r.op_id);
    expect(ofTenant(t.fx.a.tenantId).length).toBeGreaterThan(10);
    expect(ofTenant(t.fx.b.tenantId).length).toBeGreaterThan(0);
    const seen = async (client: pg.Client): Promise<string[]> =>
      (await client.query<{ op_id: string }>('SELECT op_id::text FROM op_ledger ORDER BY op_id')).rows.map(
        (r) => r.op_id,
      );
    expect(await seen(t.stationA)).toEqual(ofTenant(t.fx.a.tenantId));
    expect(await seen(t.stationB)).toEqual(ofTenant(t.fx.b.tenantId));
    const bOp = ofTenant(t.fx.b.tenantId)[0];
    const direct = await t.stationA.query('SELECT * FROM op_ledger WHERE op_id = $1', [bOp]);
    expect(direct.rowCount).toBe(0);
  });
});
