// The initial sync builds the mirror in a side file and swaps it in (docs/adr/0009). These tests
// stop it at each step of the swap and check what matters: station.db is either the old file,
// whole, or the new one with everything queued at the counter carried over; the station ends equal
// to the server for its scope; every operation is applied exactly once.
import { existsSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MirrorBuild } from '../../src-main/cache/mirror-build.ts';
import { StationInUseError } from '../../src-main/cache/mirror-swap.ts';
import { initialSync } from '../../src-main/sync/initial-sync.ts';
import {
  captureBaseline,
  expectConverged,
  expectStationMatchesServer,
  outbox,
  type Station,
} from '../helpers/sync-harness.ts';
import { useSyncWorld } from '../helpers/sync-world.ts';

const world = useSyncWorld();

function buildPath(station: Station): string {
  return MirrorBuild.pathIn(station.cache.dir);
}

function totalRows(station: Station): number {
  return Object.values(station.cache.mirrorCounts()).reduce((a, b) => a + b, 0);
}

/** A synced station asked to load everything again (as after an upgrade that changes the mirror). */
async function stationToReload(): Promise<Station> {
  const station = await world.enroll();
  await station.syncOnce();
  station.cache.transaction(() => {
    station.cache.updateSyncState({ cursor_xid: null });
  });
  return station;
}

/** Queues one stock receipt of 5 units at the first bin of the site with stock. */
function queueReceipt(station: Station): string {
  const bin = station.stock(1)[0];
  if (!bin) throw new Error('no stock at the station site');
  return station.submit('stock.receive', {
    lines: [{ part_id: bin.part_id, location_id: bin.location_id, bin_location: bin.bin_location, qty: 5 }],
  }).opId;
}

