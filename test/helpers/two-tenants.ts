// Two tenants, A and B, each with at least one row in every tenant-owned table and one enrolled
// station, for tests of tenant isolation (and any later test that needs a populated database).
// Everything is written as the superuser, through the real constraints and triggers: audit rows
// come from the audit triggers and a tombstone from deleting a scratch row. Station roles are
// cluster-wide, so call cleanup() before the database is dropped.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { enrollStation } from '../../db/admin/enroll-station.ts';
import { readStationFile, stationConnectionString } from '../../db/admin/station-file.ts';
import { hashPassword } from '../../db/auth/password-hash.ts';
import { uuidv7 } from '../../db/ids/uuidv7.ts';

/** Every table that holds tenant data (row-level security on each). */
export const TENANT_TABLES = [
  'tenants',
  'users',
  'stations',
  'audit_logs',
  'locations',
  'assets',
  'asset_identities',
  'asset_meters',
  'asset_specs',
  'pm_schedules',
  'work_orders',
  'wo_tasks',
  'service_requests',
  'parts',
  'inventory_stock',
  'inventory_wallets',
  'wo_consumables',
  'shipments',
  'asset_movements',
  'daily_logs',
  'sync_tombstones',
  'shipment_part_lines',
  'shipment_seals',
  'shipment_receipt_lines',
  'shipment_discrepancies',
] as const;
export type TenantTable = (typeof TENANT_TABLES)[number];

/** Tables whose id is a GENERATED ALWAYS identity (bigint) rather than a uuid. */
export const IDENTITY_TABLES: ReadonlySet<TenantTable> = new Set<TenantTable>([
  'audit_logs',
  'sync_tombstones',
]);

/** The column that names a row's tenant: tenants.id, everywhere else tenant_id. */
export function tenantColumn(table: TenantTable): 'id' | 'tenant_id' {
  return table === 'tenants' ? 'id' : 'tenant_id';
}

/** Ids (as text) of one tenant's rows, per table, as they were when the fixture was built. */
export type RowIds = Record<TenantTable, string[]>;

export interface TenantStation {
  id: string;
  roleName: string;
  /** node-postgres URL logging in as the station's own role. */
  url: string;
}

export interface TenantFixture {
  tenantId: string;
  slug: string;
  siteId: string;
  siteCode: string;
  buildingId: string;
  warehouseId: string;
  supervisorId: string;
  technicianId: string;
  /** The top-level asset (a unit) and its component (child of the unit). */
  unitAssetId: string;
  componentAssetId: string;
  partId: string;
  workOrderId: string;
  /** The loading shipment from the site to its warehouse, with the component on it. */
  shipmentId: string;
  station: TenantStation;
  ids: RowIds;
}

export interface TwoTenants {
  superuserUrl: string;
  a: TenantFixture;
  b: TenantFixture;
  /** The scrypt hash every fixture user has (see FIXTURE_PASSWORD). */
  passwordHash: string;
  /** Drops the station roles (cluster-wide). Call before dropping the database. */
  cleanup(): Promise<void>;
}

export const FIXTURE_PASSWORD = 'two tenants, one database';

type Queryable = Pick<pg.ClientBase, 'query'>;

