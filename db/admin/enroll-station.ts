// Enrols a station: registers it for a tenant and site, creates its own PostgreSQL login role (a
// member of amms_station, so it can read its tenant's rows and nothing else) and writes
// DIR/station.json with the station's own connection details, and gives the station its Ed25519
// signing key (DIR/signing-key.json, mode 0600; the public half registered in station_keys). All
// database changes happen in one transaction (CREATE ROLE is transactional), so a failure leaves
// nothing behind.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import pg from 'pg';
import { poolKeyHash, stationPoolKey } from '../auth/pool-key.ts';
import { scramSha256Verifier } from '../auth/scram-verifier.ts';
import { uuidv7 } from '../ids/uuidv7.ts';
import { generateSigningKey, writeSigningKeyFile } from './signing-key-file.ts';
import { stationFilePath, writeStationFile, type StationFile } from './station-file.ts';

export interface EnrollOptions {
  adminUrl: string;
  tenantSlug: string;
  siteCode: string;
  dir: string;
  name?: string;
  /** Replace an existing station.json in dir (the old station stays registered until revoked). */
  force?: boolean;
}

export interface EnrollResult {
  file: StationFile;
  path: string;
  /** The id of the station's signing key (registered in station_keys). */
  keyId: string;
}

export async function enrollStation(options: EnrollOptions): Promise<EnrollResult> {
  const path = stationFilePath(options.dir);
  if (existsSync(path) && !options.force) {
    throw new Error(
      `${path} already exists: this folder already holds an enrolled station. Use another --dir.`,
    );
  }
  const name = (options.name ?? `${hostname()} station`).trim();
  if (name === '') throw new Error('The station name cannot be empty.');

  const client = new pg.Client({ connectionString: options.adminUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const tenant = await client.query<{ id: string; slug: string }>(
      'SELECT id, slug FROM tenants WHERE slug = $1',
      [options.tenantSlug],
    );
    const tenantRow = tenant.rows[0];
    if (!tenantRow) {
      const known = await client.query<{ slug: string }>('SELECT slug FROM tenants ORDER BY slug');
      const list = known.rows.map((r) => r.slug).join(', ') || 'none (seed the database first)';
      throw new Error(`No tenant has the slug '${options.tenantSlug}'. Known tenants: ${list}.`);
    }
    const site = await client.query<{ id: string; code: string; type: string }>(
      'SELECT id, code, type FROM locations WHERE tenant_id = $1 AND code = $2',
      [tenantRow.id, options.siteCode],
    );
    const siteRow = site.rows[0];
    if (!siteRow) {
      const known = await client.query<{ code: string }>(
        `SELECT code FROM locations WHERE tenant_id = $1 AND type = 'site' ORDER BY code`,
        [tenantRow.id],
      );
      const list = known.rows.map((r) => r.code).join(', ') || 'none';
      throw new Error(
        `Tenant '${tenantRow.slug}' has no location with code '${options.siteCode}'. Its sites: ${list}.`,
      );
    }
    if (siteRow.type !== 'site') {
      throw new Error(
        `'${siteRow.code}' is a ${siteRow.type}, not a site: a station is enrolled for a whole site.`,
      );
    }

    const stationId = uuidv7();
    const roleName = `amms_st_${stationId.replace(/-/g, '').slice(0, 12)}_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(32).toString('base64url');
    const verifier = scramSha256Verifier(password);
    const database =
      (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db ?? '';
    await client.query(
      `CREATE ROLE ${client.escapeIdentifier(roleName)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS
         INHERIT CONNECTION LIMIT 20 PASSWORD ${client.escapeLiteral(verifier)} IN ROLE amms_station`,
    );
    await client.query(
      `GRANT CONNECT ON DATABASE ${client.escapeIdentifier(database)} TO ${client.escapeIdentifier(roleName)}`,
    );
    const inserted = await client.query<{ enrolled_at: Date }>(
      `INSERT INTO stations (id, tenant_id, site_id, name, role_name) VALUES ($1, $2, $3, $4, $5)
       RETURNING enrolled_at`,
      [stationId, tenantRow.id, siteRow.id, name, roleName],
    );
    const signingKey = generateSigningKey();
    await client.query(
      `INSERT INTO station_keys (tenant_id, station_id, site_id, station_name, key_id, public_key)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [tenantRow.id, stationId, siteRow.id, name, signingKey.keyId, signingKey.publicKey],
    );
    // What the station proves in every transaction it runs through a pooler (migration 0016).
    await client.query('INSERT INTO amms_private.station_pool_keys (role_name, key_hash) VALUES ($1, $2)', [
      roleName,
      poolKeyHash(stationPoolKey(password)),
    ]);
    const adminUrl = new URL(options.adminUrl);
    const file: StationFile = {
      format: 1,
      stationId,
      name,
      tenantId: tenantRow.id,
      tenantSlug: tenantRow.slug,
      siteId: siteRow.id,
      siteCode: siteRow.code,
      enrolledAt: (inserted.rows[0]?.enrolled_at ?? new Date()).toISOString(),
      database: {
        host: adminUrl.hostname,
        port: Number(adminUrl.port || 5432),
        database,
        user: roleName,
        password,
        ssl: ['require', 'verify-ca', 'verify-full'].includes(adminUrl.searchParams.get('sslmode') ?? ''),
      },
    };
    mkdirSync(options.dir, { recursive: true });
    // The file is written before COMMIT: if writing fails, the role and row are rolled back.
    writeStationFile(options.dir, file);
    writeSigningKeyFile(options.dir, signingKey);
    await client.query('COMMIT');
    return { file, path, keyId: signingKey.keyId };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Revokes a station: marks it and its signing keys revoked (a gate pass it signs from now on is not
 * genuine anywhere) and drops its login role, so it can no longer connect.
 */
export async function revokeStation(adminUrl: string, stationId: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ role_name: string }>(
      'UPDATE stations SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING role_name',
      [stationId],
    );
    const row = rows[0];
    if (!row) throw new Error(`No active station has the id ${stationId}.`);
    await client.query(
      'UPDATE station_keys SET revoked_at = now() WHERE station_id = $1 AND revoked_at IS NULL',
      [stationId],
    );
    const role = client.escapeIdentifier(row.role_name);
    const database =
      (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db ?? '';
    await client.query(`REVOKE CONNECT ON DATABASE ${client.escapeIdentifier(database)} FROM ${role}`);
    const oid = (
      await client.query<{ oid: number }>('SELECT oid FROM pg_roles WHERE rolname = $1', [row.role_name])
    ).rows[0]?.oid;
    await client.query(`DROP OWNED BY ${role}`);
    await client.query(`DROP ROLE ${role}`);
    await client.query('COMMIT');
    // End the sessions the station still has open (a dropped role's sessions would otherwise live
    // on, seeing nothing).
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usesysid = $1', [oid]);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
