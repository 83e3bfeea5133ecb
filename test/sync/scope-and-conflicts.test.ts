// What a station holds changes with its site (warehouses and technicians moving in and out), two
// stations race for the last units of a bin, and a station meets a server it is not compatible
// with. After each: every mirror table equals the server's rows for the station's scope and every
// operation was applied exactly once.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingDelta, walletKey } from '../../src-main/ops/overlay.ts';
import { IncompatibleServerError, PROTOCOL_VERSION } from '../../src-main/sync/protocol.ts';
import type { SyncStatus } from '../../src-main/sync/sync-engine.ts';
import {
  captureBaseline,
  createSyncWorld,
  expectOperationsAppliedOnce,
  expectStationMatchesServer,
  outbox,
  type Station,
  type SyncWorld,
} from '../helpers/sync-harness.ts';

let world: SyncWorld;

beforeAll(async () => {
  world = await createSyncWorld();
});

afterAll(async () => {
  await world.close();
});

async function syncedStation(siteCode = 'ACME-NBO'): Promise<Station> {
  const station = await world.enroll({ siteCode });
  await station.syncOnce();
  return station;
}

async function locationId(code: string): Promise<string> {
  const { rows } = await world.admin.query<{ id: string }>('SELECT id FROM locations WHERE code = $1', [
    code,
  ]);
  const id = rows[0]?.id;
  if (!id) throw new Error(`no location ${code}`);
  return id;
}

function cachedCount(station: Station, table: string, column: string, value: string): number {
  return station.cache.reader
    .prepare(`SELECT count(*) FROM "${table}" WHERE "${column}" = ?`)
    .pluck()
    .get(value) as number;
}

async function serverCount(table: string, column: string, value: string): Promise<number> {
  const { rows } = await world.admin.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" = $1`,
    [value],
  );
  return rows[0]?.n ?? 0;
}

describe('scope changes', () => {
  it("a warehouse moved into the station's site brings its stock, moved out takes it away", async () => {
    const station = await syncedStation();
    const otherSite = await syncedStation('ACME-MSA');
    const baseline = await captureBaseline(world, station.file.tenantId);
    const warehouse = await locationId('ACME-MSA-WH1');
    const stores = await locationId('ACME-NBO-SB');
    const yard = await locationId('ACME-MSA-LAY');
    const stockRows = await serverCount('inventory_stock', 'location_id', warehouse);
    expect(stockRows).toBeGreaterThan(0);
    expect(cachedCount(station, 'inventory_stock', 'location_id', warehouse)).toBe(0);

    // The move commits after a later transaction changed the warehouse's stock and was pulled.
    const mover = await world.adminClient();
    try {
      await mover.query('BEGIN');
      await mover.query('SELECT pg_current_xact_id()');
      await world.admin.query(
        'UPDATE inventory_stock SET qty_on_hand = qty_on_hand + 100 WHERE id = (SELECT id FROM inventory_stock WHERE location_id = $1 ORDER BY id LIMIT 1)',
        [warehouse],
      );
      await mover.query('UPDATE locations SET parent_id = $2 WHERE id = $1', [warehouse, stores]);
      await station.syncOnce();
      expect(cachedCount(station, 'inventory_stock', 'location_id', warehouse)).toBe(0);
      await mover.query('COMMIT');
    } finally {
      await mover.end();
    }
    await station.syncOnce();
    expect(cachedCount(station, 'inventory_stock', 'location_id', warehouse)).toBe(stockRows);
    expect(station.warehouses().map((w) => w.id)).toContain(warehouse);
    await expectStationMatchesServer(station);

    // Now the station can receive into it; and a receipt queued just before it moves away again
    // is refused by the server, with its optimistic effect rolled back.
    const bin = station.stock(1).find((s) => s.location_id === warehouse);
    if (!bin) throw new Error('no stock in the moved warehouse');
    const line = { part_id: bin.part_id, location_id: warehouse, bin_location: bin.bin_location, qty: 4 };
    station.submit('stock.receive', { lines: [line] });
    await station.syncOnce();
    station.submit('stock.receive', { lines: [line] });
    expect(station.shownStock(bin)).toBe(bin.qty_on_hand + 8);
    await world.admin.query('UPDATE locations SET parent_id = $2 WHERE id = $1', [warehouse, yard]);
    const report = await station.syncOnce();
    expect(report.push.rejections.map((r) => r.reason)).toEqual([
      'Warehouse ACME-MSA-WH1 belongs to another site.',
    ]);
    expect(cachedCount(station, 'inventory_stock', 'location_id', warehouse)).toBe(0);
    expect(
      pendingDelta(station.cache.reader, 'stock', `${bin.part_id}|${warehouse}|${bin.bin_location}`),
    ).toBe(0);
    await expectStationMatchesServer(station);
    await otherSite.syncOnce();
    await expectStationMatchesServer(otherSite);
    expect(await expectOperationsAppliedOnce(world, [station, otherSite], baseline)).toEqual({
      applied: 1,
      rejected: 1,
    });
  });

  it("a technician moved into the station's site brings their wallet, moved out takes it away", async () => {
    const station = await syncedStation();
    const { rows } = await world.admin.query<{ user_id: string; home: string }>(
      `SELECT w.user_id, u.site_id AS home FROM inventory_wallets w JOIN users u ON u.id = w.user_id
        WHERE w.tenant_id = $1 AND u.site_id <> $2 AND u.role = 'technician'
        GROUP BY w.user_id, u.site_id ORDER BY count(*) DESC LIMIT 1`,
      [station.file.tenantId, station.file.siteId],
    );
    const technician = rows[0];
    if (!technician) throw new Error('no technician with a wallet at another site');
    const held = await serverCount('inventory_wallets', 'user_id', technician.user_id);
    expect(held).toBeGreaterThan(0);
    expect(cachedCount(station, 'inventory_wallets', 'user_id', technician.user_id)).toBe(0);

    await world.admin.query('UPDATE users SET site_id = $2 WHERE id = $1', [
      technician.user_id,
      station.file.siteId,
    ]);
    await station.syncOnce();
    expect(cachedCount(station, 'inventory_wallets', 'user_id', technician.user_id)).toBe(held);
    await expectStationMatchesServer(station);

    // Parts are issued to the newcomer, then the technician leaves the site.
    const baseline = await captureBaseline(world, station.file.tenantId);
    const bin = station.stock(2)[0];
    if (!bin) throw new Error('no stock at the station site');
    station.submit('wallet.issue', {
      part_id: bin.part_id,
      location_id: bin.location_id,
      bin_location: bin.bin_location,
      technician_id: technician.user_id,
      qty: 2,
    });
    await station.syncOnce();
    expect(cachedCount(station, 'inventory_wallets', 'user_id', technician.user_id)).toBeGreaterThanOrEqual(
      held,
    );
    await world.admin.query('UPDATE users SET site_id = $2 WHERE id = $1', [
      technician.user_id,
      technician.home,
    ]);
    await station.syncOnce();
    expect(cachedCount(station, 'inventory_wallets', 'user_id', technician.user_id)).toBe(0);
    await expectStationMatchesServer(station);
    expect(await expectOperationsAppliedOnce(world, [station], baseline)).toEqual({
      applied: 1,
      rejected: 0,
    });
  });
});