async function insert(db: Queryable, table: string, values: Record<string, unknown>): Promise<string> {
  const entries = Object.entries(values);
  const columns = entries.map(([k]) => pg.escapeIdentifier(k)).join(', ');
  const params = entries.map((_, i) => `$${i + 1}`).join(', ');
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO ${pg.escapeIdentifier(table)} (${columns}) VALUES (${params}) RETURNING id::text AS id`,
    entries.map(([, v]) => v),
  );
  const row = rows[0];
  if (!row) throw new Error(`INSERT INTO ${table} returned no row`);
  return row.id;
}

type SeededTenant = Omit<TenantFixture, 'station' | 'ids'>;

/** One tenant's rows in every table except stations, audit_logs and sync_tombstones. */
async function seedTenant(db: Queryable, label: string, passwordHash: string): Promise<SeededTenant> {
  const lower = label.toLowerCase();
  const slug = `tenant-${lower}-${randomBytes(4).toString('hex')}`;
  const tenantId = await insert(db, 'tenants', { id: uuidv7(), slug, name: `Tenant ${label}` });
  const t = { tenant_id: tenantId };
  const siteCode = `SITE-${label}`;
  const siteId = await insert(db, 'locations', {
    ...t,
    id: uuidv7(),
    type: 'site',
    code: siteCode,
    name: `Site ${label}`,
  });
  const buildingId = await insert(db, 'locations', {
    ...t,
    id: uuidv7(),
    parent_id: siteId,
    type: 'building',
    code: `BLD-${label}`,
    name: `Building ${label}`,
  });
  const warehouseId = await insert(db, 'locations', {
    ...t,
    id: uuidv7(),
    parent_id: buildingId,
    type: 'warehouse',
    code: `WH-${label}`,
    name: `Warehouse ${label}`,
  });
  const user = (role: string): Promise<string> =>
    insert(db, 'users', {
      ...t,
      id: uuidv7(),
      email: `${role}.${lower}@example.test`,
      full_name: `${role} ${label}`,
      role,
      password_hash: passwordHash,
      badge_code: `${role.slice(0, 3).toUpperCase()}-${label}`,
      site_id: siteId,
    });
  const supervisorId = await user('supervisor');
  const technicianId = await user('technician');
  const unitAssetId = await insert(db, 'assets', {
    ...t,
    id: uuidv7(),
    location_id: buildingId,
    name: `Generator ${label}`,
    category: 'generator',
    serial_number: `SN-${label}-1`,
  });
  const componentAssetId = await insert(db, 'assets', {
    ...t,
    id: uuidv7(),
    parent_id: unitAssetId,
    location_id: buildingId,
    name: `Alternator ${label}`,
  });
  await insert(db, 'asset_identities', {
    ...t,
    id: uuidv7(),
    asset_id: unitAssetId,
    client_code: `GEN-${label}-1`,
    qr_token: `qr${lower}${randomBytes(12).toString('hex')}`,
  });
  await insert(db, 'asset_meters', { ...t, id: uuidv7(), asset_id: unitAssetId, current_run_hours: 1250.5 });
  await insert(db, 'asset_specs', { ...t, id: uuidv7(), asset_id: unitAssetId, specs: { kva: 500 } });
  const pmId = await insert(db, 'pm_schedules', {
    ...t,
    id: uuidv7(),
    asset_id: unitAssetId,
    name: `250 h service ${label}`,
    interval_meter: 250,
  });
  const workOrderId = await insert(db, 'work_orders', {
    ...t,
    id: uuidv7(),
    code: `WO-${label}-0001`,
    asset_id: unitAssetId,
    pm_schedule_id: pmId,
    origin: 'pm',
    title: `250 h service of generator ${label}`,
    assigned_to_user_id: technicianId,
  });
  await insert(db, 'wo_tasks', { ...t, id: uuidv7(), wo_id: workOrderId, seq: 1, description: 'Change oil' });
  await insert(db, 'service_requests', {
    ...t,
    id: uuidv7(),
    asset_id: unitAssetId,
    reported_by_user_id: supervisorId,
    description: `Oil leak on generator ${label}`,
  });
  const partId = await insert(db, 'parts', {
    ...t,
    id: uuidv7(),
    sku: `OIL-${label}`,
    name: `Engine oil ${label}`,
    unit: 'litre',
    unit_cost: 4.5,
    min_level: 20,
  });
  await insert(db, 'inventory_stock', {
    ...t,
    id: uuidv7(),
    part_id: partId,
    location_id: warehouseId,
    bin_location: 'A-01',
    qty_on_hand: 40,
  });
  await insert(db, 'inventory_wallets', {
    ...t,
    id: uuidv7(),
    user_id: technicianId,
    part_id: partId,
    qty_held: 5,
  });
  await insert(db, 'wo_consumables', {
    ...t,
    id: uuidv7(),
    wo_id: workOrderId,
    part_id: partId,
    qty_used: 2,
    cost_at_time: 4.5,
    source: 'wallet',
    source_user_id: technicianId,
    consumed_by_user_id: technicianId,
  });
  const gatePass = `GP-${label}-0001`;
  const shipmentId = await insert(db, 'shipments', {
    ...t,
    id: uuidv7(),
    gate_pass_ref: gatePass,
    origin_location_id: siteId,
    destination_location_id: warehouseId,
    driver_name: `Driver ${label}`,
    created_by_user_id: supervisorId,
  });
  await insert(db, 'asset_movements', {
    ...t,
    id: uuidv7(),
    asset_id: componentAssetId,
    shipment_id: shipmentId,
    gate_pass_ref: gatePass,
    from_location_id: siteId,
    to_location_id: warehouseId,
  });
  await insert(db, 'daily_logs', {
    ...t,
    id: uuidv7(),
    date: '2025-03-01',
    supervisor_id: supervisorId,
    asset_id: unitAssetId,
    run_hours_added: 8,
    fuel_liters_added: 60,
  });
  // A scratch row, deleted at once: the delete leaves a sync tombstone.
  const scratchId = await insert(db, 'parts', {
    ...t,
    id: uuidv7(),
    sku: `TMP-${label}`,
    name: 'Scratch part',
  });
  await db.query('DELETE FROM parts WHERE id = $1', [scratchId]);
  return {
    tenantId,
    slug,
    siteId,
    siteCode,
    buildingId,
    warehouseId,
    supervisorId,
    technicianId,
    unitAssetId,
    componentAssetId,
    partId,
    workOrderId,
    shipmentId,
  };
}

/**
 * What hangs on the tenant's shipment (migration 0013): a part line, a seal, a receipt line by the
 * tenant's station and a discrepancy. Written after enrolment (a receipt line names its station).
 */
async function seedShipmentRows(db: Queryable, tenant: SeededTenant, stationId: string): Promise<void> {
  const t = { tenant_id: tenant.tenantId, shipment_id: tenant.shipmentId };
  await insert(db, 'shipment_part_lines', {
    ...t,
    id: uuidv7(),
    part_id: tenant.partId,
    source_location_id: tenant.warehouseId,
    source_bin: 'A-01',
    qty: 4,
    loaded_by_user_id: tenant.supervisorId,
  });
  const sealId = await insert(db, 'shipment_seals', { ...t, id: uuidv7(), seq: 1, seal_number: 'SEAL-0001' });
  const receiptId = await insert(db, 'shipment_receipt_lines', {
    ...t,
    id: uuidv7(),
    station_id: stationId,
    asset_id: tenant.unitAssetId,
    condition: 'damaged',
    note: 'Dented door',
    received_by_user_id: tenant.supervisorId,
  });
  await insert(db, 'shipment_discrepancies', {
    ...t,
    id: uuidv7(),
    code: 'extra',
    asset_id: tenant.unitAssetId,
    receipt_line_id: receiptId,
    recorded_by_user_id: tenant.supervisorId,
  });
  await insert(db, 'shipment_discrepancies', {
    ...t,
    id: uuidv7(),
    code: 'seal_broken',
    seal_id: sealId,
    recorded_by_user_id: tenant.supervisorId,
  });
}

async function enrol(superuserUrl: string, tenant: SeededTenant, label: string): Promise<TenantStation> {
  const dir = mkdtempSync(join(tmpdir(), `amms-station-${label.toLowerCase()}-`));
  try {
    await enrollStation({
      adminUrl: superuserUrl,
      tenantSlug: tenant.slug,
      siteCode: tenant.siteCode,
      dir,
      name: `Station ${label}`,
    });
    const file = readStationFile(dir);
    return { id: file.stationId, roleName: file.database.user, url: stationConnectionString(file) };
  } finally {
    // The URL holds the password; the station file is not needed any more.
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Ids of every row of one tenant, per table, read back as the superuser. */
export async function tenantRowIds(db: Queryable, tenantId: string): Promise<RowIds> {
  const ids = {} as RowIds;
  for (const table of TENANT_TABLES) {
    const { rows } = await db.query<{ id: string }>(
      `SELECT id::text AS id FROM ${pg.escapeIdentifier(table)} WHERE ${tenantColumn(table)} = $1 ORDER BY id`,
      [tenantId],
    );
    if (rows.length === 0) throw new Error(`two-tenants fixture: tenant ${tenantId} has no row in ${table}`);
    ids[table] = rows.map((r) => r.id);
  }
  return ids;
}

/** Drops a login role created for a test (in the database behind url, then cluster-wide). */
export async function dropTestRole(url: string, roleName: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [roleName]);
    if (!rowCount) return;
    const role = client.escapeIdentifier(roleName);
    await client.query(`DROP OWNED BY ${role}`);
    await client.query(`DROP ROLE ${role}`);
  } finally {
    await client.end();
  }
}

/**
 * Builds tenants A and B in the database behind superuserUrl (a fresh database cloned from the
 * migrated template) and enrols one station for each.
 */
export async function buildTwoTenants(superuserUrl: string): Promise<TwoTenants> {
  const passwordHash = await hashPassword(FIXTURE_PASSWORD);
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    // CREATE DATABASE ... TEMPLATE does not copy database-level privileges, so a test database
    // cloned from the migrated template has PostgreSQL's defaults again (PUBLIC may CONNECT and
    // create TEMPORARY objects). Restore what migration 0004 sets on a real AMMS database.
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    const database = client.escapeIdentifier(rows[0]?.db ?? '');
    await client.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${database} FROM PUBLIC`);

    const seededA = await seedTenant(client, 'A', passwordHash);
    const seededB = await seedTenant(client, 'B', passwordHash);
    const stationA = await enrol(superuserUrl, seededA, 'A');
    const stationB = await enrol(superuserUrl, seededB, 'B');
    await seedShipmentRows(client, seededA, stationA.id);
    await seedShipmentRows(client, seededB, stationB.id);
    const a: TenantFixture = {
      ...seededA,
      station: stationA,
      ids: await tenantRowIds(client, seededA.tenantId),
    };
    const b: TenantFixture = {
      ...seededB,
      station: stationB,
      ids: await tenantRowIds(client, seededB.tenantId),
    };
    return {
      superuserUrl,
      a,
      b,
      passwordHash,
      cleanup: async () => {
        for (const station of [stationA, stationB]) await dropTestRole(superuserUrl, station.roleName);
      },
    };
  } finally {
    await client.end();
  }
}
