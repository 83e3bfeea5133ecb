// The shared setup of the tests of the write entry point (test/db/sync, test/db/stock,
// test/db/maintenance): a fresh database with two tenants (test/helpers/two-tenants.ts), tenant A's
// people by role, sessions of the enrolled stations' own login roles, and pushing through
// amms_push exactly as a station's push does, with the checks every test ends with: an applied
// operation has its ledger row; a rejected one has its code, its message, its ledger row and
// changed nothing else anywhere (no business row, no audit row, no tombstone).
//
//   const t = usePushFixture();           // registers beforeAll/afterAll for the file
//   const { op, expectApplied } = t;      // the functions can be taken out; data via t.su, t.fx, ...
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect } from 'vitest';
import { enrollStation } from '../../db/admin/enroll-station.ts';
import { readStationFile, stationConnectionString } from '../../db/admin/station-file.ts';
import { insertSiteTree, insertUser, type SiteTree, type UserRole } from './base-fixture.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
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

export interface Envelope {
  op_id: string;
  type: string;
  user_id?: string;
  seq: number;
  payload: unknown;
}

/** Tables an operation may change; a rejected operation must leave every one of them as it was. */
export const BUSINESS_TABLES = [
  'inventory_stock',
  'inventory_wallets',
  'daily_logs',
  'asset_meters',
  'wo_consumables',
  'stock_movements',
  'audit_logs',
  'sync_tombstones',
] as const;

export interface LedgerRow {
  tenant_id: string;
  station_id: string;
  station_seq: number;
  op_type: string;
  user_id: string | null;
  outcome: string;
  reason_code: string | null;
  reason: string | null;
  result: Json | null;
}

export interface AuditRow {
  entity_type: string;
  action: string;
  entity_id: string | null;
  user_id: string | null;
  station_id: string | null;
  db_role: string;
  changes: Json;
}

interface State {
  db: TestDatabase;
  fx: TwoTenants;
  su: pg.Client;
  stationA: pg.Client;
  stationA2: pg.Client;
  stationB: pg.Client;
  usersA: Record<UserRole, string>;
  tech2: string;
  otherSiteTech: string;
  inactiveStorekeeper: string;
  otherSiteA: SiteTree;
  fullNames: Map<string, string>;
  today: string;
  warehouseCode: string;
}

export interface PushFixture extends Readonly<State> {
  /** Tenant A's storekeeper (Sam Keeper) and technician (Tia Tech), the people the stock tests name. */
  readonly keeper: string;
  readonly tech: string;
  /** A new session (closed at the end of the file). */
  connect: (url: string) => Promise<pg.Client>;
  /** A login role the test created, dropped at the end of the file (roles are cluster-wide). */
  dropRoleAtEnd: (role: string) => void;
  /** Enrols one more station of tenant A's site (its role is dropped at the end of the file). */
  enrolExtraStationA: (label: string) => Promise<{ id: string; roleName: string; url: string }>;
  /** An operation envelope with the next station sequence number. */
  op: (type: string, userId: string | undefined, payload: unknown, opId?: string) => Envelope;
  push: (client: pg.ClientBase, envelope: unknown, protocol?: number | null) => Promise<PushResult>;
  /** A daily log of tenant A's unit asset: 8 hours and 40 litres unless given. */
  dailyLog: (userId: string, fields: Json) => Envelope;
  /** A fingerprint of every business table (all tenants), as the superuser sees them. */
  businessState: () => Promise<Record<string, string>>;
  ledgerRows: (opId: string) => Promise<LedgerRow[]>;
  /** The audit rows written by the transaction that recorded the operation in the ledger. */
  auditRowsOf: (opId: string) => Promise<AuditRow[]>;
  /** "action entity_type" of audit rows, sorted. */
  auditSummary: (rows: AuditRow[]) => string[];
  /** Every audit row names the acting user, station A and station A's login role. */
  expectActor: (rows: AuditRow[], userId: string) => void;
  /**
   * Pushes an operation that must be rejected: checks the outcome, the code and the message, the
   * ledger row (rejected, with code and reason, no result), and that nothing else changed anywhere.
   */
  expectRejected: (
    envelope: Envelope,
    code: string,
    reason: string | RegExp,
    client?: pg.Client,
  ) => Promise<PushResult>;
  /** Pushes an operation that must be applied; checks its ledger row. Returns its result. */
  expectApplied: (envelope: Envelope, client?: pg.Client) => Promise<Json>;
  /** Waits until the backend with this pid waits for a lock (a concurrent push is blocked). */
  waitUntilBlocked: (pid: number) => Promise<void>;
  backendPid: (client: pg.Client) => Promise<number>;
  /** A location's code. */
  codeOf: (locationId: string) => Promise<string>;
}