it('two stations issuing the last units of one bin: one applied, one rejected with a readable reason and its optimistic effect rolled back', async () => {
  const first = await syncedStation();
  const second = await syncedStation();
  const bin = first.stock(1)[0];
  const [techA, techB] = first.technicians();
  if (!bin || !techA || !techB) throw new Error('need stock and two technicians at the station site');
  await world.admin.query('UPDATE inventory_stock SET qty_on_hand = 3 WHERE id = $1', [bin.id]);
  await first.syncOnce();
  await second.syncOnce();
  const baseline = await captureBaseline(world, first.file.tenantId);
  const issue = (technician: string) => ({
    part_id: bin.part_id,
    location_id: bin.location_id,
    bin_location: bin.bin_location,
    technician_id: technician,
    qty: 3,
  });
  first.submit('wallet.issue', issue(techA));
  second.submit('wallet.issue', issue(techB));
  // Each station alone believes the bin is now empty and its technician holds 3 more.
  expect(first.shownStock(bin)).toBe(0);
  expect(second.shownStock(bin)).toBe(0);
  expect(pendingDelta(second.cache.reader, 'wallet', walletKey(techB, bin.part_id))).toBe(3);

  const won = await first.syncOnce();
  const lost = await second.syncOnce();
  expect(won.push).toMatchObject({ applied: 1, rejected: 0 });
  expect(lost.push).toMatchObject({ applied: 0, rejected: 1 });
  const sku = second.cache.reader
    .prepare('SELECT sku FROM parts WHERE id = ?')
    .pluck()
    .get(bin.part_id) as string;
  const reason = `Only 0 of ${sku} left in bin ${bin.bin_location}; cannot issue 3.`;
  expect(lost.push.rejections[0]?.reason).toBe(reason);
  expect(outbox(second)).toEqual([
    expect.objectContaining({ status: 'rejected', reason_code: 'insufficient_stock', reason }),
  ]);
  expect(second.engine.status().rejected).toBe(1);
  // The loser's optimistic effect is gone: its screens show the server's truth.
  expect(pendingDelta(second.cache.reader, 'wallet', walletKey(techB, bin.part_id))).toBe(0);
  expect(
    pendingDelta(second.cache.reader, 'stock', `${bin.part_id}|${bin.location_id}|${bin.bin_location}`),
  ).toBe(0);
  expect(second.shownStock(bin)).toBe(0);

  await first.syncOnce();
  await expectStationMatchesServer(first);
  await expectStationMatchesServer(second);
  expect(await expectOperationsAppliedOnce(world, [first, second], baseline)).toEqual({
    applied: 1,
    rejected: 1,
  });
});

