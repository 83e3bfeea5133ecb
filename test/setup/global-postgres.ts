// One embedded PostgreSQL cluster per test run. The schema is migrated once into a template
// database; every test file clones its own database from it (see test/helpers/test-database.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { databaseUrl, startEmbeddedServer, type EmbeddedServer } from '../../db/embedded/embedded-server.ts';
import { migrate } from '../../db/migrate.ts';

export const TEMPLATE_DATABASE = 'amms_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplateDatabase: string;
  }
}

let server: EmbeddedServer | undefined;
let dir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'amms-test-pg-'));
  server = await startEmbeddedServer({ dataDir: dir, fast: true });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  await migrate(databaseUrl(server.url, TEMPLATE_DATABASE));
  project.provide('pgAdminUrl', server.url);
  project.provide('pgTemplateDatabase', TEMPLATE_DATABASE);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
