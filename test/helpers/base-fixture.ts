// Test data for database tests: small helpers that insert rows as the superuser, with sensible
// defaults and overridable fields (column names as in the schema), each returning the new row's id.
// Codes, e-mails and slugs are made unique with a per-process counter, so helpers can be called
// any number of times in one database.
import pg from 'pg';
import { expect } from 'vitest';
import { hashPassword } from '../../db/auth/password-hash.ts';

/** Anything that can run a query: a pg.Client or a pooled client. */
export type Queryable = Pick<pg.ClientBase, 'query'>;

export type UserRole =
  'admin' | 'manager' | 'supervisor' | 'storekeeper' | 'logistics_clerk' | 'technician' | 'operator';
export type LocationType = 'site' | 'building' | 'room' | 'area' | 'warehouse';
export type WoStatus = 'draft' | 'ready' | 'in_progress' | 'closed' | 'cancelled';
export type MovementStatus = 'loaded' | 'in_transit' | 'received' | 'cancelled';

/** Column values of one row; undefined values are left out (the column default applies). */
export type Row = Record<string, unknown>;

export const DEFAULT_PASSWORD = 'correct horse battery staple';

let passwordHash: Promise<string> | undefined;

/** The scrypt hash of DEFAULT_PASSWORD, computed once per process (scrypt is slow on purpose). */
export function defaultPasswordHash(): Promise<string> {
  passwordHash ??= hashPassword(DEFAULT_PASSWORD);
  return passwordHash;
}

let counter = 0;

/** A number unique in this process, for codes, slugs and e-mails. */
export function nextSeq(): number {
  counter += 1;
  return counter;
}

/** Inserts one row and returns its id. Table and column names are trusted (test code). */
export async function insertRow(db: Queryable, table: string, values: Row): Promise<string> {
  const entries = Object.entries(values).filter(([, v]) => v !== undefined);
  const columns = entries.map(([k]) => pg.escapeIdentifier(k)).join(', ');
  const params = entries.map((_, i) => `$${i + 1}`).join(', ');
  const sql =
    entries.length === 0
      ? `INSERT INTO ${pg.escapeIdentifier(table)} DEFAULT VALUES RETURNING id`
      : `INSERT INTO ${pg.escapeIdentifier(table)} (${columns}) VALUES (${params}) RETURNING id`;
  const { rows } = await db.query<{ id: string }>(
    sql,
    entries.map(([, v]) => v),
  );
  const row = rows[0];
  if (!row) throw new Error(`INSERT INTO ${table} returned no row`);
  return row.id;
}

// Core ---------------------------------------------------------------------------------------------

export async function insertTenant(db: Queryable, fields: Row = {}): Promise<string> {
  const n = nextSeq();
  return insertRow(db, 'tenants', { slug: `tenant-${n}`, name: `Tenant ${n}`, ...fields });
}

export async function insertLocation(
  db: Queryable,
  tenantId: string,
  type: LocationType,
  parentId: string | null,
  fields: Row = {},
): Promise<string> {
  const n = nextSeq();
  return insertRow(db, 'locations', {
    tenant_id: tenantId,
    parent_id: parentId,
    type,
    code: `${type.toUpperCase()}-${n}`,
    name: `${type} ${n}`,
    ...fields,
  });
}

export function insertSite(db: Queryable, tenantId: string, fields: Row = {}): Promise<string> {
  return insertLocation(db, tenantId, 'site', null, fields);
}

export function insertBuilding(
  db: Queryable,
  tenantId: string,
  siteId: string,
  fields: Row = {},
): Promise<string> {
  return insertLocation(db, tenantId, 'building', siteId, fields);
}

export function insertWarehouse(
  db: Queryable,
  tenantId: string,
  parentId: string,
  fields: Row = {},
): Promise<string> {
  return insertLocation(db, tenantId, 'warehouse', parentId, fields);
}

export interface SiteTree {
  siteId: string;
  buildingId: string;
  warehouseId: string;
}

/** A site > building > warehouse chain. */
export async function insertSiteTree(db: Queryable, tenantId: string): Promise<SiteTree> {
  const siteId = await insertSite(db, tenantId);
  const buildingId = await insertBuilding(db, tenantId, siteId);
  const warehouseId = await insertWarehouse(db, tenantId, buildingId);
  return { siteId, buildingId, warehouseId };
}

