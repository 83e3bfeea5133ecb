// Every server function file (db/functions) compiles: the migrator applies them with
// check_function_bodies = off (so they may call each other in any order), which leaves a syntax
// error in a PL/pgSQL body to be found when that path first runs. Here each file is applied again
// with the bodies checked, inside a transaction that is rolled back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFunctionFiles } from '../../db/migrate.ts';
import { createTestDatabase, withClient, type TestDatabase } from '../helpers/test-database.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('server function files', () => {
  it('each one compiles with its body checked', async () => {
    const problems: string[] = [];
    await withClient(db.url, async (c) => {
      for (const file of loadFunctionFiles()) {
        await c.query('BEGIN');
        try {
          await c.query('SET LOCAL check_function_bodies = on');
          await c.query(file.sql);
        } catch (error) {
          problems.push(`${file.path}: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          await c.query('ROLLBACK');
        }
      }
    });
    expect(problems).toEqual([]);
  });
});
