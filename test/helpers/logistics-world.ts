// A tenant for the logistics tests: two sites (NBO, the sending depot, and MSA, the port yard),
// two enrolled stations at each (their own login roles), users of every role at both, assets
// (a unit with two components and a grand-component, plain units, a disposed one, one at the other
// site), parts with stock in NBO's warehouse, and helpers that push operations through amms_push
// as a station exactly as the station's push does. Call cleanup() before dropping the database.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { enrollStation } from '../../db/admin/enroll-station.ts';
import { readStationFile, stationConnectionString } from '../../db/admin/station-file.ts';
import {
  insertAsset,
  insertAssetIdentity,
  insertBuilding,
  insertLocation,
  insertPart,
  insertStock,
  insertTenant,
  insertUser,
  insertWarehouse,
  type UserRole,
} from './base-fixture.ts';
import { dropTestRole } from './two-tenants.ts';

export type Json = Record<string, unknown>;

export interface PushResult {
  op_id: string;
  outcome: 'applied' | 'rejected' | 'error' | 'retry';
  code: string | null;
  reason: string | null;
  result: Json | null;
  duplicate: boolean;
}

export interface Envelope {
  op_id: string;
  type: string;
  user_id: string;
  seq: number;
  payload: Json;
}

export interface WorldStation {
  id: string;
  prefix: string;
  client: pg.Client;
  roleName: string;
  /** The next gate pass number this station has not used (tests allocate like the station). */
  next: number;
}

export interface WorldSite {
  siteId: string;
  code: string;
  yardId: string;
  warehouseId: string;
  warehouseCode: string;
  /** One active user per role, with this site as home. */
  users: Record<UserRole, string>;
  stations: [WorldStation, WorldStation];
}

export interface LogisticsWorld {
  tenantId: string;
  slug: string;
  su: pg.Client;
  nbo: WorldSite;
  msa: WorldSite;
  push(
    station: WorldStation,
    type: string,
    userId: string,
    payload: Json,
    opId?: string,
  ): Promise<PushResult>;
  envelope(type: string, userId: string, payload: Json, opId?: string): Envelope;
  /** Pushes operations in one amms_push_batch call (one transaction), as a station's backlog goes. */
  pushBatch(station: WorldStation, ops: readonly Envelope[]): Promise<PushResult[]>;
  /** A fresh gate pass reference of the station (GP-<prefix>-NNNN). */
  nextRef(station: WorldStation): string;
  cleanup(): Promise<void>;
}

const ROLES: readonly UserRole[] = [
  'admin',
  'manager',
  'supervisor',
  'storekeeper',
  'logistics_clerk',
  'technician',
  'operator',
];

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

