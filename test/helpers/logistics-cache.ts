// The station cache the logistics tests of src-main/logistics work on: a tenant with this site
// (ACME-NBO: its stores building and main warehouse) and another (ACME-MSA: its port warehouse),
// users of every role, the station (gate pass prefix NBO1, an older cancelled truck GP-NBO1-0007),
// the cargo (EX-101 with its engine ENG-5 and that engine's turbo TRB-1, a loose GEN-7, EX-900 at
// the other site) and ten FLT-100 filters in bin A-01; and a dispatched truck from MSA to here.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import type { UserRole } from '../../db/schema/pg/enums.ts';
import { StationCache } from '../../src-main/cache/station-cache.ts';
import { insertMirrorRows, type MirrorRow } from './mirror-rows.ts';
import {
  buildingId,
  NAMES,
  otherSiteId,
  otherSiteWarehouseId,
  siteId,
  station,
  tenantId,
  users,
  warehouseId,
} from './ops-test-ids.ts';

type MirrorTable = Parameters<typeof insertMirrorRows>[1];

/** The cargo's ids (fixed for the test file that imports this). */
export const CARGO = {
  unit: uuidv7(),
  engine: uuidv7(),
  turbo: uuidv7(),
  loose: uuidv7(),
  away: uuidv7(),
  filter: uuidv7(),
};

/** Mirror rows of the tenant. */
export function mirrorRows(cache: StationCache, table: MirrorTable, list: MirrorRow[]): void {
  insertMirrorRows(
    cache.writer,
    table,
    list.map((row) => ({ tenant_id: tenantId, ...row })),
  );
}

/** A fresh cache in a temporary folder (the caller closes it and removes `dir`). */
export function openLogisticsCache(prefix: string): { dir: string; cache: StationCache } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const cache = StationCache.open(dir);
  const rows = (table: MirrorTable, list: MirrorRow[]): void => {
    mirrorRows(cache, table, list);
  };
  const asset = (id: string, code: string, location: string, parent: string | null = null): void => {
    rows('assets', [
      { id, parent_id: parent, location_id: location, name: `Machine ${code}`, status: 'in_service' },
    ]);
    rows('asset_identities', [{ asset_id: id, client_code: code }]);
  };
  cache.transaction(() => {
    insertMirrorRows(cache.writer, 'tenants', [{ id: tenantId, slug: 'acme', name: 'Acme', settings: '{}' }]);
    rows('locations', [
      { id: siteId, type: 'site', code: 'ACME-NBO', name: 'Nairobi', site_id: siteId, is_active: 1 },
      {
        id: buildingId,
        parent_id: siteId,
        type: 'building',
        code: 'NBO-SB',
        name: 'Stores',
        site_id: siteId,
        is_active: 1,
      },
      {
        id: warehouseId,
        parent_id: buildingId,
        type: 'warehouse',
        code: 'NBO-WH1',
        name: 'Main',
        site_id: siteId,
        is_active: 1,
      },
      {
        id: otherSiteId,
        type: 'site',
        code: 'ACME-MSA',
        name: 'Mombasa',
        site_id: otherSiteId,
        is_active: 1,
      },
      {
        id: otherSiteWarehouseId,
        parent_id: otherSiteId,
        type: 'warehouse',
        code: 'MSA-WH1',
        name: 'Port',
        site_id: otherSiteId,
        is_active: 1,
      },
    ]);
    rows(
      'users',
      (Object.keys(users) as UserRole[]).map((role) => ({
        id: users[role],
        email: `${role}@example.test`,
        full_name: NAMES[role],
        role,
        password_hash: 'scrypt$x',
        site_id: siteId,
        is_active: 1,
      })),
    );
    rows('stations', [
      {
        id: station.stationId,
        site_id: siteId,
        name: 'Gate 1',
        role_name: 'amms_st_x',
        enrolled_at: '2026-01-01',
        gate_pass_prefix: 'NBO1',
      },
    ]);
    rows('shipments', [
      // An older truck of this station: the next reference follows it.
      {
        id: uuidv7(),
        gate_pass_ref: 'GP-NBO1-0007',
        origin_location_id: siteId,
        destination_location_id: otherSiteId,
        status: 'cancelled',
        is_returnable: 0,
        created_at: '2026-11-01T08:00:00.000000Z',
      },
    ]);
    asset(CARGO.unit, 'EX-101', buildingId);
    asset(CARGO.engine, 'ENG-5', buildingId, CARGO.unit);
    asset(CARGO.turbo, 'TRB-1', buildingId, CARGO.engine);
    asset(CARGO.loose, 'GEN-7', buildingId);
    asset(CARGO.away, 'EX-900', otherSiteId);
    rows('parts', [{ id: CARGO.filter, sku: 'FLT-100', name: 'Filter', unit: 'piece', is_active: 1 }]);
    rows('inventory_stock', [
      { part_id: CARGO.filter, location_id: warehouseId, bin_location: 'A-01', qty_on_hand: 10 },
    ]);
  });
  return { dir, cache };
}

/**
 * A truck from Mombasa to this site, dispatched, as the mirror holds it: EX-101 (the movement
 * `unitMove`) with its engine, five filters from MSA's bin B-01 and two seals, KE-1 and KE-2.
 */
export function addIncomingTruck(cache: StationCache, truck: string, unitMove: string): void {
  cache.transaction(() => {
    mirrorRows(cache, 'shipments', [
      {
        id: truck,
        gate_pass_ref: 'GP-MSA1-0012',
        origin_location_id: otherSiteId,
        destination_location_id: siteId,
        status: 'dispatched',
        is_returnable: 0,
        dispatched_at: '2026-11-25T06:00:00.000000Z',
        vehicle_reg: 'KBZ 1',
        driver_name: 'Ali',
        created_at: '2026-11-25T05:00:00.000000Z',
      },
    ]);
    cache.writer
      .prepare('UPDATE assets SET location_id = ? WHERE id IN (?, ?, ?)')
      .run(otherSiteId, CARGO.unit, CARGO.engine, CARGO.turbo);
    mirrorRows(cache, 'asset_movements', [
      {
        id: unitMove,
        asset_id: CARGO.unit,
        shipment_id: truck,
        from_location_id: otherSiteId,
        to_location_id: siteId,
        status: 'in_transit',
        gate_pass_ref: 'GP-MSA1-0012',
        moved_at: '2026-11-25T06:00:00Z',
        is_extra: 0,
        created_at: '2026-11-25T05:10:00.000000Z',
      },
      {
        asset_id: CARGO.engine,
        shipment_id: truck,
        parent_movement_id: unitMove,
        from_location_id: otherSiteId,
        to_location_id: siteId,
        status: 'in_transit',
        gate_pass_ref: 'GP-MSA1-0012',
        moved_at: '2026-11-25T06:00:00Z',
        is_extra: 0,
        created_at: '2026-11-25T05:10:00.000001Z',
      },
    ]);
    mirrorRows(cache, 'shipment_part_lines', [
      {
        shipment_id: truck,
        part_id: CARGO.filter,
        source_location_id: otherSiteWarehouseId,
        source_bin: 'B-01',
        qty: 5,
        received_qty: 0,
        status: 'in_transit',
      },
    ]);
    mirrorRows(cache, 'shipment_seals', [
      { shipment_id: truck, seq: 1, seal_number: 'KE-1', sealed_at: '2026-11-25T06:00:00Z' },
      { shipment_id: truck, seq: 2, seal_number: 'KE-2', sealed_at: '2026-11-25T06:00:00Z' },
    ]);
  });
}
