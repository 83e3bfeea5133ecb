// Pushing operations through amms_push as an enrolled station's own role, for tests of the server's
// operation functions: an envelope builder, the push itself, and the checks every applied or
// rejected operation must pass (ledger row, nothing changed on a rejection).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { enrollStation } from '../../db/admin/enroll-station.ts';
import { readStationFile, stationConnectionString } from '../../db/admin/station-file.ts';

export type Json = Record<string, unknown>;

export interface PushResult {
  op_id?: string;
  outcome: 'applied' | 'rejected' | 'incompatible' | 'error';
  code?: string | null;
  reason?: string | null;
  result?: Json | null;
  duplicate?: boolean;
}

export interface Envelope {
  op_id: string;
  type: string;
  user_id: string;
  seq: number;
  payload: Json;
}

let seq = 0;

export function envelope(type: string, userId: string, payload: Json, opId: string = randomUUID()): Envelope {
  seq += 1;
  return { op_id: opId, type, user_id: userId, seq, payload };
}

export async function push(client: pg.ClientBase, op: Envelope): Promise<PushResult> {
  const { rows } = await client.query<{ r: PushResult }>('SELECT amms_push(1, $1::jsonb) AS r', [
    JSON.stringify(op),
  ]);
  const result = rows[0]?.r;
  if (!result) throw new Error('amms_push returned no row');
  return result;
}

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * A fingerprint of the given tables (all tenants, as the superuser sees them): a rejected
 * operation must leave every one of them as it was.
 */
export async function tableState(
  su: pg.ClientBase,
  tables: readonly string[],
): Promise<Record<string, string>> {
  const state: Record<string, string> = {};
  for (const table of tables) {
    const { rows } = await su.query<{ h: string }>(
      `SELECT count(*) || ':' || md5(coalesce(string_agg(to_jsonb(x)::text, '|' ORDER BY x.id), '')) AS h
         FROM ${pg.escapeIdentifier(table)} x`,
    );
    state[table] = rows[0]?.h ?? '';
  }
  return state;
}

/** Pushes an operation that must be applied; checks the ledger row and returns the result. */
export async function expectApplied(station: pg.ClientBase, su: pg.ClientBase, op: Envelope): Promise<Json> {
  const result = await push(station, op);
  expect(result, JSON.stringify(result)).toMatchObject({
    op_id: op.op_id,
    outcome: 'applied',
    duplicate: false,
  });
  const { rows } = await su.query<{ outcome: string; result: Json | null }>(
    'SELECT outcome::text, result FROM op_ledger WHERE op_id = $1',
    [op.op_id],
  );
  expect(rows).toEqual([{ outcome: 'applied', result: result.result ?? null }]);
  return result.result ?? {};
}

/**
 * Pushes an operation that must be rejected with this code and reason; checks the ledger row and
 * that none of the watched tables changed. Returns the reason.
 */
export async function expectRejected(
  station: pg.ClientBase,
  su: pg.ClientBase,
  watched: readonly string[],
  op: Envelope,
  code: string,
  reason: string | RegExp,
): Promise<string> {
  const before = await tableState(su, watched);
  const result = await push(station, op);
  expect(result, JSON.stringify(result)).toMatchObject({ op_id: op.op_id, outcome: 'rejected', code });
  if (typeof reason === 'string') expect(result.reason).toBe(reason);
  else expect(result.reason).toMatch(reason);
  expect(await tableState(su, watched)).toEqual(before);
  const { rows } = await su.query<{ outcome: string; reason_code: string }>(
    'SELECT outcome::text, reason_code FROM op_ledger WHERE op_id = $1',
    [op.op_id],
  );
  expect(rows).toEqual([{ outcome: 'rejected', reason_code: code }]);
  return result.reason ?? '';
}

/** Enrols one more station of a tenant's site; returns its id, role (drop it at the end) and URL. */
export async function enrolStation(
  adminUrl: string,
  tenantSlug: string,
  siteCode: string,
  name: string,
): Promise<{ id: string; roleName: string; url: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'amms-push-ops-'));
  try {
    await enrollStation({ adminUrl, tenantSlug, siteCode, dir, name });
    const file = readStationFile(dir);
    return { id: file.stationId, roleName: file.database.user, url: stationConnectionString(file) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits until the backend with this pid waits for a lock (a concurrent push is blocked). */
export async function waitUntilBlocked(su: pg.ClientBase, pid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await su.query<{ w: string | null }>(
      'SELECT wait_event_type AS w FROM pg_stat_activity WHERE pid = $1',
      [pid],
    );
    if (rows[0]?.w === 'Lock') return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`backend ${pid} never waited for a lock`);
}
