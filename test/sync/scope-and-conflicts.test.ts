// What a station holds changes with its site (warehouses, technicians, assets and locations moving
// in and out, shipments redirected), two stations race for the last units of a bin, and a station
// meets a server it is not compatible with. After each: every mirror table equals the server's
// rows for the station's scope and every operation was applied exactly once.
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { pendingDelta, walletKey } from '../../src-main/ops/overlay.ts';
import { IncompatibleServerError, PROTOCOL_VERSION } from '../../src-main/sync/protocol.ts';
import type { SyncStatus } from '../../src-main/sync/sync-engine.ts';
import {
  captureBaseline,
  expectConverged,
  expectOperationsAppliedOnce,
  expectStationMatchesServer,
  outbox,
  type Station,
} from '../helpers/sync-harness.ts';
import { useSyncWorld } from '../helpers/sync-world.ts';

const world = useSyncWorld();

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

/** The maintenance history of some assets, by table: ids sorted. */
type Maintenance = Record<(typeof MAINTENANCE_TABLES)[number], string[]>;

const MAINTENANCE_TABLES = [
  'work_orders',
  'wo_tasks',
  'wo_consumables',
  'service_requests',
  'daily_logs',
] as const;

/** The server's work orders (with their tasks and parts used), service requests and daily logs of the assets. */
async function maintenanceOf(assetIds: string[]): Promise<Maintenance> {
  const { rows } = await world.admin.query<{ t: keyof Maintenance; id: string }>(
    `SELECT 'work_orders' AS t, id::text FROM work_orders WHERE asset_id = ANY ($1::uuid[])
     UNION ALL SELECT 'wo_tasks', k.id::text FROM wo_tasks k JOIN work_orders w ON w.id = k.wo_id
                WHERE w.asset_id = ANY ($1::uuid[])
     UNION ALL SELECT 'wo_consumables', c.id::text FROM wo_consumables c JOIN work_orders w ON w.id = c.wo_id
                WHERE w.asset_id = ANY ($1::uuid[])
     UNION ALL SELECT 'service_requests', id::text FROM service_requests WHERE asset_id = ANY ($1::uuid[])
     UNION ALL SELECT 'daily_logs', id::text FROM daily_logs WHERE asset_id = ANY ($1::uuid[])`,
    [assetIds],
  );
  const out = Object.fromEntries(MAINTENANCE_TABLES.map((t) => [t, [] as string[]])) as Maintenance;
  for (const row of rows) out[row.t].push(row.id);
  for (const ids of Object.values(out)) ids.sort();
  return out;
}

/** Which of those rows a station holds (by id, so rows left behind by a dropped parent count). */
function heldBy(station: Station, rows: Maintenance): Maintenance {
  const held = {} as Maintenance;
  for (const table of MAINTENANCE_TABLES) {
    held[table] = station.cache.reader
      .prepare(`SELECT id FROM "${table}" WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`)
      .pluck()
      .all(JSON.stringify(rows[table])) as string[];
  }
  return held;
}

const NONE: Maintenance = Object.fromEntries(
  MAINTENANCE_TABLES.map((t) => [t, []]),
) as unknown as Maintenance;

function expectWholeHistory(rows: Maintenance): void {
  for (const table of MAINTENANCE_TABLES)
    expect(rows[table].length, `${table} of the assets`).toBeGreaterThan(0);
}

