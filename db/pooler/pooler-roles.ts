// The login roles a transaction pooler uses (migration 0016, docs/adr/0018):
// - amms_pgbouncer: the role of the shared server connections. A member of amms_pooler (it may
//   act for the station named by a valid claim, one transaction at a time) and of amms_station
//   (the same grants as a station). Without a claim it is nobody: no tenant rows, no push.
// - amms_pgbouncer_auth: the pooler's auth_user; it may call amms_pool_auth() (a station's SCRAM
//   verifier, so stations log in to the pooler with their own passwords) and nothing else.
// Passwords are set anew on every call and returned for the pooler's configuration.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { scramSha256Verifier } from '../auth/scram-verifier.ts';

export const POOL_SERVER_USER = 'amms_pgbouncer';
export const POOL_AUTH_USER = 'amms_pgbouncer_auth';

export interface PoolerRoles {
  serverUser: string;
  serverPassword: string;
  authUser: string;
  authPassword: string;
}

/** Creates or updates the pooler's roles and lets them connect to `databases`. */
export async function ensurePoolerRoles(adminUrl: string, databases: string[]): Promise<PoolerRoles> {
  const roles: PoolerRoles = {
    serverUser: POOL_SERVER_USER,
    serverPassword: randomBytes(24).toString('base64url'),
    authUser: POOL_AUTH_USER,
    authPassword: randomBytes(24).toString('base64url'),
  };
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('amms pooler roles'))`);
    for (const [role, password, groups] of [
      [roles.serverUser, roles.serverPassword, 'amms_pooler, amms_station'],
      [roles.authUser, roles.authPassword, 'amms_pool_authenticator'],
    ] as const) {
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const verb = exists.rowCount ? 'ALTER' : 'CREATE';
      await client.query(
        `${verb} ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT
           PASSWORD ${client.escapeLiteral(scramSha256Verifier(password))}`,
      );
      await client.query(`GRANT ${groups} TO ${role}`);
    }
    await client.query(
      `ALTER ROLE ${roles.serverUser} SET TimeZone = 'UTC'; ALTER ROLE ${roles.serverUser} SET DateStyle = 'ISO'`,
    );
    for (const database of databases) await grantPoolerConnect(client, database);
    await client.query(`SELECT pg_advisory_unlock(hashtext('amms pooler roles'))`);
  } finally {
    await client.end();
  }
  return roles;
}

/** Lets the pooler's roles connect to one more database (a database's grants are its own). */
export async function grantPoolerConnect(client: pg.Client, database: string): Promise<void> {
  await client.query(
    `GRANT CONNECT ON DATABASE ${client.escapeIdentifier(database)} TO ${POOL_SERVER_USER}, ${POOL_AUTH_USER}`,
  );
}
