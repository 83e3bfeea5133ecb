// A station that loses its link or dies at the worst moments of a sync: the server committed a
// push the station never heard of; the process killed (SIGKILL, in a child process) between the
// local commit and the push, mid-push, inside a pull before the cursor is saved, and in the
// middle of an initial sync. After each restart the station ends equal to the server for its
// scope and every operation was applied exactly once.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { MirrorBuild } from '../../src-main/cache/mirror-build.ts';
import { MIRROR_SPECS } from '../../src-main/cache/mirror-spec.ts';
import { SITE_SCOPED } from '../../src-main/cache/sync-scope.ts';
import { pushPending } from '../../src-main/sync/push.ts';
import { connectStation } from '../../src-main/sync/server-link.ts';
import { startLinkProxy } from '../helpers/link-proxy.ts';
import {
  captureBaseline,
  expectConverged,
  expectStationMatchesServer,
  outbox,
  type Station,
  type StockRow,
  linkAddress,
  throughProxy,
} from '../helpers/sync-harness.ts';
import { useSyncWorld } from '../helpers/sync-world.ts';

const world = useSyncWorld();

/** Queues receipts and issues on one bin: +3, -2, +4, -1, ... (count operations). */
function queueMixed(station: Station, bin: StockRow, count: number): void {
  const technician = station.technicians()[0];
  if (!technician) throw new Error('no technician at the station site');
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      station.submit('stock.receive', {
        lines: [
          { part_id: bin.part_id, location_id: bin.location_id, bin_location: bin.bin_location, qty: 3 + i },
        ],
      });
    } else {
      station.submit('wallet.issue', {
        part_id: bin.part_id,
        location_id: bin.location_id,
        bin_location: bin.bin_location,
        technician_id: technician,
        qty: 2,
      });
    }
  }
}

async function ledgerCount(opIds: string[]): Promise<number> {
  const { rows } = await world.admin.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM op_ledger WHERE op_id = ANY($1::uuid[])',
    [opIds],
  );
  return rows[0]?.n ?? 0;
}