async function enrol(url: string, slug: string, siteCode: string, name: string): Promise<WorldStation> {
  const dir = mkdtempSync(join(tmpdir(), 'amms-logistics-'));
  try {
    await enrollStation({ adminUrl: url, tenantSlug: slug, siteCode, dir, name });
    const file = readStationFile(dir);
    const client = await connect(stationConnectionString(file));
    const { rows } = await client.query<{ prefix: string }>(
      'SELECT gate_pass_prefix AS prefix FROM stations WHERE id = $1',
      [file.stationId],
    );
    return {
      id: file.stationId,
      prefix: rows[0]?.prefix ?? '',
      client,
      roleName: file.database.user,
      next: 1,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function buildSite(
  su: pg.Client,
  url: string,
  tenantId: string,
  slug: string,
  code: string,
): Promise<WorldSite> {
  const siteId = await insertLocation(su, tenantId, 'site', null, { code, name: `Site ${code}` });
  const buildingId = await insertBuilding(su, tenantId, siteId, { code: `${code}-SB` });
  const yardId = await insertLocation(su, tenantId, 'area', siteId, { code: `${code}-YARD`, name: 'Yard' });
  const warehouseCode = `${code}-WH1`;
  const warehouseId = await insertWarehouse(su, tenantId, buildingId, {
    code: warehouseCode,
    name: 'Stores',
  });
  const users = {} as Record<UserRole, string>;
  for (const role of ROLES) {
    users[role] = await insertUser(su, tenantId, role, {
      site_id: siteId,
      full_name: `${role.replace('_', ' ')} ${code.split('-').pop()?.toLowerCase() ?? ''}`.replace(
        /^\w/,
        (c) => c.toUpperCase(),
      ),
    });
  }
  const stations: [WorldStation, WorldStation] = [
    await enrol(url, slug, code, `Gate 1 ${code}`),
    await enrol(url, slug, code, `Gate 2 ${code}`),
  ];
  return { siteId, code, yardId, warehouseId, warehouseCode, users, stations };
}

export async function buildLogisticsWorld(url: string): Promise<LogisticsWorld> {
  const su = await connect(url);
  const slug = `logi-${randomBytes(4).toString('hex')}`;
  const tenantId = await insertTenant(su, { slug });
  const tag = randomBytes(2).toString('hex').toUpperCase();
  const nbo = await buildSite(su, url, tenantId, slug, `T${tag}-NBO`);
  const msa = await buildSite(su, url, tenantId, slug, `T${tag}-MSA`);
  let seq = 0;
  const envelope = (type: string, userId: string, payload: Json, opId: string = randomUUID()): Envelope => {
    seq += 1;
    return { op_id: opId, type, user_id: userId, seq, payload };
  };
  return {
    tenantId,
    slug,
    su,
    nbo,
    msa,
    envelope,
    async push(station, type, userId, payload, opId) {
      const { rows } = await station.client.query<{ r: PushResult }>('SELECT amms_push(1, $1::jsonb) AS r', [
        JSON.stringify(envelope(type, userId, payload, opId)),
      ]);
      const result = rows[0]?.r;
      if (!result) throw new Error('amms_push returned no row');
      return result;
    },
    async pushBatch(station, ops) {
      const { rows } = await station.client.query<{ r: PushResult[] }>(
        'SELECT amms_push_batch(1, $1::jsonb) AS r',
        [JSON.stringify(ops)],
      );
      return rows[0]?.r ?? [];
    },
    nextRef(station) {
      const ref = `GP-${station.prefix}-${String(station.next).padStart(4, '0')}`;
      station.next += 1;
      return ref;
    },
    async cleanup() {
      for (const station of [...nbo.stations, ...msa.stations]) {
        await station.client.end().catch(() => undefined);
        await dropTestRole(url, station.roleName);
      }
      await su.end();
    },
  };
}

// Assets and parts --------------------------------------------------------------------------------

export interface UnitTree {
  unitId: string;
  unitCode: string;
  /** Two components of the unit; the first has a component of its own (grandId). */
  componentIds: [string, string];
  componentCodes: [string, string];
  grandId: string;
  grandCode: string;
}

/** An asset with a client code, at a location. */
export async function newAsset(
  w: LogisticsWorld,
  locationId: string,
  fields: Json = {},
  prefix = 'EX',
): Promise<{ id: string; code: string }> {
  const code = `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}`;
  const id = await insertAsset(w.su, w.tenantId, locationId, { name: `Machine ${code}`, ...fields });
  await insertAssetIdentity(w.su, w.tenantId, id, { client_code: code });
  return { id, code };
}

/** A unit with two components, the first with a component of its own. */
export async function newUnitTree(w: LogisticsWorld, locationId: string): Promise<UnitTree> {
  const unit = await newAsset(w, locationId, {}, 'EX');
  const c1 = await newAsset(w, locationId, { parent_id: unit.id }, 'ENG');
  const c2 = await newAsset(w, locationId, { parent_id: unit.id }, 'BKT');
  const grand = await newAsset(w, locationId, { parent_id: c1.id }, 'TRB');
  return {
    unitId: unit.id,
    unitCode: unit.code,
    componentIds: [c1.id, c2.id],
    componentCodes: [c1.code, c2.code],
    grandId: grand.id,
    grandCode: grand.code,
  };
}

/** A part (pieces) with qty in a bin of NBO's warehouse. */
export async function newPart(
  w: LogisticsWorld,
  qty: number,
  bin = 'A-01',
  unit: 'piece' | 'litre' = 'piece',
): Promise<{ id: string; sku: string; bin: string }> {
  const sku = `P${randomBytes(4).toString('hex').toUpperCase()}`;
  const id = await insertPart(w.su, w.tenantId, { sku, unit, name: `Part ${sku}` });
  if (qty > 0) {
    await insertStock(w.su, w.tenantId, id, w.nbo.warehouseId, { bin_location: bin, qty_on_hand: qty });
  }
  return { id, sku, bin };
}

// Reading back ------------------------------------------------------------------------------------

export async function stockQty(
  w: LogisticsWorld,
  partId: string,
  locationId: string,
  bin: string,
): Promise<number | null> {
  const { rows } = await w.su.query<{ q: number }>(
    'SELECT qty_on_hand::float8 AS q FROM inventory_stock WHERE part_id = $1 AND location_id = $2 AND bin_location = $3',
    [partId, locationId, bin],
  );
  return rows[0]?.q ?? null;
}

export async function shipmentRow(w: LogisticsWorld, id: string): Promise<Json> {
  const { rows } = await w.su.query<{ row: Json }>(
    'SELECT to_jsonb(s) AS row FROM shipments s WHERE id = $1',
    [id],
  );
  const row = rows[0]?.row;
  if (!row) throw new Error(`shipment ${id} not found`);
  return row;
}

export async function assetRow(
  w: LogisticsWorld,
  id: string,
): Promise<{ location_id: string; status: string; parent_id: string | null }> {
  const { rows } = await w.su.query<{ location_id: string; status: string; parent_id: string | null }>(
    'SELECT location_id::text, status::text, parent_id::text FROM assets WHERE id = $1',
    [id],
  );
  const row = rows[0];
  if (!row) throw new Error(`asset ${id} not found`);
  return row;
}

export async function movementsOf(
  w: LogisticsWorld,
  shipmentId: string,
): Promise<
  {
    asset_id: string;
    status: string;
    parent_asset_id: string | null;
    detached_from_asset_id: string | null;
  }[]
> {
  const { rows } = await w.su.query<{
    asset_id: string;
    status: string;
    parent_asset_id: string | null;
    detached_from_asset_id: string | null;
  }>(
    `SELECT m.asset_id::text, m.status::text, p.asset_id::text AS parent_asset_id, m.detached_from_asset_id::text
       FROM asset_movements m LEFT JOIN asset_movements p ON p.id = m.parent_movement_id
      WHERE m.shipment_id = $1 ORDER BY m.created_at, m.id`,
    [shipmentId],
  );
  return rows;
}

/** A fingerprint of every table a logistics operation may change (all tenants). */
export async function logisticsState(w: LogisticsWorld): Promise<Record<string, string>> {
  const state: Record<string, string> = {};
  for (const table of [
    'shipments',
    'asset_movements',
    'assets',
    'inventory_stock',
    'stock_movements',
    'shipment_part_lines',
    'shipment_seals',
    'shipment_receipt_lines',
    'shipment_discrepancies',
    'audit_logs',
    'sync_tombstones',
  ]) {
    const { rows } = await w.su.query<{ h: string }>(
      `SELECT count(*) || ':' || md5(coalesce(string_agg(to_jsonb(x)::text, '|' ORDER BY x.id), '')) AS h
         FROM ${pg.escapeIdentifier(table)} x`,
    );
    state[table] = rows[0]?.h ?? '';
  }
  return state;
}
