// For tests of the maintenance engine on the real PostgreSQL: tenants A and B (two-tenants.ts),
// tenant A's users of every role, an enrolled station's own login role to push operations through
// amms_push exactly as a station does, and small builders for assets with meters and PM schedules.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { insertAsset, insertAssetIdentity, insertUser, nextSeq, type UserRole } from './base-fixture.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
import { enrollStation } from '../../db/admin/enroll-station.ts';
import { readStationFile, stationConnectionString } from '../../db/admin/station-file.ts';
import { buildTwoTenants, dropTestRole, type TwoTenants } from './two-tenants.ts';

export type Json = Record<string, unknown>;

export interface PushResult {
  op_id?: string;
  outcome: 'applied' | 'rejected' | 'incompatible';
  code?: string | null;
  reason?: string | null;
  result?: Json | null;
  duplicate?: boolean;
}

export interface MaintenanceFixture {
  db: TestDatabase;
  fx: TwoTenants;
  /** Superuser session. */
  su: pg.Client;
  /** Station A's own login role. */
  station: pg.Client;
  tenantId: string;
  siteId: string;
  /** Tenant A's users by role (one each) plus a second technician. */
  users: Record<UserRole, string> & { technician2: string };
  names: Map<string, string>;
  /** Enrols another station of tenant A's site and connects as its own role. */
  secondStation(): Promise<pg.Client>;
  close(): Promise<void>;
}

let seq = 0;

export async function buildMaintenanceFixture(): Promise<MaintenanceFixture> {
  const db = await createTestDatabase();
  const fx = await buildTwoTenants(db.url);
  const su = new pg.Client({ connectionString: db.url });
  await su.connect();
  const station = new pg.Client({ connectionString: fx.a.station.url });
  await station.connect();
  const tenantId = fx.a.tenantId;
  const users = {
    supervisor: fx.a.supervisorId,
    technician: fx.a.technicianId,
  } as MaintenanceFixture['users'];
  for (const role of ['admin', 'manager', 'storekeeper', 'logistics_clerk', 'operator'] as const)
    users[role] = await insertUser(su, tenantId, role, { site_id: fx.a.siteId });
  users.technician2 = await insertUser(su, tenantId, 'technician', { site_id: fx.a.siteId });
  const { rows } = await su.query<{ id: string; full_name: string }>(
    'SELECT id::text, full_name FROM users WHERE tenant_id = $1',
    [tenantId],
  );
  const extra: { client: pg.Client; role: string }[] = [];
  return {
    db,
    fx,
    su,
    station,
    tenantId,
    siteId: fx.a.siteId,
    users,
    names: new Map(rows.map((r) => [r.id, r.full_name])),
    secondStation: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'amms-station-pm-'));
      try {
        await enrollStation({
          adminUrl: db.url,
          tenantSlug: fx.a.slug,
          siteCode: fx.a.siteCode,
          dir,
          name: 'Second',
        });
        const file = readStationFile(dir);
        const client = new pg.Client({ connectionString: stationConnectionString(file) });
        await client.connect();
        extra.push({ client, role: file.database.user });
        return client;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    close: async () => {
      for (const c of [station, ...extra.map((e) => e.client)]) await c.end().catch(() => undefined);
      await su.end();
      for (const e of extra) await dropTestRole(db.url, e.role);
      await fx.cleanup();
      await db.drop();
    },
  };
}

/** Pushes one operation through amms_push as the station's role. */
export async function push(
  client: pg.ClientBase,
  type: string,
  userId: string,
  payload: unknown,
): Promise<PushResult> {
  seq += 1;
  const envelope = { op_id: randomUUID(), type, user_id: userId, seq, payload };
  const { rows } = await client.query<{ r: PushResult }>('SELECT amms_push(1, $1::jsonb) AS r', [
    JSON.stringify(envelope),
  ]);
  const result = rows[0]?.r;
  if (!result) throw new Error('amms_push returned no row');
  return result;
}

/** Pushes and expects the operation applied; returns its result. */
export async function applied(
  client: pg.ClientBase,
  type: string,
  userId: string,
  payload: unknown,
): Promise<Json> {
  const result = await push(client, type, userId, payload);
  expect(result, `${type} ${JSON.stringify(payload)}`).toMatchObject({ outcome: 'applied' });
  return result.result ?? {};
}

/** Pushes and expects a rejection with this code; returns the message. */
export async function rejected(
  client: pg.ClientBase,
  type: string,
  userId: string,
  payload: unknown,
  code: string,
): Promise<string> {
  const result = await push(client, type, userId, payload);
  expect(result, `${type} ${JSON.stringify(payload)}`).toMatchObject({ outcome: 'rejected', code });
  return result.reason ?? '';
}

export interface TestAsset {
  id: string;
  code: string;
}

/** An asset at tenant A's site with a client code and a run-hour meter (and maybe an odometer). */
export async function insertMeteredAsset(
  f: MaintenanceFixture,
  runHours: number,
  odometer: number | null = null,
): Promise<TestAsset> {
  const n = nextSeq();
  const id = await insertAsset(f.su, f.tenantId, f.fx.a.buildingId, { name: `Excavator ${n}` });
  const code = `EX-${n}`;
  await insertAssetIdentity(f.su, f.tenantId, id, { client_code: code });
  await f.su.query(
    'INSERT INTO asset_meters (tenant_id, asset_id, current_run_hours, current_odometer) VALUES ($1, $2, $3, $4)',
    [f.tenantId, id, runHours, odometer],
  );
  return { id, code };
}

