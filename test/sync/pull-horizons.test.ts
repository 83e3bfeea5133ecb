// Incremental pull on xid8 horizons, against the real PostgreSQL and SQLite: transactions that
// commit out of xid order, multi-row transactions, a transaction that holds the horizon back, and
// deletes. After each case the station's every mirror table equals the server's rows for its
// scope, and every operation it queued was applied exactly once.
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import { pullChanges } from '../../src-main/sync/pull.ts';
import { connectStation } from '../../src-main/sync/server-link.ts';
import {
  captureBaseline,
  expectConverged,
  expectOperationsAppliedOnce,
  expectStationMatchesServer,
  type Station,
} from '../helpers/sync-harness.ts';
import { useSyncWorld } from '../helpers/sync-world.ts';

const world = useSyncWorld();

/** Starts a transaction that owns an xid (so it holds the horizon) and returns that xid. */
async function beginWithXid(client: pg.Client): Promise<number> {
  await client.query('BEGIN');
  const { rows } = await client.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x');
  return Number(rows[0]?.x);
}

function cacheValue(station: Station, table: string, id: string, column: string): unknown {
  return station.cache.reader.prepare(`SELECT "${column}" FROM "${table}" WHERE id = ?`).pluck().get(id);
}

describe('out-of-order commits', () => {
  it('a row written by a lower-xid transaction that commits after a later one was pulled still arrives', async () => {
    const station = await world.syncedStation();
    const [early, late] = station.cache.reader
      .prepare('SELECT id FROM parts ORDER BY id LIMIT 2')
      .pluck()
      .all() as string[];
    if (!early || !late) throw new Error('seed has no parts');
    const t1 = await world.adminClient();
    const t2 = await world.adminClient();
    try {
      const x1 = await beginWithXid(t1);
      const x2 = await beginWithXid(t2);
      expect(x2).toBeGreaterThan(x1);
      await t1.query(`UPDATE parts SET name = 'written by the early transaction' WHERE id = $1`, [early]);
      await t2.query(`UPDATE parts SET name = 'written by the late transaction' WHERE id = $1`, [late]);
      await t2.query('COMMIT');

      await station.syncOnce();
      expect(cacheValue(station, 'parts', late, 'name')).toBe('written by the late transaction');
      expect(cacheValue(station, 'parts', early, 'name')).not.toBe('written by the early transaction');
      // The horizon stays at or below the open transaction, so its rows will be read again.
      expect(station.cache.syncState().cursorXid).toBeLessThanOrEqual(x1);

      await t1.query('COMMIT');
      await station.syncOnce();
      expect(cacheValue(station, 'parts', early, 'name')).toBe('written by the early transaction');
      expect(station.cache.syncState().cursorXid).toBeGreaterThan(x2);
      await expectStationMatchesServer(station);
    } finally {
      await t1.end();
      await t2.end();
    }
  });

  it('a delete by a lower-xid transaction committed after a newer version of the row was pulled removes the row', async () => {
    const station = await world.syncedStation();
    const baseline = await captureBaseline(world, station.file.tenantId);
    const [target, other] = station.stock(1).slice(-2);
    if (!target || !other) throw new Error('seed has no stock at the station site');
    const deleter = await world.adminClient();
    const updater = await world.adminClient();
    try {
      const xDelete = await beginWithXid(deleter);
      const xUpdate = await beginWithXid(updater);
      expect(xUpdate).toBeGreaterThan(xDelete);
      await updater.query('UPDATE inventory_stock SET qty_on_hand = qty_on_hand + 5 WHERE id = $1', [
        target.id,
      ]);
      await updater.query('COMMIT');
      await station.syncOnce();
      // The cache now holds the row stamped with the later xid.
      expect(cacheValue(station, 'inventory_stock', target.id, 'change_xid')).toBe(xUpdate);

      // The transaction with the lower xid deletes that newer version and commits last; its
      // tombstone carries the lower xid.
      await deleter.query('DELETE FROM inventory_stock WHERE id = $1', [target.id]);
      await deleter.query('UPDATE inventory_stock SET qty_on_hand = qty_on_hand + 1 WHERE id = $1', [
        other.id,
      ]);
      await deleter.query('COMMIT');
      await station.syncOnce();
      expect(cacheValue(station, 'inventory_stock', target.id, 'id')).toBeUndefined();
      expect(cacheValue(station, 'inventory_stock', other.id, 'qty_on_hand')).toBe(other.qty_on_hand + 1);
      await expectStationMatchesServer(station);
      await expectOperationsAppliedOnce(world, [station], baseline);
    } finally {
      await deleter.end();
      await updater.end();
    }
  });
});