describe('scope changes', () => {
  it("a warehouse moved into the station's site brings its stock, moved out takes it away", async () => {
    const station = await world.syncedStation();
    const otherSite = await world.syncedStation('ACME-MSA');
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
    const station = await world.syncedStation();
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
    expect(await expectConverged(world, [station], baseline)).toEqual({
      applied: 1,
      rejected: 0,
    });
  });

  it('an asset moved to another site takes its maintenance history there, even when the move commits out of order, and brings it back', async () => {
    const station = await world.syncedStation();
    const otherSite = await world.syncedStation('ACME-MSA');
    const { rows: picked } = await world.admin.query<{ id: string; location_id: string; wo_id: string }>(
      `SELECT a.id, a.location_id, w.id AS wo_id FROM assets a
         JOIN locations l ON l.id = a.location_id
         JOIN work_orders w ON w.asset_id = a.id AND w.status IN ('ready', 'in_progress')
        WHERE l.site_id = $1
          AND EXISTS (SELECT 1 FROM wo_consumables c JOIN work_orders x ON x.id = c.wo_id WHERE x.asset_id = a.id)
          AND EXISTS (SELECT 1 FROM service_requests r WHERE r.asset_id = a.id)
          AND EXISTS (SELECT 1 FROM daily_logs d WHERE d.asset_id = a.id)
        ORDER BY a.id, w.id LIMIT 1`,
      [station.file.siteId],
    );
    const asset = picked[0];
    if (!asset) throw new Error('no asset at the station site with open work and a full history');
    const home = asset.location_id;
    const yard = await locationId('ACME-MSA-LAY');
    const { rows: today } = await world.admin.query<{ d: string }>('SELECT current_date::text AS d');
    const date = today[0]?.d ?? '';
    await world.admin.query('DELETE FROM daily_logs WHERE asset_id = $1 AND date = $2', [asset.id, date]);
    await station.syncOnce();
    await otherSite.syncOnce();
    const before = await maintenanceOf([asset.id]);
    expectWholeHistory(before);
    expect(heldBy(station, before)).toEqual(before);
    expect(heldBy(otherSite, before)).toEqual(NONE);

    // Queued at the counter while the asset is still here: a daily log and parts used on its
    // open work order from a technician's wallet.
    const baseline = await captureBaseline(world, station.file.tenantId);
    const wallet = station.cache.reader
      .prepare(
        `SELECT w.user_id, w.part_id FROM inventory_wallets w JOIN parts p ON p.id = w.part_id
           JOIN users u ON u.id = w.user_id
          WHERE u.site_id = ? AND u.role = 'technician' AND u.is_active = 1 AND p.unit = 'piece' AND w.qty_held >= 1
          ORDER BY w.qty_held DESC, w.id LIMIT 1`,
      )
      .get(station.file.siteId) as { user_id: string; part_id: string } | undefined;
    const supervisor = station.cache.reader
      .prepare(
        `SELECT id FROM users WHERE role = 'supervisor' AND site_id = ? AND is_active = 1 ORDER BY id LIMIT 1`,
      )
      .pluck()
      .get(station.file.siteId) as string | undefined;
    if (!wallet || !supervisor)
      throw new Error('need a technician wallet and a supervisor at the station site');
    station.submit(
      'daily_log.record',
      { asset_id: asset.id, date, run_hours_added: 6.5, fuel_liters_added: 80 },
      { userId: supervisor },
    );
    station.submit('wo.consume', {
      wo_id: asset.wo_id,
      part_id: wallet.part_id,
      qty: 1,
      source: 'wallet',
      technician_id: wallet.user_id,
    });

    // The move starts first and commits last: meanwhile a later transaction changes the asset's
    // work order, and both stations push and pull.
    const mover = await world.adminClient();
    try {
      await mover.query('BEGIN');
      await mover.query('SELECT pg_current_xact_id()');
      await mover.query('UPDATE assets SET location_id = $2 WHERE id = $1', [asset.id, yard]);
      await world.admin.query(`UPDATE work_orders SET title = title || ' (parts ordered)' WHERE id = $1`, [
        asset.wo_id,
      ]);
      const report = await station.syncOnce();
      expect(report.push).toMatchObject({ applied: 2, rejected: 0 });
      await otherSite.syncOnce();
      const during = await maintenanceOf([asset.id]);
      expect(during.daily_logs.length).toBe(before.daily_logs.length + 1);
      expect(during.wo_consumables.length).toBe(before.wo_consumables.length + 1);
      expect(heldBy(station, during)).toEqual(during);
      expect(heldBy(otherSite, during)).toEqual(NONE);
      await mover.query('COMMIT');
    } finally {
      await mover.end();
    }
    await station.syncOnce();
    await otherSite.syncOnce();
    const moved = await maintenanceOf([asset.id]);
    expect(heldBy(station, moved)).toEqual(NONE);
    expect(heldBy(otherSite, moved)).toEqual(moved);
    // The asset itself is reference data: both stations know it, at its new place.
    for (const s of [station, otherSite]) {
      expect(
        s.cache.reader.prepare('SELECT location_id FROM assets WHERE id = ?').pluck().get(asset.id),
      ).toBe(yard);
    }
    await expectStationMatchesServer(station);
    await expectStationMatchesServer(otherSite);

    // Back home: everything comes back, and leaves the other site.
    await world.admin.query('UPDATE assets SET location_id = $2 WHERE id = $1', [asset.id, home]);
    await station.syncOnce();
    await otherSite.syncOnce();
    expect(heldBy(station, moved)).toEqual(moved);
    expect(heldBy(otherSite, moved)).toEqual(NONE);
    expect(await expectConverged(world, [station, otherSite], baseline)).toEqual({
      applied: 2,
      rejected: 0,
    });
  });

  it('a location moved to another site takes the maintenance history of the assets in it, and brings it back', async () => {
    const station = await world.syncedStation();
    const otherSite = await world.syncedStation('ACME-MSA');
    const portWorkshop = await locationId('ACME-MSA-WS');
    // A room or area of the depot whose assets have a whole maintenance history (the demo data
    // decides which: a workshop bay or the yard).
    const { rows: places } = await world.admin.query<{ id: string; parent_id: string }>(
      `SELECT l.id, l.parent_id FROM locations l JOIN locations s ON s.id = l.site_id
        WHERE s.code = 'ACME-NBO' AND l.type IN ('room', 'area') ORDER BY l.code`,
    );
    let picked: { bay: string; workshop: string; history: Maintenance } | undefined;
    for (const place of places) {
      const { rows: inPlace } = await world.admin.query<{ id: string }>(
        'SELECT id FROM assets WHERE location_id = $1 ORDER BY id',
        [place.id],
      );
      const found = await maintenanceOf(inPlace.map((a) => a.id));
      if (MAINTENANCE_TABLES.every((table) => found[table].length > 0)) {
        picked = { bay: place.id, workshop: place.parent_id, history: found };
        break;
      }
    }
    if (!picked) throw new Error('no room or area at ACME-NBO whose assets have a whole maintenance history');
    const { bay, workshop, history } = picked;
    expectWholeHistory(history);
    expect(heldBy(station, history)).toEqual(history);
    expect(heldBy(otherSite, history)).toEqual(NONE);

    // The workshop bay becomes part of the port workshop (its site_id follows its parent).
    await world.admin.query('UPDATE locations SET parent_id = $2 WHERE id = $1', [bay, portWorkshop]);
    await station.syncOnce();
    await otherSite.syncOnce();
    expect(heldBy(station, history)).toEqual(NONE);
    expect(heldBy(otherSite, history)).toEqual(history);
    await expectStationMatchesServer(station);
    await expectStationMatchesServer(otherSite);

    await world.admin.query('UPDATE locations SET parent_id = $2 WHERE id = $1', [bay, workshop]);
    await station.syncOnce();
    await otherSite.syncOnce();
    expect(heldBy(station, history)).toEqual(history);
    expect(heldBy(otherSite, history)).toEqual(NONE);
    await expectStationMatchesServer(station);
    await expectStationMatchesServer(otherSite);
  });

  it('a shipment between two sites is at both and not at a third; redirected, it follows its new destination', async () => {
    const origin = await world.syncedStation();
    const destination = await world.syncedStation('ACME-MSA');
    const third = await world.syncedStation('ACME-KWL');
    const stations = [origin, destination, third];
    const nbo = await locationId('ACME-NBO');
    const msa = await locationId('ACME-MSA');
    const kwl = await locationId('ACME-KWL');
    const { rows: units } = await world.admin.query<{ id: string }>(
      `SELECT a.id FROM assets a JOIN locations l ON l.id = a.location_id
        WHERE l.site_id = $1 AND a.status = 'in_service'
          AND NOT EXISTS (SELECT 1 FROM asset_movements m WHERE m.asset_id = a.id AND m.status IN ('loaded', 'in_transit'))
        ORDER BY a.id LIMIT 1`,
      [nbo],
    );
    const unit = units[0]?.id;
    if (!unit) throw new Error('no asset at the station site to load');
    const { rows: created } = await world.admin.query<{ shipment: string; movement: string }>(
      `WITH s AS (
         INSERT INTO shipments (tenant_id, gate_pass_ref, origin_location_id, destination_location_id)
         VALUES ($1, 'GP-SCOPE-000001', $2, $3) RETURNING id, tenant_id, gate_pass_ref
       ), m AS (
         INSERT INTO asset_movements (tenant_id, asset_id, shipment_id, from_location_id, to_location_id, gate_pass_ref)
         SELECT tenant_id, $4, id, $2, $3, gate_pass_ref FROM s RETURNING id
       )
       SELECT (SELECT id::text FROM s) AS shipment, (SELECT id::text FROM m) AS movement`,
      [origin.file.tenantId, nbo, msa, unit],
    );
    const { shipment, movement } = created[0] ?? {};
    if (!shipment || !movement) throw new Error('the shipment was not created');
    const holds = (table: 'shipments' | 'asset_movements', id: string): boolean[] =>
      stations.map((s) => cachedCount(s, table, 'id', id) === 1);
    const syncAll = async (): Promise<void> => {
      for (const s of stations) await s.syncOnce();
    };

    await syncAll();
    expect(holds('shipments', shipment)).toEqual([true, true, false]);
    expect(holds('asset_movements', movement)).toEqual([true, true, false]);
    // Every station holds exactly the shipments that start or end at its site, seeded ones too.
    for (const s of stations) {
      const { rows } = await world.admin.query<{ id: string }>(
        `SELECT s.id FROM shipments s JOIN locations o ON o.id = s.origin_location_id
           JOIN locations d ON d.id = s.destination_location_id
          WHERE s.tenant_id = $1 AND $2 IN (o.site_id, d.site_id) ORDER BY s.id`,
        [s.file.tenantId, s.file.siteId],
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(s.cache.reader.prepare('SELECT id FROM shipments ORDER BY id').pluck().all()).toEqual(
        rows.map((r) => r.id),
      );
    }

    // Redirected to the third site: the shipment leaves the old destination and reaches the new
    // one with its manifest (the movement still names the old destination, which keeps it too).
    await world.admin.query('UPDATE shipments SET destination_location_id = $2 WHERE id = $1', [
      shipment,
      kwl,
    ]);
    await syncAll();
    expect(holds('shipments', shipment)).toEqual([true, false, true]);
    expect(holds('asset_movements', movement)).toEqual([true, true, true]);
    for (const s of stations) await expectStationMatchesServer(s);

    // The movement is redirected too: it leaves the old destination.
    await world.admin.query('UPDATE asset_movements SET to_location_id = $2 WHERE id = $1', [movement, kwl]);
    await syncAll();
    expect(holds('shipments', shipment)).toEqual([true, false, true]);
    expect(holds('asset_movements', movement)).toEqual([true, false, true]);
    for (const s of stations) await expectStationMatchesServer(s);
  });
});

it('two stations issuing the last units of one bin: one applied, one rejected with a readable reason and its optimistic effect rolled back', async () => {
  const first = await world.syncedStation();
  const second = await world.syncedStation();
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
  expect(await expectConverged(world, [first, second], baseline)).toEqual({
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
    const station = await world.syncedStation();
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
    expect(await expectConverged(world, [station], baseline)).toEqual({
      applied: 1,
      rejected: 0,
    });
  });
});
