// Exactly-once application of operations: the same operation pushed twice at the same moment,
// hundreds of operations queued while the station is offline, and a station whose clock is years
// off. After each: the station equals the server for its scope and every operation was applied
// exactly once, in the station's order.
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../src-main/sync/protocol.ts';
import type { PushOutcome } from '../../src-main/sync/push.ts';
import { startLinkProxy } from '../helpers/link-proxy.ts';
import {
  captureBaseline,
  expectConverged,
  expectOperationsAppliedOnce,
  expectStationMatchesServer,
  outbox,
  waitForLockWaiters,
  type Station,
  linkAddress,
  throughProxy,
} from '../helpers/sync-harness.ts';
import { useSyncWorld } from '../helpers/sync-world.ts';

const world = useSyncWorld();

/** The envelope exactly as the push sends it, for an operation in the station's outbox. */
function envelopeOf(station: Station, opId: string): string {
  const row = station.cache.reader
    .prepare('SELECT seq, op_id, type, user_id, payload, created_at FROM outbox WHERE op_id = ?')
    .get(opId) as {
    seq: number;
    op_id: string;
    type: string;
    user_id: string;
    payload: string;
    created_at: string;
  };
  return JSON.stringify({
    op_id: row.op_id,
    type: row.type,
    user_id: row.user_id,
    seq: row.seq,
    created_at: row.created_at,
    payload: JSON.parse(row.payload) as unknown,
  });
}

async function push(client: pg.Client, envelope: string): Promise<PushOutcome> {
  const { rows } = await client.query<{ r: PushOutcome }>('SELECT amms_push($1, $2::jsonb) AS r', [
    PROTOCOL_VERSION,
    envelope,
  ]);
  const outcome = rows[0]?.r;
  if (!outcome) throw new Error('no outcome');
  return outcome;
}

describe('the same operation pushed twice at once', () => {
  for (const variant of ['applied', 'rejected'] as const) {
    it(`is decided once: one ledger row, the same ${variant} outcome for both calls, stock changed at most once`, async () => {
      const station = await world.syncedStation();
      const bin = station.stock(3)[0];
      const technician = station.technicians()[0];
      if (!bin || !technician) throw new Error('no stock or technician at the station site');
      const op = station.submit('wallet.issue', {
        part_id: bin.part_id,
        location_id: bin.location_id,
        bin_location: bin.bin_location,
        technician_id: technician,
        qty: 2,
      });
      const envelope = envelopeOf(station, op.opId);
      if (variant === 'rejected') {
        // Someone else empties the bin on the server after the station queued the issue.
        await world.admin.query('UPDATE inventory_stock SET qty_on_hand = 1 WHERE id = $1', [bin.id]);
      }
      const baseline = await captureBaseline(world, station.file.tenantId);

      // Hold the bin so that both calls are inside amms_push at the same time: the first waits
      // for the bin, the second for the first one's claim on the op_id.
      const locker = await world.adminClient();
      const first = await station.connect();
      const second = await station.connect();
      try {
        await locker.query('BEGIN');
        await locker.query('SELECT 1 FROM inventory_stock WHERE id = $1 FOR UPDATE', [bin.id]);
        const both = Promise.all([push(first, envelope), push(second, envelope)]);
        await waitForLockWaiters(world.admin, station.file.database.user, 2);
        await locker.query('COMMIT');
        const outcomes = await both;

        // The same decision (a fresh outcome leaves out code and reason, a stored one has nulls).
        const decided = outcomes.map((o) => ({
          op_id: o.op_id,
          outcome: o.outcome,
          code: o.code ?? null,
          reason: o.reason ?? null,
          result: o.result ?? null,
        }));
        expect(decided[0]).toEqual(decided[1]);
        expect(decided[0]?.outcome).toBe(variant);
        if (variant === 'applied') expect(outcomes.map((o) => o.duplicate).sort()).toEqual([false, true]);
        else expect(decided[0]?.reason).toMatch(/^Only 1 of .+ left in bin .+; cannot issue 2\.$/);
        const { rows } = await world.admin.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM op_ledger WHERE op_id = $1',
          [op.opId],
        );
        expect(rows[0]?.n).toBe(1);
      } finally {
        await locker.end();
        await first.end();
        await second.end();
      }

      // The station's own push is a third repeat: it gets the stored outcome.
      const report = await station.syncOnce();
      expect(report.push).toMatchObject(variant === 'applied' ? { applied: 1 } : { rejected: 1 });
      expect(outbox(station).map((o) => o.status)).toEqual([variant]);
      expect(await expectConverged(world, [station], baseline)).toEqual({
        applied: variant === 'applied' ? 1 : 0,
        rejected: variant === 'rejected' ? 1 : 0,
      });
    });
  }
});