describe('a protocol or schema mismatch', () => {
  async function replaceServerInfo(client: pg.Client, fields: string): Promise<void> {
    await client.query(`CREATE OR REPLACE FUNCTION amms_server_info() RETURNS jsonb
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
        SELECT jsonb_build_object('protocol', 1, 'min_station_protocol', 1,
          'schema_version', (SELECT max(version) FROM amms_private.schema_migrations), 'server_time', now())
          || jsonb_build_object(${fields})
      $$`);
  }

  it('stops the sync with a clear error and keeps the queue and its optimistic effects', async () => {
    const station = await syncedStation();
    const baseline = await captureBaseline(world, station.file.tenantId);
    const bin = station.stock(2)[0];
    if (!bin) throw new Error('no stock at the station site');
    const { rows } = await world.admin.query<{ def: string }>(
      `SELECT pg_get_functiondef('amms_server_info()'::regprocedure) AS def`,
    );
    const original = rows[0]?.def ?? '';
    station.submit('stock.receive', {
      lines: [{ part_id: bin.part_id, location_id: bin.location_id, bin_location: bin.bin_location, qty: 6 }],
    });
    const shown = station.shownStock(bin);
    const keptQueue = (): void => {
      expect(outbox(station).map((o) => o.status)).toEqual(['pending']);
      expect(station.shownStock(bin)).toBe(shown);
    };

    try {
      // A server that needs a newer station.
      await replaceServerInfo(world.admin, `'min_station_protocol', ${PROTOCOL_VERSION + 1}`);
      const tooOld = await station.syncOnce().catch((error: unknown) => error);
      expect(tooOld).toBeInstanceOf(IncompatibleServerError);
      expect(tooOld).toMatchObject({ side: 'station_too_old' });
      expect((tooOld as Error).message).toMatch(
        /station is too old .*Update the station; its pending work is kept/,
      );
      keptQueue();

      // The running engine reports it as its state (and keeps waiting instead of retrying hard).
      const seen = new Promise<SyncStatus>((resolveStatus) => {
        station.engine.on('status', (status) => {
          if (status.phase === 'incompatible') resolveStatus(status);
        });
      });
      station.engine.start();
      const status = await seen;
      await station.engine.stop();
      expect(status.error).toMatch(/Update the station/);
      expect(station.cache.syncState().lastError).toMatch(/Update the station/);
      keptQueue();

      // A server whose schema is older than the station needs.
      await replaceServerInfo(world.admin, `'schema_version', 5`);
      await expect(station.syncOnce()).rejects.toThrow(
        /server is too old .*schema 5.*Run 'amms db migrate' on the server; the station keeps its pending work/,
      );
      keptQueue();
    } finally {
      await world.admin.query(original);
    }

    // The write entry point itself refuses another protocol and records nothing.
    const client = await station.connect();
    try {
      const envelope = JSON.stringify({
        op_id: outbox(station)[0]?.op_id,
        type: 'stock.receive',
        seq: 1,
        payload: {},
      });
      const { rows: refused } = await client.query<{ r: { outcome: string; reason: string } }>(
        'SELECT amms_push($1, $2::jsonb) AS r',
        [PROTOCOL_VERSION + 1, envelope],
      );
      expect(refused[0]?.r).toEqual({
        outcome: 'incompatible',
        reason: `This server speaks sync protocol 1; the station sent protocol ${PROTOCOL_VERSION + 1}. Update the station.`,
      });
      const { rows: ledger } = await world.admin.query('SELECT 1 FROM op_ledger WHERE station_id = $1', [
        station.file.stationId,
      ]);
      expect(ledger).toEqual([]);
    } finally {
      await client.end();
    }

    // A push refused as incompatible (a server that moved on) stops the push and keeps the op.
    await world.admin.query('ALTER FUNCTION amms_push(integer, jsonb) RENAME TO amms_push_moved_on');
    try {
      await world.admin
        .query(`CREATE FUNCTION amms_push(protocol integer, op jsonb) RETURNS jsonb LANGUAGE sql AS $$
        SELECT jsonb_build_object('outcome', 'incompatible', 'reason', 'This server speaks sync protocol 2. Update the station.')
      $$`);
      await world.admin.query('GRANT EXECUTE ON FUNCTION amms_push(integer, jsonb) TO amms_station');
      await expect(station.syncOnce()).rejects.toThrow(/speaks sync protocol 2\. Update the station\./);
      keptQueue();
    } finally {
      await world.admin.query('DROP FUNCTION amms_push(integer, jsonb)');
      await world.admin.query('ALTER FUNCTION amms_push_moved_on(integer, jsonb) RENAME TO amms_push');
    }

    // Compatible again: the kept operation goes through once.
    const report = await station.syncOnce();
    expect(report.push).toMatchObject({ applied: 1, rejected: 0 });
    await expectStationMatchesServer(station);
    expect(await expectOperationsAppliedOnce(world, [station], baseline)).toEqual({
      applied: 1,
      rejected: 0,
    });
  });
});