export async function insertUser(
  db: Queryable,
  tenantId: string,
  role: UserRole,
  fields: Row = {},
): Promise<string> {
  const n = nextSeq();
  return insertRow(db, 'users', {
    tenant_id: tenantId,
    role,
    email: `${role}.${n}@example.test`,
    full_name: `${role} ${n}`,
    password_hash: await defaultPasswordHash(),
    ...fields,
  });
}

// Registry -----------------------------------------------------------------------------------------

export async function insertAsset(
  db: Queryable,
  tenantId: string,
  locationId: string,
  fields: Row = {},
): Promise<string> {
  const n = nextSeq();
  return insertRow(db, 'assets', {
    tenant_id: tenantId,
    location_id: locationId,
    name: `Asset ${n}`,
    ...fields,
  });
}

export async function insertAssetIdentity(
  db: Queryable,
  tenantId: string,
  assetId: string,
  fields: Row = {},
): Promise<string> {
  const n = nextSeq();
  return insertRow(db, 'asset_identities', {
    tenant_id: tenantId,
    asset_id: assetId,
    client_code: `P-${n}`,
    ...fields,
  });
}

export function insertAssetMeter(
  db: Queryable,
  tenantId: string,
  assetId: string,
  fields: Row = {},
): Promise<string> {
  return insertRow(db, 'asset_meters', { tenant_id: tenantId, asset_id: assetId, ...fields });
}

// Maintenance --------------------------------------------------------------------------------------

export async function insertPmSchedule(
  db: Queryable,
  tenantId: string,
  assetId: string,
  fields: Row = {},
): Promise<string> {
  const n = nextSeq();
  return insertRow(db, 'pm_schedules', {
    tenant_id: tenantId,
    asset_id: assetId,
    name: `PM ${n}`,
    interval_days: 30,
    ...fields,
  });
}

export async function insertWorkOrder(
  db: Queryable,
  tenantId: string,
  assetId: string,
  fields: Row = {},
): Promise<string> {
  const n = nextSeq();
  return insertRow(db, 'work_orders', {
    tenant_id: tenantId,
    asset_id: assetId,
    code: `WO-${n}`,
    origin: 'cm',
    title: `Work order ${n}`,
    // A cancelled work order carries its reason (work_orders_cancelled_has_reason).
    cancel_reason: fields.status === 'cancelled' ? 'Cancelled by the test' : undefined,
    ...fields,
  });
}

export async function insertWoTask(
  db: Queryable,
  tenantId: string,
  woId: string,
  fields: Row = {},
): Promise<string> {
  const n = nextSeq();
  return insertRow(db, 'wo_tasks', {
    tenant_id: tenantId,
    wo_id: woId,
    seq: n,
    description: `Task ${n}`,
    ...fields,
  });
}

export function insertServiceRequest(
  db: Queryable,
  tenantId: string,
  assetId: string,
  reportedByUserId: string,
  fields: Row = {},
): Promise<string> {
  return insertRow(db, 'service_requests', {
    tenant_id: tenantId,
    asset_id: assetId,
    reported_by_user_id: reportedByUserId,
    description: 'Leaking hydraulic hose',
    ...fields,
  });
}

// Inventory ----------------------------------------------------------------------------------------

export async function insertPart(db: Queryable, tenantId: string, fields: Row = {}): Promise<string> {
  const n = nextSeq();
  return insertRow(db, 'parts', { tenant_id: tenantId, sku: `SKU-${n}`, name: `Part ${n}`, ...fields });
}

export function insertStock(
  db: Queryable,
  tenantId: string,
  partId: string,
  locationId: string,
  fields: Row = {},
): Promise<string> {
  return insertRow(db, 'inventory_stock', {
    tenant_id: tenantId,
    part_id: partId,
    location_id: locationId,
    bin_location: 'A-01',
    qty_on_hand: 10,
    ...fields,
  });
}