export function usePushFixture(): PushFixture {
  let state: State | undefined;
  const extraRoles: string[] = [];
  const clients: pg.Client[] = [];
  let seq = 0;
  const get = (): State => {
    if (!state) throw new Error('The push fixture is set up in beforeAll; use it inside tests and hooks.');
    return state;
  };

  const connect = async (url: string): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    const db = await createTestDatabase();
    const fx = await buildTwoTenants(db.url);
    const su = await connect(db.url);
    const a = fx.a.tenantId;
    const site = { site_id: fx.a.siteId };
    await su.query(`UPDATE users SET full_name = 'Tia Tech' WHERE id = $1`, [fx.a.technicianId]);
    const usersA: Record<UserRole, string> = {
      supervisor: fx.a.supervisorId,
      technician: fx.a.technicianId,
      admin: await insertUser(su, a, 'admin', site),
      manager: await insertUser(su, a, 'manager', site),
      storekeeper: await insertUser(su, a, 'storekeeper', { ...site, full_name: 'Sam Keeper' }),
      logistics_clerk: await insertUser(su, a, 'logistics_clerk', { ...site, full_name: 'Lee Clerk' }),
      operator: await insertUser(su, a, 'operator', site),
    };
    const inactiveStorekeeper = await insertUser(su, a, 'storekeeper', { is_active: false });
    const tech2 = await insertUser(su, a, 'technician', { ...site, full_name: 'Tom Tech' });
    const otherSiteA = await insertSiteTree(su, a);
    const otherSiteTech = await insertUser(su, a, 'technician', {
      site_id: otherSiteA.siteId,
      full_name: 'Olga Away',
    });
    const { rows } = await su.query<{ id: string; full_name: string }>(
      'SELECT id::text, full_name FROM users WHERE tenant_id = $1',
      [a],
    );
    const scalar = async (sql: string, params: unknown[] = []): Promise<string> =>
      (await su.query<{ v: string }>(sql, params)).rows[0]?.v ?? '';
    state = {
      db,
      fx,
      su,
      stationA: await connect(fx.a.station.url),
      stationA2: await connect(fx.a.station.url),
      stationB: await connect(fx.b.station.url),
      usersA,
      tech2,
      otherSiteTech,
      inactiveStorekeeper,
      otherSiteA,
      fullNames: new Map(rows.map((r) => [r.id, r.full_name])),
      today: await scalar('SELECT current_date::text AS v'),
      warehouseCode: await scalar('SELECT code AS v FROM locations WHERE id = $1', [fx.a.warehouseId]),
    };
  });

  afterAll(async () => {
    for (const client of clients) await client.end().catch(() => undefined);
    if (!state) return;
    for (const role of extraRoles) await dropTestRole(state.db.url, role);
    await state.fx.cleanup();
    await state.db.drop();
  });

  const push = async (
    client: pg.ClientBase,
    envelope: unknown,
    protocol: number | null = 1,
  ): Promise<PushResult> => {
    const { rows } = await client.query<{ r: PushResult }>('SELECT amms_push($1, $2::jsonb) AS r', [
      protocol,
      JSON.stringify(envelope),
    ]);
    const result = rows[0]?.r;
    if (!result) throw new Error('amms_push returned no row');
    return result;
  };

  const businessState = async (): Promise<Record<string, string>> => {
    const out: Record<string, string> = {};
    for (const table of BUSINESS_TABLES) {
      const { rows } = await get().su.query<{ h: string }>(
        `SELECT count(*) || ':' || md5(coalesce(string_agg(to_jsonb(x)::text, '|' ORDER BY x.id), '')) AS h
           FROM ${pg.escapeIdentifier(table)} x`,
      );
      out[table] = rows[0]?.h ?? '';
    }
    return out;
  };

  const ledgerRows = async (opId: string): Promise<LedgerRow[]> =>
    (
      await get().su.query<LedgerRow>(
        `SELECT tenant_id::text, station_id::text, station_seq::int, op_type, user_id::text, outcome::text,
                reason_code, reason, result
           FROM op_ledger WHERE op_id = $1`,
        [opId],
      )
    ).rows;

  const auditRowsOf = async (opId: string): Promise<AuditRow[]> =>
    (
      await get().su.query<AuditRow>(
        `SELECT a.entity_type, a.action::text, a.entity_id::text, a.user_id::text, a.station_id::text, a.db_role,
                a.changes
           FROM audit_logs a JOIN op_ledger l ON a.txid = l.txid
          WHERE l.op_id = $1 ORDER BY a.id`,
        [opId],
      )
    ).rows;

  const fixture: PushFixture = {
    get db() {
      return get().db;
    },
    get fx() {
      return get().fx;
    },
    get su() {
      return get().su;
    },
    get stationA() {
      return get().stationA;
    },
    get stationA2() {
      return get().stationA2;
    },
    get stationB() {
      return get().stationB;
    },
    get usersA() {
      return get().usersA;
    },
    get tech2() {
      return get().tech2;
    },
    get otherSiteTech() {
      return get().otherSiteTech;
    },
    get inactiveStorekeeper() {
      return get().inactiveStorekeeper;
    },
    get otherSiteA() {
      return get().otherSiteA;
    },
    get fullNames() {
      return get().fullNames;
    },
    get today() {
      return get().today;
    },
    get warehouseCode() {
      return get().warehouseCode;
    },
    get keeper() {
      return get().usersA.storekeeper;
    },
    get tech() {
      return get().usersA.technician;
    },
    connect,
    dropRoleAtEnd: (role) => {
      extraRoles.push(role);
    },
    enrolExtraStationA: async (label) => {
      const { db, fx } = get();
      const dir = mkdtempSync(join(tmpdir(), `amms-push-${label}-`));
      try {
        await enrollStation({
          adminUrl: db.url,
          tenantSlug: fx.a.slug,
          siteCode: fx.a.siteCode,
          dir,
          name: `Station ${label}`,
        });
        const file = readStationFile(dir);
        extraRoles.push(file.database.user);
        return { id: file.stationId, roleName: file.database.user, url: stationConnectionString(file) };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    op: (type, userId, payload, opId = randomUUID()) => {
      seq += 1;
      return { op_id: opId, type, ...(userId === undefined ? {} : { user_id: userId }), seq, payload };
    },
    push,
    dailyLog: (userId, fields) =>
      fixture.op('daily_log.record', userId, {
        asset_id: get().fx.a.unitAssetId,
        run_hours_added: 8,
        fuel_liters_added: 40,
        ...fields,
      }),
    businessState,
    ledgerRows,
    auditRowsOf,
    auditSummary: (rows) => rows.map((r) => `${r.action} ${r.entity_type}`).sort(),
    expectActor: (rows, userId) => {
      const { fx } = get();
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row).toMatchObject({
          user_id: userId,
          station_id: fx.a.station.id,
          db_role: fx.a.station.roleName,
        });
      }
    },
    expectRejected: async (envelope, code, reason, client = get().stationA) => {
      const before = await businessState();
      const result = await push(client, envelope);
      expect(result, JSON.stringify(result)).toMatchObject({
        op_id: envelope.op_id,
        outcome: 'rejected',
        code,
        result: null,
        duplicate: false,
      });
      if (typeof reason === 'string') expect(result.reason).toBe(reason);
      else expect(result.reason).toMatch(reason);
      expect(await businessState()).toEqual(before);
      const ledger = await ledgerRows(envelope.op_id);
      expect(ledger).toHaveLength(1);
      expect(ledger[0]).toMatchObject({
        outcome: 'rejected',
        reason_code: code,
        reason: result.reason,
        result: null,
        op_type: envelope.type,
        station_seq: envelope.seq,
      });
      expect(await auditRowsOf(envelope.op_id)).toEqual([]);
      return result;
    },
    expectApplied: async (envelope, client = get().stationA) => {
      const result = await push(client, envelope);
      expect(result, JSON.stringify(result)).toMatchObject({
        op_id: envelope.op_id,
        outcome: 'applied',
        duplicate: false,
      });
      const ledger = await ledgerRows(envelope.op_id);
      expect(ledger).toHaveLength(1);
      expect(ledger[0]).toMatchObject({
        outcome: 'applied',
        reason_code: null,
        reason: null,
        result: result.result,
        op_type: envelope.type,
        user_id: envelope.user_id,
        station_seq: envelope.seq,
      });
      return result.result ?? {};
    },
    waitUntilBlocked: async (pid) => {
      for (let i = 0; i < 200; i++) {
        const { rows } = await get().su.query<{ w: string | null }>(
          'SELECT wait_event_type AS w FROM pg_stat_activity WHERE pid = $1',
          [pid],
        );
        if (rows[0]?.w === 'Lock') return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`backend ${pid} never waited for a lock`);
    },
    backendPid: async (client) =>
      (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0,
    codeOf: async (locationId) =>
      (await get().su.query<{ code: string }>('SELECT code FROM locations WHERE id = $1', [locationId]))
        .rows[0]?.code ?? '',
  };
  return fixture;
}
