// One embedded PostgreSQL cluster per test run. The schema is migrated once into a template
// database; every test file clones its own database from it (see test/helpers/test-database.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { databaseUrl, startEmbeddedServer, type EmbeddedServer } from '../../db/embedded/embedded-server.ts';
import { migrate } from '../../db/migrate.ts';
import { startPgBouncer, type PgBouncer } from '../../db/pooler/pgbouncer.ts';
import { ensurePoolerRoles } from '../../db/pooler/pooler-roles.ts';

export const TEMPLATE_DATABASE = 'amms_template';

/** The test project whose sync tests run through PgBouncer and the wake relay (docs/adr/0018). */
export const POOLED_PROJECT = 'sync-pooled';

export interface TestPooler {
  host: string;
  port: number;
  serverUser: string;
  serverPassword: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplateDatabase: string;
    /** Set in the sync-pooled project: stations go through this PgBouncer. */
    pgPooler: TestPooler | null;
  }
}

let server: EmbeddedServer | undefined;
let dir: string | undefined;
let bouncer: PgBouncer | undefined;

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
  project.provide('pgPooler', null);
  if (project.name === POOLED_PROJECT) {
    const roles = await ensurePoolerRoles(server.url, [TEMPLATE_DATABASE]);
    bouncer = await startPgBouncer({
      dir: join(dir, 'pgbouncer'),
      pgHost: '127.0.0.1',
      pgPort: server.port,
      roles,
      poolSize: 10,
    });
    project.provide('pgPooler', {
      host: bouncer.host,
      port: bouncer.port,
      serverUser: roles.serverUser,
      serverPassword: roles.serverPassword,
    });
  }
}

export async function teardown(): Promise<void> {
  await bouncer?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