export function insertWallet(
  db: Queryable,
  tenantId: string,
  userId: string,
  partId: string,
  fields: Row = {},
): Promise<string> {
  return insertRow(db, 'inventory_wallets', {
    tenant_id: tenantId,
    user_id: userId,
    part_id: partId,
    qty_held: 1,
    ...fields,
  });
}

/** A consumable taken from the technician's wallet (source 'wallet'). */
export function insertConsumable(
  db: Queryable,
  tenantId: string,
  woId: string,
  partId: string,
  technicianId: string,
  fields: Row = {},
): Promise<string> {
  return insertRow(db, 'wo_consumables', {
    tenant_id: tenantId,
    wo_id: woId,
    part_id: partId,
    qty_used: 1,
    cost_at_time: 0,
    source: 'wallet',
    source_user_id: technicianId,
    consumed_by_user_id: technicianId,
    ...fields,
  });
}

// Logistics and daily ops ---------------------------------------------------------------------------

export async function insertShipment(
  db: Queryable,
  tenantId: string,
  originId: string,
  destinationId: string,
  fields: Row = {},
): Promise<string> {
  const n = nextSeq();
  return insertRow(db, 'shipments', {
    tenant_id: tenantId,
    gate_pass_ref: `GP-${n}`,
    origin_location_id: originId,
    destination_location_id: destinationId,
    ...fields,
  });
}

export function insertMovement(
  db: Queryable,
  tenantId: string,
  assetId: string,
  fromId: string,
  toId: string,
  fields: Row = {},
): Promise<string> {
  return insertRow(db, 'asset_movements', {
    tenant_id: tenantId,
    asset_id: assetId,
    from_location_id: fromId,
    to_location_id: toId,
    ...fields,
  });
}

export function insertDailyLog(
  db: Queryable,
  tenantId: string,
  assetId: string,
  supervisorId: string,
  fields: Row = {},
): Promise<string> {
  return insertRow(db, 'daily_logs', {
    tenant_id: tenantId,
    asset_id: assetId,
    supervisor_id: supervisorId,
    date: '2025-01-15',
    run_hours_added: 8,
    fuel_liters_added: 40,
    ...fields,
  });
}

// A whole tenant -----------------------------------------------------------------------------------

export interface BaseFixture extends SiteTree {
  tenantId: string;
  adminId: string;
  supervisorId: string;
  storekeeperId: string;
  technicianId: string;
  partId: string;
  /** An asset in the building. */
  assetId: string;
}

/** A tenant with a site > building > warehouse, one user per main role, a part and an asset. */
export async function insertBaseFixture(db: Queryable, tenantFields: Row = {}): Promise<BaseFixture> {
  const tenantId = await insertTenant(db, tenantFields);
  const tree = await insertSiteTree(db, tenantId);
  return {
    tenantId,
    ...tree,
    adminId: await insertUser(db, tenantId, 'admin', { site_id: tree.siteId }),
    supervisorId: await insertUser(db, tenantId, 'supervisor', { site_id: tree.siteId }),
    storekeeperId: await insertUser(db, tenantId, 'storekeeper', { site_id: tree.siteId }),
    technicianId: await insertUser(db, tenantId, 'technician', { site_id: tree.siteId }),
    partId: await insertPart(db, tenantId),
    assetId: await insertAsset(db, tenantId, tree.buildingId),
  };
}

// Errors -------------------------------------------------------------------------------------------

/** Awaits a statement that must fail and returns the PostgreSQL error it raised. */
export async function pgErrorOf(statement: Promise<unknown>): Promise<pg.DatabaseError> {
  try {
    await statement;
  } catch (error) {
    if (error instanceof pg.DatabaseError) return error;
    throw error;
  }
  throw new Error('Expected the statement to fail, but it succeeded');
}

/**
 * Asserts that a statement fails with the given SQLSTATE and, when given, the given constraint
 * name (the error's constraint field). Returns the error for further checks.
 */
export async function expectPgError(
  statement: Promise<unknown>,
  code: string,
  constraint?: string,
): Promise<pg.DatabaseError> {
  const error = await pgErrorOf(statement);
  expect({ code: error.code, constraint: error.constraint }, error.message).toEqual({
    code,
    constraint: constraint ?? error.constraint,
  });
  return error;
}