it('a server transaction that changes several rows is never seen half-applied (no torn transactions)', async () => {
  const watcher = await world.syncedStation();
  const counter = await world.syncedStation();
  const baseline = await captureBaseline(world, watcher.file.tenantId);
  const bin = watcher.stock(40)[0];
  const technician = watcher.technicians()[0];
  if (!bin || !technician) throw new Error('seed has no stock or technician at the station site');
  const walletOf = (): number =>
    (watcher.cache.reader
      .prepare('SELECT qty_held FROM inventory_wallets WHERE user_id = ? AND part_id = ?')
      .pluck()
      .get(technician, bin.part_id) as number | undefined) ?? 0;
  const stockOf = (): number =>
    watcher.cache.reader
      .prepare('SELECT qty_on_hand FROM inventory_stock WHERE id = ?')
      .pluck()
      .get(bin.id) as number;
  const total = stockOf() + walletOf();

  // The other station issues one unit at a time: each is one server transaction that takes from
  // the bin (inventory_stock) and adds to the wallet (inventory_wallets).
  for (let i = 0; i < 30; i++) {
    counter.submit('wallet.issue', {
      part_id: bin.part_id,
      location_id: bin.location_id,
      bin_location: bin.bin_location,
      technician_id: technician,
      qty: 1,
    });
  }
  const pushing = counter.syncOnce();
  const progress = { finished: false };
  void pushing.finally(() => {
    progress.finished = true;
  });
  const link = await connectStation(watcher.file);
  const seen = new Set<number>();
  let pulls = 0;
  try {
    while (!progress.finished || pulls === 0) {
      await pullChanges(link.client, watcher.cache, watcher.file);
      pulls++;
      expect(stockOf() + walletOf(), `bin + wallet after pull ${pulls}`).toBe(total);
      seen.add(walletOf());
    }
    await pushing;
    await pullChanges(link.client, watcher.cache, watcher.file);
  } finally {
    await link.close();
  }
  expect(stockOf()).toBe(bin.qty_on_hand - 30);
  expect(stockOf() + walletOf()).toBe(total);
  console.log(`no torn transactions: ${pulls} pulls during 30 issues saw ${seen.size} distinct states`);
  await counter.syncOnce();
  expect(await expectConverged(world, [watcher, counter], baseline)).toEqual({
    applied: 30,
    rejected: 0,
  });
});

it('a long-running transaction holds the horizon back: pulls keep working, nothing is skipped when it ends', async () => {
  const station = await world.syncedStation();
  const baseline = await captureBaseline(world, station.file.tenantId);
  const [bin, other] = station.stock(1);
  const partId = station.cache.reader
    .prepare('SELECT id FROM parts ORDER BY id DESC LIMIT 1')
    .pluck()
    .get() as string;
  if (!bin || !other) throw new Error('seed has no stock at the station site');
  const long = await world.adminClient();
  try {
    const xLong = await beginWithXid(long);
    for (let round = 1; round <= 3; round++) {
      station.submit('stock.receive', {
        lines: [
          { part_id: bin.part_id, location_id: bin.location_id, bin_location: bin.bin_location, qty: round },
        ],
      });
      await world.admin.query(`UPDATE parts SET name = $2 WHERE id = $1`, [
        partId,
        `renamed in round ${round}`,
      ]);
      const report = await station.syncOnce();
      expect(report.push.applied).toBe(1);
      // Every change committed meanwhile arrives, the operation is settled, and the cursor waits.
      expect(cacheValue(station, 'parts', partId, 'name')).toBe(`renamed in round ${round}`);
      expect(station.shownStock(bin)).toBe(bin.qty_on_hand + (round * (round + 1)) / 2);
      expect(station.cache.syncState().cursorXid).toBeLessThanOrEqual(xLong);
      await expectStationMatchesServer(station);
    }
    // The long transaction finally writes and commits: its row (stamped with the old xid) arrives.
    await long.query('UPDATE inventory_stock SET qty_on_hand = qty_on_hand + 1000 WHERE id = $1', [other.id]);
    await long.query('COMMIT');
    await station.syncOnce();
    expect(cacheValue(station, 'inventory_stock', other.id, 'qty_on_hand')).toBe(other.qty_on_hand + 1000);
    expect(station.cache.syncState().cursorXid).toBeGreaterThan(xLong);
    expect(await expectConverged(world, [station], baseline)).toEqual({
      applied: 3,
      rejected: 0,
    });
  } finally {
    await long.end();
  }
});

