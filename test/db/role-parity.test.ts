// One role list (src-preload/contract/roles.ts) and one declaration per operation type (the
// contract's domains): the server's enum, the Drizzle schema and amms_private.op_types agree with
// them, the station has a handler for every type the contract declares, and every type has its
// role matrix (test/helpers/role-matrix.ts) in a test file of its domain.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userRole } from '../../db/schema/pg/enums.ts';
import { STATION_OPERATIONS } from '../../src-main/station/operations.ts';
import { OPERATIONS, OPERATION_TYPES } from '../../src-preload/contract/operations.ts';
import { ROLE_LABELS, USER_ROLES } from '../../src-preload/contract/roles.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const subfolders = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

/** An operationMap(...) of a contract domain: every value an operation declared under its type. */
function isOperationMap(value: unknown): value is Record<string, { type: string }> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length > 0 &&
    entries.every(([key, spec]) => (spec as { type?: unknown } | null)?.type === key && 'roles' in spec)
  );
}

/** Each operation type and the contract domain that declares it (src-preload/contract/<domain>/operations.ts). */
async function declaringDomains(): Promise<Record<string, string>> {
  const domains: Record<string, string> = {};
  for (const domain of subfolders('src-preload/contract')) {
    const file = join(ROOT, 'src-preload/contract', domain, 'operations.ts');
    if (!existsSync(file)) continue;
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const value of Object.values(module))
      if (isOperationMap(value)) for (const type of Object.keys(value)) domains[type] = domain;
  }
  return domains;
}

/** Each type whose role matrix (describeRoles('<type>', ...)) a test file of test/db/<domain>/ registers, and that domain. */
function roleMatrixDomains(): Record<string, string> {
  const domains: Record<string, string> = {};
  for (const domain of subfolders('test/db'))
    for (const file of readdirSync(join(ROOT, 'test/db', domain)).filter((f) => f.endsWith('.test.ts')))
      for (const match of readFileSync(join(ROOT, 'test/db', domain, file), 'utf8').matchAll(
        /describeRoles\(\s*'([^']+)'/g,
      ))
        if (match[1]) domains[match[1]] = domain;
  return domains;
}

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

  it('every type has its role matrix in a test file of its domain (test/db/<domain>/)', async () => {
    const declared = await declaringDomains();
    expect(Object.keys(declared).sort()).toEqual([...OPERATION_TYPES].sort());
    expect(roleMatrixDomains()).toEqual(declared);
  });
});
