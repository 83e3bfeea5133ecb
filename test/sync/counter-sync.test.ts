// The storekeeper's counter end to end: two stations of one site, offline, each queue a mixed
// day's work (receipts with unit costs, issues, a defective return into quarantine, consumption on
// a work order from a wallet and from a bin, cycle counts), racing for the last units of one bin.
// After both sync: the race has one winner and one readable rejection shown at the losing counter,
// nothing else is lost, every mirror table (the site's stock movement history included) equals the
// server's rows for the station's scope, and every operation was applied exactly once.
import { expect, it } from 'vitest';
import { QUARANTINE_BIN } from '../../src-preload/contract/stock/operations.ts';
import {
  captureBaseline,
  expectConverged,
  expectStationMatchesServer,
  outbox,
  type Station,
  type StockRow,
} from '../helpers/sync-harness.ts';
import { useSyncWorld } from '../helpers/sync-world.ts';

const world = useSyncWorld();

const binOf = (row: StockRow) => ({
  part_id: row.part_id,
  location_id: row.location_id,
  bin_location: row.bin_location,
});

function skuOf(station: Station, partId: string): string {
  return station.cache.reader.prepare('SELECT sku FROM parts WHERE id = ?').pluck().get(partId) as string;
}

interface HistoryRow {
  movement_type: string;
  bin_location: string | null;
  technician_id: string | null;
  qty_delta: number;
}

function historyOf(station: Station, opId: string): HistoryRow[] {
  return station.cache.reader
    .prepare(
      'SELECT movement_type, bin_location, technician_id, qty_delta FROM stock_movements WHERE op_id = ? ORDER BY bin_location',
    )
    .all(opId) as HistoryRow[];
}

it('two offline counters with a mixed queue converge: one race lost with a readable reason, nothing else lost', async () => {
  const first = await world.syncedStation();
  const second = await world.syncedStation();
  const [contested, received, counted, recounted] = first.stock(4);
  const [techA, techB] = first.technicians();
  if (!contested || !received || !counted || !recounted || !techA || !techB)
    throw new Error('need four stock rows and two technicians at the station site');
  const workOrder = first.cache.reader
    .prepare(`SELECT id FROM work_orders WHERE status IN ('ready', 'in_progress') ORDER BY id LIMIT 1`)
    .pluck()
    .get() as string | undefined;
  const held = first.cache.reader
    .prepare(
      `SELECT w.part_id, w.qty_held FROM inventory_wallets w JOIN parts p ON p.id = w.part_id
        WHERE w.user_id = ? AND p.unit = 'piece' AND w.qty_held >= 3 ORDER BY w.qty_held DESC, w.part_id LIMIT 1`,
    )
    .get(techB) as { part_id: string; qty_held: number } | undefined;
  if (!workOrder || !held) throw new Error('need an open work order and a wallet of the second technician');
  await world.admin.query('UPDATE inventory_stock SET qty_on_hand = 3 WHERE id = $1', [contested.id]);
  await first.syncOnce();
  await second.syncOnce();
  const baseline = await captureBaseline(world, first.file.tenantId);
  const part = contested.part_id;
  const warehouse = contested.location_id;

  // The first counter: issue the contested bin's last 3 to technician A, receive a delivery, take
  // one back as defective, book one on the work order from A's wallet, count a bin.
  const issue = first.submit('wallet.issue', { ...binOf(contested), technician_id: techA, qty: 3 });
  first.submit('stock.receive', {
    lines: [
      { ...binOf(received), qty: 5, unit_cost: 3.2 },
      { part_id: part, location_id: warehouse, bin_location: 'NEW-01', qty: 2 },
    ],
    supplier_ref: 'PO-4711',
  });
  const defective = first.submit('wallet.return', {
    part_id: part,
    technician_id: techA,
    location_id: warehouse,
    qty: 1,
    defective: true,
    note: 'Thread stripped',
  });
  first.submit('wo.consume', {
    wo_id: workOrder,
    part_id: part,
    qty: 1,
    source: 'wallet',
    technician_id: techA,
  });
  first.submit('stock.count', {
    ...binOf(counted),
    counted_qty: counted.qty_on_hand - 2,
    reason: 'Cycle count',
  });
  expect(first.shownStock(contested)).toBe(0);
  const quarantine = { ...binOf(contested), bin_location: QUARANTINE_BIN };
  const quarantined =
    (first.cache.reader
      .prepare(
        'SELECT qty_on_hand FROM inventory_stock WHERE part_id = ? AND location_id = ? AND bin_location = ?',
      )
      .pluck()
      .get(part, warehouse, QUARANTINE_BIN) as number | undefined) ?? 0;
  expect(first.shownStock(quarantine)).toBe(quarantined + 1);

  // The second counter, unaware: book the same last 3 from the bin onto the work order, take back
  // unused parts from technician B, technician B books one from their own wallet, count a bin.
  second.submit('wo.consume', {
    wo_id: workOrder,
    part_id: part,
    qty: 3,
    source: 'warehouse',
    location_id: warehouse,
    bin_location: contested.bin_location,
  });
  second.submit('wallet.return', {
    part_id: held.part_id,
    technician_id: techB,
    location_id: warehouse,
    bin_location: 'RET-01',
    qty: 2,
  });
  second.submit(
    'wo.consume',
    { wo_id: workOrder, part_id: held.part_id, qty: 1, source: 'wallet', technician_id: techB },
    { userId: techB },
  );
  second.submit('stock.count', {
    ...binOf(recounted),
    counted_qty: recounted.qty_on_hand + 1,
    reason: 'Found',
  });
  expect(second.shownStock(contested)).toBe(0);

  const won = await first.syncOnce();
  const lost = await second.syncOnce();
  await first.syncOnce();
  expect(won.push).toMatchObject({ applied: 5, rejected: 0 });
  expect(lost.push).toMatchObject({ applied: 3, rejected: 1 });

  // The rejection shows at the losing counter, with its reason; its effect is gone.
  const reason = `Only 0 of ${skuOf(second, part)} left in bin ${contested.bin_location}; cannot use 3.`;
  expect(lost.push.rejections).toEqual([expect.objectContaining({ type: 'wo.consume', reason })]);
  expect(outbox(second).map((o) => [o.type, o.status, o.reason_code])).toEqual([
    ['wo.consume', 'rejected', 'insufficient_stock'],
    ['wallet.return', 'applied', null],
    ['wo.consume', 'applied', null],
    ['stock.count', 'applied', null],
  ]);
  expect(second.engine.status().rejected).toBe(1);
  expect(second.shownStock(contested)).toBe(0);

  // Both counters now show the site's history, offline too.
  for (const station of [first, second]) {
    expect(historyOf(station, issue.opId)).toEqual([
      { movement_type: 'issue', bin_location: contested.bin_location, technician_id: techA, qty_delta: -3 },
    ]);
    expect(historyOf(station, defective.opId)).toEqual([
      { movement_type: 'return_defective', bin_location: QUARANTINE_BIN, technician_id: techA, qty_delta: 1 },
    ]);
  }

  expect(await expectConverged(world, [first, second], baseline)).toEqual({
    applied: 8,
    rejected: 1,
  });
});

