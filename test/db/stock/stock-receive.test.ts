// stock.receive, the one test file of the operation type: through amms_push (as an enrolled
// station's own login role) the rows it changes and returns, its stock movement history with unit
// costs and supplier references, its audit rows naming the acting user and the station, the
// quarantine bin and rejections that leave everything as it was; queued on a station (a SQLite
// cache in a temporary folder) the payload messages, the checks against the cache with the
// server's codes and messages, and the pending effects; and who may do it, on both sides.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { stockKey } from '../../../src-main/ops/overlay.ts';
import type { SubmitInput } from '../../../src-main/ops/submit.ts';
import { lineOf, receiveOf, useLocalStation } from '../../helpers/local-station.ts';
import {
  bolt,
  buildingId,
  NOW,
  oil,
  otherSiteWarehouseId,
  users,
  warehouseId,
} from '../../helpers/ops-test-ids.ts';
import { usePushFixture } from '../../helpers/push-fixture.ts';
import { describeRoles } from '../../helpers/role-matrix.ts';
import { stockHelpers } from '../../helpers/stock-push.ts';

const t = usePushFixture();
const { op, auditRowsOf, auditSummary, expectActor, expectRejected, expectApplied } = t;
const { newPart, stockQty, movementsOf, auditOf, station, by, receive } = stockHelpers(t);
const s = useLocalStation();
const { submit, expectRefused, effectsOf } = s;

// Through amms_push -------------------------------------------------------------------------------

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

// Queued on the station ---------------------------------------------------------------------------