it('hundreds of operations queued while offline are pushed in order when the link returns, each applied once', async () => {
  const station = await world.syncedStation();
  const baseline = await captureBaseline(world, station.file.tenantId);
  const proxy = await startLinkProxy(linkAddress(station.file));
  try {
    station.restart(throughProxy(station.file, proxy.port));
    proxy.setOffline(true);
    await expect(station.syncOnce()).rejects.toThrow();

    const bins = station.stock(10).slice(0, 6);
    const technicians = station.technicians();
    const supervisor = station.cache.reader
      .prepare(`SELECT id FROM users WHERE role = 'supervisor' AND site_id = ? ORDER BY id LIMIT 1`)
      .pluck()
      .get(station.file.siteId) as string;
    const assets = station.cache.reader
      .prepare('SELECT id FROM assets ORDER BY id LIMIT 20')
      .pluck()
      .all() as string[];
    let queued = 0;
    for (let i = 0; queued < 300; i++) {
      // Per bin in turn: receive 1, issue 1, issue 1.
      const bin = bins[Math.floor(i / 3) % bins.length];
      const technician = technicians[i % technicians.length];
      if (!bin || !technician) throw new Error('not enough stock or technicians');
      if (i % 15 === 14 && assets.length > 0) {
        const asset = assets[Math.floor(i / 15) % assets.length] ?? '';
        const date = new Date(Date.UTC(2019, 0, 1 + Math.floor(i / 15))).toISOString().slice(0, 10);
        station.submit(
          'daily_log.record',
          { asset_id: asset, date, run_hours_added: 1.5, fuel_liters_added: 20 },
          { userId: supervisor },
        );
      } else if (i % 3 === 0) {
        station.submit('stock.receive', {
          lines: [
            { part_id: bin.part_id, location_id: bin.location_id, bin_location: bin.bin_location, qty: 1 },
          ],
        });
      } else {
        const shown = station.shownStock(bin);
        if (shown < 1) continue;
        station.submit('wallet.issue', {
          part_id: bin.part_id,
          location_id: bin.location_id,
          bin_location: bin.bin_location,
          technician_id: technician,
          qty: 1,
        });
      }
      queued++;
    }
    // Meanwhile the server moves on: one of the bins is emptied, so every second issue from it
    // will fail.
    const drained = bins[0];
    if (!drained) throw new Error('no bin');
    await world.admin.query('UPDATE inventory_stock SET qty_on_hand = 0 WHERE id = $1', [drained.id]);
    const drainedBaseline = await captureBaseline(world, station.file.tenantId);
    expect(outbox(station)).toHaveLength(300);

    proxy.setOffline(false);
    const started = performance.now();
    const report = await station.syncOnce();
    console.log(
      `offline queue: 300 operations pushed and settled in ${Math.round(performance.now() - started)} ms ` +
        `(${report.push.applied} applied, ${report.push.rejected} rejected)`,
    );
    expect(report.push.applied + report.push.rejected).toBe(300);
    expect(report.push.rejected).toBeGreaterThan(0);
    for (const rejection of report.push.rejections) {
      expect(rejection.type).toBe('wallet.issue');
      expect(rejection.reason).toMatch(/^Only \d+ of .+ left in bin .+; cannot issue 1\.$/);
    }
    // Applied in the station's order: the server's transactions follow the outbox sequence.
    const { rows: order } = await world.admin.query<{ seq: string }>(
      'SELECT station_seq::text AS seq FROM op_ledger WHERE station_id = $1 ORDER BY txid',
      [station.file.stationId],
    );
    expect(order.map((r) => Number(r.seq))).toEqual(outbox(station).map((o) => o.seq));
    await expectStationMatchesServer(station);
    const stock = new Map(baseline.stock);
    const key = `${drained.part_id}|${drained.location_id}|${drained.bin_location}`;
    stock.set(key, drainedBaseline.stock.get(key) ?? 0);
    const counts = await expectOperationsAppliedOnce(world, [station], { ...baseline, stock });
    expect(counts.applied + counts.rejected).toBe(300);
  } finally {
    await proxy.close();
  }
});

