// Pushing a backlog in batches (amms_push_batch): each operation is applied once and on its own,
// a batch commits together, a lost reply is answered from the ledger, an operation the server
// cannot take does not block the queue, and a passing failure keeps the order.
import { describe, expect, it } from 'vitest';
import { pushPending } from '../../src-main/sync/push.ts';
import { PROTOCOL_VERSION } from '../../src-main/sync/protocol.ts';
import { startLinkProxy } from '../helpers/link-proxy.ts';
import {
  captureBaseline,
  expectConverged,
  outbox,
  type Station,
  type StockRow,
  linkAddress,
  sessionRole,
  throughProxy,
} from '../helpers/sync-harness.ts';
import { useSyncWorld } from '../helpers/sync-world.ts';

const world = useSyncWorld();

function firstBins(station: Station, count: number): StockRow[] {
  const bins = station.stock(10).slice(0, count);
  if (bins.length < count) throw new Error('not enough stock at the station site');
  return bins;
}

function receive(station: Station, bin: StockRow, qty: number): string {
  return station.submit('stock.receive', {
    lines: [{ part_id: bin.part_id, location_id: bin.location_id, bin_location: bin.bin_location, qty }],
  }).opId;
}

async function pushAs(station: Station, batch: number): ReturnType<typeof pushPending> {
  const client = await station.link();
  try {
    return await pushPending(client, station.cache, { batch });
  } finally {
    await client.end();
  }
}

describe('pushing in batches', () => {
  it('sends a backlog of 120 operations in batches of 50, each applied once and in order', async () => {
    const station = await world.syncedStation();
    const baseline = await captureBaseline(world, station.file.tenantId);
    const [a, b] = firstBins(station, 2);
    if (!a || !b) throw new Error('no bins');
    for (let i = 0; i < 120; i++) receive(station, i % 2 ? a : b, 1 + (i % 3));
    const report = await pushAs(station, 50);
    expect(report).toMatchObject({ applied: 120, rejected: 0 });
    const seqs = (
      await world.admin.query<{ station_seq: string }>(
        'SELECT station_seq FROM op_ledger WHERE station_id = $1 ORDER BY received_at, station_seq',
        [station.file.stationId],
      )
    ).rows.map((r) => Number(r.station_seq));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    await station.syncOnce();
    expect(await expectConverged(world, [station], baseline)).toEqual({
      applied: 120,
      rejected: 0,
    });
  });

  it('a reply lost for a whole batch: the server committed all of it, the retry gets the stored outcomes', async () => {
    const station = await world.syncedStation();
    const baseline = await captureBaseline(world, station.file.tenantId);
    const [bin] = firstBins(station, 1);
    if (!bin) throw new Error('no bins');
    const proxy = await startLinkProxy(linkAddress(station.file));
    try {
      station.restart(throughProxy(station.file, proxy.port));
      const ids = Array.from({ length: 5 }, (_, i) => receive(station, bin, i + 1));
      const cut = proxy.cutReplyTo('amms_push_batch', 1);
      const client = await station.link();
      client.on('error', () => undefined); // the cut link is the point of this test
      await expect(pushPending(client, station.cache, { batch: 50 })).rejects.toThrow(
        /terminated|ECONNRESET|closed/i,
      );
      await client.end().catch(() => undefined);
      await cut;
      expect(outbox(station).map((o) => o.status)).toEqual([
        'pending',
        'pending',
        'pending',
        'pending',
        'pending',
      ]);
      const ledger = await world.admin.query('SELECT 1 FROM op_ledger WHERE op_id = ANY($1::uuid[])', [ids]);
      expect(ledger.rowCount).toBe(5);
      const retry = await station.syncOnce();
      expect(retry.push).toMatchObject({ applied: 5, rejected: 0 });
      expect(await expectConverged(world, [station], baseline)).toEqual({
        applied: 5,
        rejected: 0,
      });
    } finally {
      await proxy.close();
    }
  });

  it('an operation the server cannot take is rejected with the reason and does not block the operations after it', async () => {
    const station = await world.syncedStation();
    const other = await world.enroll({ name: 'Other counter' });
    const [bin] = firstBins(station, 1);
    if (!bin) throw new Error('no bins');
    receive(station, bin, 1);
    const stolen = receive(station, bin, 2);
    receive(station, bin, 3);
    // Another station already used the second operation's id.
    const otherClient = await other.connect();
    try {
      await otherClient.query('SELECT amms_push($1, $2::jsonb)', [
        PROTOCOL_VERSION,
        JSON.stringify({
          op_id: stolen,
          type: 'stock.receive',
          user_id: station.storekeeper(),
          seq: 1,
          payload: { lines: [] },
        }),
      ]);
    } finally {
      await otherClient.end();
    }
    const report = await pushAs(station, 50);
    expect(report.applied).toBe(2);
    expect(report.rejected).toBe(1);
    const rows = outbox(station);
    expect(rows.map((o) => o.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(rows[1]?.reason).toMatch(
      /^The server could not take this operation: Operation id .* belongs to another station/,
    );
    expect(
      station.cache.reader
        .prepare('SELECT count(*) FROM pending_effects WHERE op_id = ?')
        .pluck()
        .get(stolen),
    ).toBe(0);
    other.close();
  });

  it('a passing failure (a lock wait timing out) keeps that operation and the ones after it queued, in order', async () => {
    const station = await world.syncedStation();
    const baseline = await captureBaseline(world, station.file.tenantId);
    const [free, locked] = firstBins(station, 2);
    if (!free || !locked) throw new Error('no bins');
    // The role the station's transactions run as: its own, or the pool's behind a pooler.
    const role = sessionRole(station.file);
    await world.admin.query(`ALTER ROLE ${role} SET lock_timeout = '300ms'`);
    // A role's settings reach new sessions only: behind a pooler, its idle server connections
    // are ended so that the pool opens new ones with the setting.
    if (role !== station.file.database.user)
      await world.admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE usename = $1 AND state = 'idle' AND datname = current_database()`,
        [role],
      );
    const holder = await world.adminClient();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM inventory_stock WHERE id = $1 FOR UPDATE', [locked.id]);
      receive(station, free, 1);
      receive(station, locked, 1);
      receive(station, free, 2);
      await expect(pushAs(station, 50)).rejects.toThrow(/retry later/);
      expect(outbox(station).map((o) => o.status)).toEqual(['applied', 'pending', 'pending']);
      const lastError = station.cache.reader
        .prepare('SELECT last_error FROM outbox WHERE status = ? ORDER BY seq LIMIT 1')
        .pluck()
        .get('pending');
      expect(lastError).toMatch(/lock/i);
      await holder.query('COMMIT');
      const report = await pushAs(station, 50);
      expect(report).toMatchObject({ applied: 2, rejected: 0 });
      await station.syncOnce();
      expect(await expectConverged(world, [station], baseline)).toEqual({
        applied: 3,
        rejected: 0,
      });
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
      await world.admin.query(`ALTER ROLE ${role} RESET lock_timeout`);
    }
  });
});