describe('the swap of a finished mirror build', () => {
  it('killed once the side file is complete: station.db is untouched and the next sync only swaps it in', async () => {
    const station = await world.enroll();
    await station.crashDuring('sealed', 1);
    expect(station.cache.syncState().cursorXid).toBeNull();
    expect(totalRows(station)).toBe(0);
    const build = MirrorBuild.resume(station.cache.dir);
    if (!build) throw new Error('the side file was not kept');
    const { phase, rowsDone } = build.state();
    build.close();
    expect(phase).toBe('indexed');

    const report = await station.syncOnce();
    expect(report.initialRows).toBe(rowsDone);
    expect(totalRows(station)).toBe(rowsDone);
    expect(existsSync(buildPath(station))).toBe(false);
    await expectStationMatchesServer(station);
  });

  it('killed after station.db was retired and before the rename: the next open finishes it, with the queued operation', async () => {
    const station = await stationToReload();
    const baseline = await captureBaseline(world, station.file.tenantId);
    const opId = queueReceipt(station);
    await station.crashDuring('retired', 1);

    // The restart (StationCache.open) renamed the side file over the retired station.db.
    expect(existsSync(buildPath(station))).toBe(false);
    expect(station.cache.syncState().cursorXid).not.toBeNull();
    expect(outbox(station).map((o) => [o.op_id, o.status])).toEqual([[opId, 'pending']]);
    expect(
      station.cache.reader.prepare('SELECT count(*) FROM pending_effects WHERE op_id = ?').pluck().get(opId),
    ).toBe(1);
    expect(
      station.cache.reader.prepare(`SELECT count(*) FROM station_meta WHERE key = 'retired'`).pluck().get(),
    ).toBe(0);

    await station.syncOnce();
    expect(await expectConverged(world, [station], baseline)).toEqual({
      applied: 1,
      rejected: 0,
    });
  });

  it('an operation queued while the mirror is being built is carried into the new station.db and applied once', async () => {
    const station = await stationToReload();
    const baseline = await captureBaseline(world, station.file.tenantId);
    const client = await station.link();
    let opId = '';
    const stationWrites: number[] = [];
    try {
      await initialSync(client, station.cache, station.file, {
        onStep: (step) => {
          if (step === 'indexed') opId = queueReceipt(station);
        },
        onWriteTransaction: (_ms, kind) => {
          if (kind === 'station') stationWrites.push(1);
        },
      });
    } finally {
      await client.end();
    }
    // station.db saw only progress updates and the swap: every page and index went to the side file.
    expect(stationWrites.length).toBeGreaterThan(1);
    expect(outbox(station).map((o) => [o.op_id, o.status])).toEqual([[opId, 'pending']]);
    expect(station.cache.syncState().initialRowsDone).toBe(totalRows(station));

    await station.syncOnce();
    expect(await expectConverged(world, [station], baseline)).toEqual({
      applied: 1,
      rejected: 0,
    });
  });

  it('waits while another program has station.db open, leaving it whole and usable, then finishes', async () => {
    const station = await world.enroll();
    const other = new Database(station.cache.path);
    other.pragma('journal_mode = WAL');
    other.prepare('SELECT count(*) FROM outbox').get();
    try {
      const client = await station.link();
      try {
        await expect(initialSync(client, station.cache, station.file)).rejects.toBeInstanceOf(
          StationInUseError,
        );
      } finally {
        await client.end();
      }
      expect(station.cache.syncState().cursorXid).toBeNull();
      expect(station.cache.reader.pragma('journal_mode', { simple: true })).toBe('wal');
      // The other program still reads and writes station.db as before.
      other.prepare(`INSERT INTO station_meta (key, value) VALUES ('other', 'was here')`).run();
      expect(existsSync(buildPath(station))).toBe(true);
    } finally {
      other.close();
    }

    const report = await station.syncOnce();
    expect(report.initialRows).toBeGreaterThan(0);
    expect(
      station.cache.reader.prepare(`SELECT value FROM station_meta WHERE key = 'other'`).pluck().get(),
    ).toBe('was here');
    await expectStationMatchesServer(station);
  });

  it('the running engine says why the new copy waits, and puts it in place once the other program closes', async () => {
    const station = await world.enroll();
    const other = new Database(station.cache.path);
    other.pragma('journal_mode = WAL');
    other.prepare('SELECT count(*) FROM outbox').get();
    const until = async (what: string, done: () => boolean): Promise<void> => {
      const deadline = Date.now() + 20_000;
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolveWait) => setTimeout(resolveWait, 50));
      }
    };
    station.engine.start();
    try {
      await until('the waiting message', () => {
        const status = station.engine.status();
        return (
          status.phase === 'initial' && (status.error ?? '').includes('another program has this station open')
        );
      });
      expect(station.cache.syncState().cursorXid).toBeNull();
      other.close();
      await until('the swap', () => station.cache.syncState().cursorXid !== null);
      await until('an idle engine', () => station.engine.status().phase === 'idle');
      expect(station.engine.status().error).toBeNull();
    } finally {
      await station.engine.stop();
      if (other.open) other.close();
    }
    await expectStationMatchesServer(station);
  });

  it('a station upgraded to another mirror shape loads everything again and keeps its queued operation', async () => {
    const station = await world.enroll();
    await station.syncOnce();
    const baseline = await captureBaseline(world, station.file.tenantId);
    const opId = queueReceipt(station);
    station.cache.transaction(() => {
      station.cache.writer
        .prepare(`UPDATE station_meta SET value = 'older' WHERE key = 'mirror_schema'`)
        .run();
    });
    station.restart();
    // The mirror of the old shape is gone; the queue is not.
    expect(station.cache.syncState().cursorXid).toBeNull();
    expect(totalRows(station)).toBe(0);
    expect(outbox(station).map((o) => [o.op_id, o.status])).toEqual([[opId, 'pending']]);

    const report = await station.syncOnce();
    expect(report.initialRows).toBeGreaterThan(0);
    expect(await expectConverged(world, [station], baseline)).toEqual({ applied: 1, rejected: 0 });
  });

  it('a side file of another mirror shape, or not a build at all, is discarded and the load starts over', async () => {
    const station = await world.enroll();
    writeFileSync(buildPath(station), 'not a database');
    expect(MirrorBuild.resume(station.cache.dir)).toBeNull();
    expect(existsSync(buildPath(station))).toBe(false);

    const stale = MirrorBuild.start(station.cache.dir, 1, 0, 'tenants');
    stale.close();
    const db = new Database(buildPath(station));
    db.prepare(`UPDATE build_state SET schema_hash = 'older-version'`).run();
    db.close();
    expect(MirrorBuild.resume(station.cache.dir)).toBeNull();

    await station.syncOnce();
    await expectStationMatchesServer(station);
  });
});