export interface ScheduleSpec {
  name: string;
  interval_meter?: number;
  interval_days?: number;
  meter?: 'run_hours' | 'odometer';
  last_performed_meter?: number;
  last_performed_date?: string;
  tasks?: { description: string; is_mandatory?: boolean }[];
}

/** A PM schedule with its task list. */
export async function insertSchedule(
  f: MaintenanceFixture,
  assetId: string,
  spec: ScheduleSpec,
): Promise<string> {
  const { rows } = await f.su.query<{ id: string }>(
    `INSERT INTO pm_schedules (tenant_id, asset_id, name, interval_meter, interval_days, meter, last_performed_meter,
                               last_performed_date)
     VALUES ($1, $2, $3, $4, $5, coalesce($6, 'run_hours'), $7, $8) RETURNING id::text`,
    [
      f.tenantId,
      assetId,
      spec.name,
      spec.interval_meter ?? null,
      spec.interval_days ?? null,
      spec.meter ?? null,
      spec.last_performed_meter ?? null,
      spec.last_performed_date ?? null,
    ],
  );
  const id = rows[0]?.id ?? '';
  for (const [i, task] of (spec.tasks ?? []).entries()) {
    await f.su.query(
      `INSERT INTO pm_schedule_tasks (tenant_id, schedule_id, seq, description, is_mandatory) VALUES ($1, $2, $3, $4, $5)`,
      [f.tenantId, id, i + 1, task.description, task.is_mandatory ?? false],
    );
  }
  return id;
}

/** A daily log pushed by the supervisor (moves the run-hour meter, which runs the engine). */
export function logHours(f: MaintenanceFixture, assetId: string, date: string, hours: number): Promise<Json> {
  return applied(f.station, 'daily_log.record', f.users.supervisor, {
    asset_id: assetId,
    date,
    run_hours_added: hours,
    fuel_liters_added: hours * 10,
  });
}

/** Sets an asset's meters as an administrator would (corrections included: the meter may go down). */
export async function setMeter(f: MaintenanceFixture, assetId: string, runHours: number): Promise<void> {
  await f.su.query('BEGIN');
  try {
    await f.su.query('ALTER TABLE asset_meters DISABLE TRIGGER asset_meters_monotonic');
    await f.su.query(
      'UPDATE asset_meters SET current_run_hours = $2, last_updated_at = now() WHERE asset_id = $1',
      [assetId, runHours],
    );
    await f.su.query('ALTER TABLE asset_meters ENABLE TRIGGER asset_meters_monotonic');
    await f.su.query('COMMIT');
  } catch (error) {
    await f.su.query('ROLLBACK');
    throw error;
  }
}

export interface WoRow {
  id: string;
  code: string;
  status: string;
  pm_schedule_id: string | null;
  pm_cycle: number | null;
  pm_why: string | null;
  title: string;
  cancel_reason: string | null;
}

export async function workOrdersOf(f: MaintenanceFixture, assetId: string): Promise<WoRow[]> {
  const { rows } = await f.su.query<WoRow>(
    `SELECT id::text, code, status::text, pm_schedule_id::text, pm_cycle, pm_why, title, cancel_reason
       FROM work_orders WHERE asset_id = $1 ORDER BY code`,
    [assetId],
  );
  return rows;
}

export interface ScheduleRow {
  id: string;
  name: string;
  cycle: number;
  suppressed_by_schedule_id: string | null;
  last_performed_date: string | null;
  last_performed_meter: string | null;
  base_date: string | null;
  base_meter: string | null;
  due_date: string | null;
  due_meter: string | null;
  forecast_date: string | null;
  why: string | null;
}

export async function scheduleRow(f: MaintenanceFixture, id: string): Promise<ScheduleRow> {
  const { rows } = await f.su.query<ScheduleRow>(
    `SELECT id::text, name, cycle, suppressed_by_schedule_id::text, last_performed_date::text,
            last_performed_meter::text, base_date::text, base_meter::text, due_date::text, due_meter::text,
            forecast_date::text, why
       FROM pm_schedules WHERE id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new Error(`no schedule ${id}`);
  return row;
}

/** The engine failures recorded by meter changes (must stay empty). */
export async function engineFailures(f: MaintenanceFixture): Promise<unknown[]> {
  const { rows } = await f.su.query<{ message: string }>(
    'SELECT message FROM amms_private.pm_engine_failures',
  );
  return rows.map((r) => r.message);
}

/** Today's date on the server (YYYY-MM-DD), and n days from it. */
export async function serverDay(f: MaintenanceFixture, offsetDays = 0): Promise<string> {
  const { rows } = await f.su.query<{ d: string }>('SELECT (current_date + $1::int)::text AS d', [
    offsetDays,
  ]);
  return rows[0]?.d ?? '';
}

/** A unique id for payloads. */
export function newId(): string {
  seq += 1;
  return randomUUID();
}