describe('stock.receive on the station', () => {
  describe('payload validation', () => {
    it.each<[string, SubmitInput, string]>([
      [
        'a zero quantity on line 2',
        receiveOf([lineOf(), lineOf({ qty: 0 })]),
        'Line 2: quantity must be more than zero',
      ],
      ['a negative quantity', receiveOf([lineOf({ qty: -1 })]), 'Line 1: quantity must be more than zero'],
      [
        'a quantity that is text',
        receiveOf([lineOf(), lineOf(), lineOf({ qty: '5' })]),
        'Line 3: quantity must be a number',
      ],
      ['a missing quantity', receiveOf([lineOf({ qty: undefined })]), 'Line 1: quantity must be a number'],
      [
        'too large a quantity',
        receiveOf([lineOf({ qty: 1_000_001 })]),
        'Line 1: quantity must be at most 1,000,000',
      ],
      ['a part that is not an id', receiveOf([lineOf({ part_id: 'BOLT-M8' })]), 'Line 1: part must be an id'],
      [
        'a missing warehouse',
        receiveOf([lineOf({ location_id: undefined })]),
        'Line 1: warehouse must be an id',
      ],
      [
        'a bad bin',
        receiveOf([lineOf(), lineOf({ bin_location: 'A 01' })]),
        'Line 2: bin must be a bin label such as A-01-03',
      ],
      [
        'a missing bin',
        receiveOf([lineOf({ bin_location: undefined })]),
        'Line 1: bin must be a bin label such as A-01-03',
      ],
      ['no lines', receiveOf([]), 'Receipt needs at least one line'],
      [
        '201 lines',
        receiveOf(Array.from({ length: 201 }, () => lineOf())),
        'Receipt can have at most 200 lines',
      ],
      [
        'too long a supplier reference',
        {
          type: 'stock.receive',
          userId: users.storekeeper,
          payload: { lines: [lineOf()], supplier_ref: 'x'.repeat(81) },
        },
        'Supplier reference can be at most 80 characters',
      ],
      [
        'a negative unit cost',
        receiveOf([lineOf({ bin_location: 'A-01', unit_cost: -1 })]),
        'Line 1: unit cost cannot be negative',
      ],
      [
        'a unit cost with 3 decimals',
        receiveOf([lineOf({ bin_location: 'A-01', unit_cost: 1.005 })]),
        'Line 1: unit cost can have at most 2 decimals',
      ],
    ])('%s', (_name, input, message) => {
      expectRefused(input, 'invalid_input', message);
    });
  });

  it('queues the receipt with one pending stock effect per line', () => {
    const queued = submit(
      receiveOf(
        [lineOf({ qty: 7 }), lineOf({ part_id: oil, bin_location: 't-02', qty: 2.5 })],
        users.manager,
      ),
    );
    expect(queued).toEqual({
      opId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      seq: 1,
      type: 'stock.receive',
      summary: 'Receive 7 x BOLT-M8 and 1 more line(s)',
    });
    expect(effectsOf(queued.opId)).toEqual([
      {
        entity: 'stock',
        key: stockKey(bolt, warehouseId, 'A-01-01'),
        delta: 7,
        data: null,
      },
      {
        entity: 'stock',
        key: stockKey(oil, warehouseId, 'T-02'),
        delta: 2.5,
        data: null,
      },
    ]);
    const row = s.cache.reader.prepare('SELECT * FROM outbox WHERE op_id = ?').get(queued.opId);
    expect(row).toMatchObject({
      seq: 1,
      type: 'stock.receive',
      user_id: users.manager,
      summary: 'Receive 7 x BOLT-M8 and 1 more line(s)',
      created_at: NOW.toISOString(),
      status: 'pending',
      attempts: 0,
      reason_code: null,
      reason: null,
      settled: 0,
    });
  });

  it('keeps a client-chosen operation id and refuses to queue it twice', () => {
    const opId = randomUUID();
    expect(submit(receiveOf([lineOf()], users.storekeeper, opId)).opId).toBe(opId);
    expectRefused(
      receiveOf([lineOf()], users.storekeeper, opId),
      'duplicate_operation',
      `Operation ${opId} is already queued.`,
    );
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['an unknown part', { part_id: randomUUID() }, 'unknown_part', 'That part is not in the catalogue.'],
    [
      'an unknown warehouse',
      { location_id: randomUUID() },
      'unknown_location',
      'That warehouse does not exist.',
    ],
    ['a building', { location_id: buildingId }, 'not_a_warehouse', 'BLD-1 is a building, not a warehouse.'],
    [
      "another site's warehouse",
      { location_id: otherSiteWarehouseId },
      'other_site',
      'Warehouse WH-2 belongs to another site.',
    ],
    [
      'half a piece',
      { qty: 1.5 },
      'invalid_quantity',
      'BOLT-M8 is counted in whole pieces; 1.5 is not a whole number.',
    ],
    [
      'four decimals of a litre',
      { part_id: oil, qty: 1.2345 },
      'invalid_quantity',
      'Line 2: the quantity has more than 3 decimals.',
    ],
  ])('refuses %s', (_name, fields, code, message) => {
    expectRefused(receiveOf([lineOf(), lineOf(fields)]), code, message);
  });

  it('refuses to receive into the quarantine bin', () => {
    expectRefused(
      receiveOf([lineOf({ bin_location: 'QUARANTINE' })]),
      'quarantine_bin',
      'Bin QUARANTINE is for defective returns; receive into another bin.',
    );
  });

  it('queues a receipt with unit costs and a supplier reference (no extra effect)', () => {
    const queued = submit({
      type: 'stock.receive',
      userId: users.storekeeper,
      payload: {
        lines: [
          { part_id: bolt, location_id: warehouseId, bin_location: 'A-01-01', qty: 2, unit_cost: 0.45 },
        ],
        supplier_ref: 'PO-7',
      },
    });
    expect(effectsOf(queued.opId)).toEqual([
      { entity: 'stock', key: stockKey(bolt, warehouseId, 'A-01-01'), delta: 2, data: null },
    ]);
  });
});

// Who may do it -----------------------------------------------------------------------------------

describeRoles('stock.receive', {
  push: t,
  envelope: async (userId) => {
    const { partId } = await newPart('piece', { bins: { 'R-01': 5 } });
    return receive(userId, [
      { part_id: partId, location_id: t.fx.a.warehouseId, bin_location: 'R-01', qty: 1 },
    ]);
  },
  station: s,
  input: (userId) => receiveOf([lineOf()], userId),
});
