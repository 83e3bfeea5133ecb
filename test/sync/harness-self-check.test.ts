// The checks every sync test ends with must be able to fail: a station whose cache differs from
// the server in any way (a value, a row too many or too few, a microsecond, a JSON key) and an
// operation whose effect landed twice are both caught.
import { expect, it } from 'vitest';
import {
  captureBaseline,
  expectOperationsAppliedOnce,
  expectStationMatchesServer,
  stationDiff,
} from '../helpers/sync-harness.ts';
import { useSyncWorld } from '../helpers/sync-world.ts';

const world = useSyncWorld();

it('the station-versus-server comparison catches any difference in any mirror table', async () => {
  const station = await world.enroll();
  await station.syncOnce();
  await expectStationMatchesServer(station);

  const db = station.cache.writer;
  const stock = station.stock(1)[0];
  const part = db.prepare('SELECT id FROM parts ORDER BY id LIMIT 1').pluck().get() as string;
  const log = db.prepare('SELECT id FROM daily_logs ORDER BY id LIMIT 1').pluck().get() as string;
  const user = db.prepare('SELECT id, updated_at FROM users ORDER BY id LIMIT 1').get() as {
    id: string;
    updated_at: string;
  };
  if (!stock) throw new Error('no stock at the station site');
  db.prepare('UPDATE inventory_stock SET qty_on_hand = qty_on_hand + 0.001 WHERE id = ?').run(stock.id);
  db.prepare('DELETE FROM parts WHERE id = ?').run(part);
  db.prepare(
    `INSERT INTO daily_logs SELECT '00000000-0000-7000-8000-00000000beef', tenant_id, date, supervisor_id, asset_id,
       run_hours_added, fuel_liters_added, notes, created_at, updated_at, row_version, change_xid
       FROM daily_logs WHERE id = ?`,
  ).run(log);
  // One microsecond later.
  const later = user.updated_at.replace(/(\d)Z$/, (_m, d: string) => `${(Number(d) + 1) % 10}Z`);
  db.prepare('UPDATE users SET updated_at = ? WHERE id = ?').run(later, user.id);
  db.prepare(`UPDATE tenants SET settings = json_set(settings, '$.harness_check', 1)`).run();

  const diff = await stationDiff(station);
  expect(Object.keys(diff).sort()).toEqual(['daily_logs', 'inventory_stock', 'parts', 'tenants', 'users']);
  expect(diff.inventory_stock?.changed).toEqual([
    expect.objectContaining({ id: stock.id, column: 'qty_on_hand', server: stock.qty_on_hand }),
  ]);
  expect(diff.parts?.missing).toEqual([part]);
  expect(diff.daily_logs?.extra).toEqual(['00000000-0000-7000-8000-00000000beef']);
  expect(diff.users?.changed).toEqual([expect.objectContaining({ id: user.id, column: 'updated_at' })]);
  expect(diff.tenants?.changed).toEqual([expect.objectContaining({ column: 'settings' })]);
  await expect(expectStationMatchesServer(station)).rejects.toThrow();
});

it('the exactly-once check catches an operation whose effect landed twice', async () => {
  const station = await world.enroll();
  await station.syncOnce();
  const baseline = await captureBaseline(world, station.file.tenantId);
  const bin = station.stock(1)[0];
  if (!bin) throw new Error('no stock at the station site');
  station.submit('stock.receive', {
    lines: [{ part_id: bin.part_id, location_id: bin.location_id, bin_location: bin.bin_location, qty: 2 }],
  });
  await station.syncOnce();
  expect(await expectOperationsAppliedOnce(world, [station], baseline)).toEqual({ applied: 1, rejected: 0 });

  await world.admin.query('UPDATE inventory_stock SET qty_on_hand = qty_on_hand + 2 WHERE id = $1', [bin.id]);
  await station.syncOnce();
  await expectStationMatchesServer(station);
  await expect(expectOperationsAppliedOnce(world, [station], baseline)).rejects.toThrow(
    /stock after the applied operations/,
  );
});