it('a station clock set three years wrong changes neither the order nor the outcome of its operations', async () => {
  const station = await world.syncedStation();
  const baseline = await captureBaseline(world, station.file.tenantId);
  const [bin] = station.stock(1);
  const technician = station.technicians()[0];
  if (!bin || !technician) throw new Error('no stock or technician at the station site');
  const year = 365 * 86_400_000;
  const ahead = new Date(Date.now() + 3 * year);
  const behind = new Date(Date.now() - 3 * year);
  const supervisor = station.cache.reader
    .prepare(`SELECT id FROM users WHERE role = 'supervisor' AND site_id = ? ORDER BY id LIMIT 1`)
    .pluck()
    .get(station.file.siteId) as string;
  const asset = station.cache.reader
    .prepare('SELECT id FROM assets ORDER BY id DESC LIMIT 1')
    .pluck()
    .get() as string;
  const { rows: today } = await world.admin.query<{ d: string }>(
    `SELECT to_char(current_date, 'YYYY-MM-DD') AS d`,
  );
  const serverToday = today[0]?.d ?? '';

  // Today's daily log of an asset must not exist yet (the demo data may have it).
  await world.admin.query('DELETE FROM daily_logs WHERE asset_id = $1 AND date = current_date', [asset]);
  await station.syncOnce();

  // Receive into a new bin with the clock ahead, then issue everything from it with the clock
  // behind: sorted by the station's timestamps the issue would come first and fail.
  const receive = station.submit(
    'stock.receive',
    { lines: [{ part_id: bin.part_id, location_id: bin.location_id, bin_location: 'CLOCK-TEST', qty: 5 }] },
    { now: ahead },
  );
  const issue = station.submit(
    'wallet.issue',
    {
      part_id: bin.part_id,
      location_id: bin.location_id,
      bin_location: 'CLOCK-TEST',
      technician_id: technician,
      qty: 5,
    },
    { now: behind },
  );
  // Today's daily log, recorded with the clock three years ahead: the server's date decides.
  const log = station.submit(
    'daily_log.record',
    { asset_id: asset, date: serverToday, run_hours_added: 2, fuel_liters_added: 30 },
    { userId: supervisor, now: ahead },
  );
  const created = outbox(station).map((o) => o.op_id);
  expect(created).toEqual([receive.opId, issue.opId, log.opId]);

  const report = await station.syncOnce();
  expect(report.push).toMatchObject({ applied: 3, rejected: 0 });
  expect(outbox(station).map((o) => o.status)).toEqual(['applied', 'applied', 'applied']);
  const { rows } = await world.admin.query<{ op_id: string; drift_s: number }>(
    `SELECT op_id::text, abs(extract(epoch FROM received_at - now()))::float AS drift_s
       FROM op_ledger WHERE station_id = $1 ORDER BY txid`,
    [station.file.stationId],
  );
  expect(rows.map((r) => r.op_id)).toEqual(created);
  // The server stamps its own time; the station's clock is not used.
  for (const r of rows) expect(r.drift_s).toBeLessThan(600);
  expect(await expectConverged(world, [station], baseline)).toEqual({ applied: 3, rejected: 0 });
});