it('deletes reach the cache: in scope, out of scope, delete then re-insert of the same id, and a bin deleted under a queued issue', async () => {
  const station = await world.syncedStation();
  const baseline = await captureBaseline(world, station.file.tenantId);
  const bins = station.stock(3);
  const [gone, reborn, issued] = bins.slice(-3);
  const technician = station.technicians()[0];
  if (!gone || !reborn || !issued || !technician)
    throw new Error('seed has too little stock at the station site');
  const log = station.cache.reader
    .prepare('SELECT id FROM daily_logs ORDER BY id LIMIT 1')
    .pluck()
    .get() as string;
  const { rows: outside } = await world.admin.query<{ id: string }>(
    `SELECT s.id FROM inventory_stock s JOIN locations l ON l.id = s.location_id
      WHERE s.tenant_id = $1 AND l.site_id <> $2 LIMIT 1`,
    [station.file.tenantId, station.file.siteId],
  );

  // A queued issue from a bin that is deleted on the server before the push.
  station.submit('wallet.issue', {
    part_id: issued.part_id,
    location_id: issued.location_id,
    bin_location: issued.bin_location,
    technician_id: technician,
    qty: 2,
  });
  expect(station.shownStock(issued)).toBe(issued.qty_on_hand - 2);

  await world.admin.query('DELETE FROM inventory_stock WHERE id = ANY($1::uuid[])', [
    [gone.id, issued.id, outside[0]?.id ?? gone.id],
  ]);
  await world.admin.query('DELETE FROM daily_logs WHERE id = $1', [log]);
  // Deleted and created again with the same id in a later transaction, between two pulls.
  await world.admin.query('DELETE FROM inventory_stock WHERE id = $1', [reborn.id]);
  await world.admin.query(
    `INSERT INTO inventory_stock (id, tenant_id, part_id, location_id, bin_location, qty_on_hand)
     VALUES ($1, $2, $3, $4, $5, 77)`,
    [reborn.id, station.file.tenantId, reborn.part_id, reborn.location_id, reborn.bin_location],
  );
  // Created and deleted between two pulls: never seen.
  const ephemeral = uuidv7();
  await world.admin.query(
    `INSERT INTO inventory_stock (id, tenant_id, part_id, location_id, bin_location, qty_on_hand)
     VALUES ($1, $2, $3, $4, 'EPHEMERAL', 1)`,
    [ephemeral, station.file.tenantId, gone.part_id, gone.location_id],
  );
  await world.admin.query('DELETE FROM inventory_stock WHERE id = $1', [ephemeral]);

  const report = await station.syncOnce();
  expect(report.push.rejections).toHaveLength(1);
  expect(report.push.rejections[0]?.reason).toMatch(/^There is no .+ in bin .+ of .+\.$/);
  expect(cacheValue(station, 'inventory_stock', gone.id, 'id')).toBeUndefined();
  expect(cacheValue(station, 'inventory_stock', issued.id, 'id')).toBeUndefined();
  expect(cacheValue(station, 'daily_logs', log, 'id')).toBeUndefined();
  expect(cacheValue(station, 'inventory_stock', reborn.id, 'qty_on_hand')).toBe(77);
  expect(station.shownStock(issued)).toBe(0);
  expect(await expectConverged(world, [station], baseline)).toEqual({
    applied: 0,
    rejected: 1,
  });
});