it('the link cut after the server committed a push and before the station heard back: the retry gets the stored outcome, applied once', async () => {
  const station = await world.syncedStation();
  const baseline = await captureBaseline(world, station.file.tenantId);
  const bin = station.stock(5)[0];
  if (!bin) throw new Error('no stock at the station site');
  const proxy = await startLinkProxy(linkAddress(station.file));
  try {
    station.restart(throughProxy(station.file, proxy.port));
    queueMixed(station, bin, 4);
    const shownBefore = station.shownStock(bin);
    const cut = proxy.cutReplyTo('amms_push', 2);
    await expect(station.syncOnce()).rejects.toThrow(/terminated|ECONNRESET|closed/i);
    await cut;

    const ops = outbox(station);
    expect(ops.map((o) => o.status)).toEqual(['applied', 'pending', 'pending', 'pending']);
    // The server applied the second operation although the station never heard of it.
    expect(await ledgerCount(ops.map((o) => o.op_id))).toBe(2);
    // Nothing was pulled, so the screen still counts each effect once.
    expect(station.shownStock(bin)).toBe(shownBefore);

    const report = await station.syncOnce();
    expect(report.push).toMatchObject({ applied: 3, rejected: 0 });
    expect(outbox(station).map((o) => o.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(station.shownStock(bin)).toBe(shownBefore);
    expect(await expectConverged(world, [station], baseline)).toEqual({
      applied: 4,
      rejected: 0,
    });
  } finally {
    await proxy.close();
  }
});

describe('the station process killed', () => {
  it('between the local commit and the push: the restarted station pushes the queued operations once', async () => {
    const station = await world.syncedStation();
    const baseline = await captureBaseline(world, station.file.tenantId);
    const bin = station.stock(5)[0];
    if (!bin) throw new Error('no stock at the station site');
    queueMixed(station, bin, 3);
    const shown = station.shownStock(bin);
    station.restart();
    expect(outbox(station).map((o) => o.status)).toEqual(['pending', 'pending', 'pending']);
    expect(station.shownStock(bin)).toBe(shown);
    await station.syncOnce();
    expect(station.shownStock(bin)).toBe(shown);
    expect(await expectConverged(world, [station], baseline)).toEqual({
      applied: 3,
      rejected: 0,
    });
  });

  it('mid-push, after the server applied an operation the station had not recorded: the restarted station finishes, each applied once', async () => {
    const station = await world.syncedStation();
    const baseline = await captureBaseline(world, station.file.tenantId);
    const bin = station.stock(5)[0];
    if (!bin) throw new Error('no stock at the station site');
    queueMixed(station, bin, 5);
    const shown = station.shownStock(bin);
    await station.crashDuring('push', 3);

    const ops = outbox(station);
    // The third outcome was being written when the process died: lost locally, kept by the server.
    expect(ops.map((o) => o.status)).toEqual(['applied', 'applied', 'pending', 'pending', 'pending']);
    expect(await ledgerCount(ops.map((o) => o.op_id))).toBe(3);
    expect(station.shownStock(bin)).toBe(shown);

    const report = await station.syncOnce();
    expect(report.push).toMatchObject({ applied: 3, rejected: 0 });
    expect(station.shownStock(bin)).toBe(shown);
    expect(await expectConverged(world, [station], baseline)).toEqual({
      applied: 5,
      rejected: 0,
    });
  });

  it('between applying a pull and saving its cursor: nothing of that pull is kept, the next pull brings it all', async () => {
    const station = await world.syncedStation();
    const baseline = await captureBaseline(world, station.file.tenantId);
    const bin = station.stock(5)[0];
    if (!bin) throw new Error('no stock at the station site');
    const before = station.cache.syncState();
    const partName = `Renamed while the station was pulling ${String(before.cursorXid)}`;
    queueMixed(station, bin, 2);
    // Push only (the outcomes are recorded), then changes on the server for the pull to bring.
    const link = await connectStation(station.file);
    try {
      await pushPending(link.client, station.cache, { batch: 1 });
    } finally {
      await link.close();
    }
    await world.admin.query('UPDATE parts SET name = $1 WHERE id = $2', [partName, bin.part_id]);
    await world.admin.query(
      'UPDATE inventory_stock SET qty_on_hand = qty_on_hand + 10 WHERE id <> $1 AND id IN (SELECT id FROM inventory_stock WHERE location_id = $2 LIMIT 3)',
      [bin.id, bin.location_id],
    );

    // Dies after the second table with changes was written into the open transaction.
    await station.crashDuring('pull', 2);
    const after = station.cache.syncState();
    expect(after.cursorXid).toBe(before.cursorXid);
    expect(after.pullGeneration).toBe(before.pullGeneration);
    expect(
      station.cache.reader.prepare('SELECT name FROM parts WHERE id = ?').pluck().get(bin.part_id),
    ).not.toBe(partName);
    expect(outbox(station).map((o) => [o.status, o.settled])).toEqual([
      ['applied', 0],
      ['applied', 0],
    ]);

    await station.syncOnce();
    expect(station.cache.reader.prepare('SELECT name FROM parts WHERE id = ?').pluck().get(bin.part_id)).toBe(
      partName,
    );
    expect(await expectConverged(world, [station], baseline)).toEqual({
      applied: 2,
      rejected: 0,
    });
  });
});

describe('an interrupted initial sync', () => {
  it('killed mid-table resumes from the saved last id, loads no row twice and ends identical to the server', async () => {
    const station = await world.enroll();
    // 100-row pages; dies while the third page of inventory_stock is being written.
    await station.crashDuring('initial', 3, 100);
    const shown = station.cache.syncState();
    expect(shown.cursorXid).toBeNull();
    expect(shown.initialTable).toBe('inventory_stock');
    // The rows went to the side file; station.db is untouched but for the progress it shows.
    expect(Object.values(station.cache.mirrorCounts()).every((n) => n === 0)).toBe(true);
    const build = MirrorBuild.resume(station.cache.dir);
    if (!build) throw new Error('the side file was not kept');
    const saved = build.state();
    const counts = build.counts();
    build.close();
    expect(saved).toMatchObject({ phase: 'loading', table: 'inventory_stock' });
    expect(counts.inventory_stock).toBe(200);
    const lastId = saved.lastId;
    if (!lastId) throw new Error('no resume point was saved');
    const loaded = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(saved.rowsDone).toBe(loaded);
    expect(shown.initialRowsDone).toBe(loaded);

    // Changes while the station is down: before and after the resume point, and in a table
    // already loaded.
    const site = station.file.siteId;
    const scoped = SITE_SCOPED.inventory_stock?.where(site) ?? 'true';
    const { rows: done } = await world.admin.query<{ id: string }>(
      `SELECT id FROM inventory_stock WHERE ${scoped} AND id <= $1 ORDER BY id LIMIT 2`,
      [lastId],
    );
    const { rows: todo } = await world.admin.query<{ id: string }>(
      `SELECT id FROM inventory_stock WHERE ${scoped} AND id > $1 ORDER BY id LIMIT 2`,
      [lastId],
    );
    const [updatedDone, deletedDone] = done;
    const [updatedTodo, deletedTodo] = todo;
    if (!updatedDone || !deletedDone || !updatedTodo || !deletedTodo)
      throw new Error('not enough stock rows');
    await world.admin.query('UPDATE inventory_stock SET qty_on_hand = 4321 WHERE id = ANY($1::uuid[])', [
      [updatedDone.id, updatedTodo.id],
    ]);
    await world.admin.query('DELETE FROM inventory_stock WHERE id = ANY($1::uuid[])', [
      [deletedDone.id, deletedTodo.id],
    ]);
    await world.admin.query(
      `INSERT INTO inventory_stock (id, tenant_id, part_id, location_id, bin_location, qty_on_hand)
       SELECT '00000000-0000-7000-8000-000000000001', tenant_id, part_id, location_id, 'RESUME-LOW-ID', 9
         FROM inventory_stock WHERE id = $1`,
      [updatedDone.id],
    );
    await world.admin.query(`UPDATE users SET full_name = full_name || ' (renamed)' WHERE site_id = $1`, [
      site,
    ]);

    // What the resume has left to load, in the snapshot it will use: the rest of this table and
    // the tables after it.
    const index = MIRROR_SPECS.findIndex((s) => s.table === 'inventory_stock');
    const client = await station.connect();
    let remaining = 0;
    try {
      for (const spec of MIRROR_SPECS.slice(index)) {
        const where = [SITE_SCOPED[spec.table]?.where(site) ?? 'true'];
        if (spec.table === 'inventory_stock') where.push(`id > '${lastId}'`);
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "${spec.table}" WHERE ${where.join(' AND ')}`,
        );
        remaining += rows[0]?.n ?? 0;
      }
    } finally {
      await client.end();
    }

    const report = await station.syncOnce();
    expect(report.initialRows).toBe(saved.rowsDone + remaining);
    expect(station.cache.syncState()).toMatchObject({ initialTable: null });
    expect(existsSync(MirrorBuild.pathIn(station.cache.dir))).toBe(false);
    await expectStationMatchesServer(station);
  });

  it('killed while the indexes were built resumes without loading again', async () => {
    const station = await world.enroll();
    await station.crashDuring('indexes', 1);
    expect(station.cache.syncState().cursorXid).toBeNull();
    const build = MirrorBuild.resume(station.cache.dir);
    if (!build) throw new Error('the side file was not kept');
    const saved = build.state();
    const loaded = Object.values(build.counts()).reduce((a, b) => a + b, 0);
    build.close();
    expect(saved).toMatchObject({ phase: 'loaded', table: null, rowsDone: loaded });

    const report = await station.syncOnce();
    expect(report.initialRows).toBe(loaded);
    await expectStationMatchesServer(station);
  });
});