it("a technician moving to another site takes their wallet's history along; the site's bins keep theirs", async () => {
  const station = await world.syncedStation();
  const baseline = await captureBaseline(world, station.file.tenantId);
  const [technician] = station.technicians();
  const workOrder = station.cache.reader
    .prepare(`SELECT id FROM work_orders WHERE status IN ('ready', 'in_progress') ORDER BY id LIMIT 1`)
    .pluck()
    .get() as string | undefined;
  const bin = station.stock(1)[0];
  if (!technician || !workOrder || !bin) throw new Error('need a technician, a work order and stock');
  const { rows } = await world.admin.query<{ id: string; site: string }>(
    `SELECT l.id, u.site_id AS site FROM locations l, users u
      WHERE l.code = 'ACME-MSA' AND u.id = $1`,
    [technician],
  );
  const away = rows[0];
  if (!away) throw new Error('no second site');
  // Technician gets 3 parts, books 1 on the work order, gives 1 back.
  station.submit('wallet.issue', { ...binOf(bin), technician_id: technician, qty: 3 });
  const used = station.submit(
    'wo.consume',
    { wo_id: workOrder, part_id: bin.part_id, qty: 1, source: 'wallet', technician_id: technician },
    { userId: technician },
  );
  const back = station.submit('wallet.return', { ...binOf(bin), technician_id: technician, qty: 1 });
  await station.syncOnce();
  expect(historyOf(station, used.opId)).toEqual([
    { movement_type: 'consume', bin_location: null, technician_id: technician, qty_delta: -1 },
  ]);

  await world.admin.query('UPDATE users SET site_id = $2 WHERE id = $1', [technician, away.id]);
  await station.syncOnce();
  // The wallet-only movement left with the technician; the return stays in the bin's history.
  expect(historyOf(station, used.opId)).toEqual([]);
  expect(historyOf(station, back.opId)).toHaveLength(1);
  await expectStationMatchesServer(station);

  await world.admin.query('UPDATE users SET site_id = $2 WHERE id = $1', [technician, away.site]);
  await station.syncOnce();
  expect(historyOf(station, used.opId)).toHaveLength(1);
  expect(await expectConverged(world, [station], baseline)).toEqual({ applied: 3, rejected: 0 });
});
