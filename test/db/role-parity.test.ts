// One role list (src-preload/contract/roles.ts) and one declaration per operation type (the
// contract's domains): the server's enum, the Drizzle schema and amms_private.op_types agree with
// them, and the station has a handler for every type the contract declares.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userRole } from '../../db/schema/pg/enums.ts';
import { STATION_OPERATIONS } from '../../src-main/station/operations.ts';
import { OPERATIONS, OPERATION_TYPES } from '../../src-preload/contract/operations.ts';
import { ROLE_LABELS, USER_ROLES } from '../../src-preload/contract/roles.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

let db: TestDatabase;
let su: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  su = new pg.Client({ connectionString: db.url });
  await su.connect();
});

afterAll(async () => {
  await su.end();
  await db.drop();
});

describe('the one role list', () => {
  it('is the server enum user_role, in its order', async () => {
    const { rows } = await su.query<{ role: string }>(
      `SELECT unnest(enum_range(NULL::user_role))::text AS role`,
    );
    expect(rows.map((r) => r.role)).toEqual([...USER_ROLES]);
  });

  it('is the Drizzle schema enum, and every role has a label', () => {
    expect([...userRole.enumValues]).toEqual([...USER_ROLES]);
    expect(Object.keys(ROLE_LABELS)).toEqual([...USER_ROLES]);
  });
});

describe('operation types', () => {
  it('amms_private.op_types has the contract types with the contract roles', async () => {
    const { rows } = await su.query<{ op_type: string; roles: string[] }>(
      'SELECT op_type, roles::text[] AS roles FROM amms_private.op_types ORDER BY op_type',
    );
    const server = Object.fromEntries(rows.map((r) => [r.op_type, [...r.roles].sort()]));
    const contract = Object.fromEntries(
      Object.values(OPERATIONS).map((spec) => [spec.type, [...spec.roles].sort()]),
    );
    expect(server).toEqual(contract);
  });

  it('declares each type under its own key, and the station handles every one', () => {
    for (const [key, spec] of Object.entries(OPERATIONS)) expect(spec.type).toBe(key);
    expect(Object.keys(STATION_OPERATIONS).sort()).toEqual([...OPERATION_TYPES].sort());
  });
});
