// The station's connection to the central database, as its own role. Every session uses ISO dates
// in UTC (the cache stores the server's text forms) and checks protocol and schema versions.
//
// Directly: the station logs in to PostgreSQL as its own role, and the session settings come with
// the connection. Through a pooler (station.json "pool", docs/adr/0018): the station logs in to
// the pooler as its own role, but its transactions run on shared server connections, so every
// transaction starts with the station's claim (role and pool key, migration 0016) and its
// settings, all local to the transaction; nothing of the station outlives it on the server.
import pg from 'pg';
import {
  stationConnectionString,
  stationPoolConnectionString,
  type StationFile,
} from '../../db/admin/station-file.ts';
import { stationClaim } from '../../db/auth/pool-key.ts';
import { checkCompatibility, type ServerInfo } from './protocol.ts';

/** Claims of the pooled connections (a direct connection has none). */
const claims = new WeakMap<pg.Client, string>();

const CLAIM_SQL = `SELECT set_config('amms.station', $1, true), set_config('TimeZone', 'UTC', true),
  set_config('DateStyle', 'ISO', true), set_config('statement_timeout', '120s', true)`;

/** Whether this connection goes through a pooler. */
export function isPooled(client: pg.Client): boolean {
  return claims.has(client);
}

/**
 * Starts a transaction (`sql` is BEGIN with its options) in which the station acts as itself:
 * on a pooled connection, the claim and the session settings follow at once.
 */
export async function beginAsStation(client: pg.Client, sql = 'BEGIN'): Promise<void> {
  await client.query(sql);
  const claim = claims.get(client);
  if (claim === undefined) return;
  try {
    await client.query(CLAIM_SQL, [claim]);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * One statement of the station outside a transaction block (`SELECT <selectList>`, with `values`
 * as $1..$n), committed by itself. On a pooled connection the claim and settings come in the same
 * statement, from a one-row subquery evaluated before the select list, so the statement still
 * commits (or not) in one round trip, exactly as on a direct connection.
 */
export async function selectAsStation<R extends pg.QueryResultRow>(
  client: pg.Client,
  selectList: string,
  values: unknown[],
): Promise<pg.QueryResult<R>> {
  const claim = claims.get(client);
  if (claim === undefined) return client.query<R>(`SELECT ${selectList}`, values);
  const n = values.length + 1;
  return client.query<R>(
    `SELECT ${selectList} FROM (SELECT set_config('amms.station', $${n}, true) AS claim,
       set_config('TimeZone', 'UTC', true) AS tz, set_config('DateStyle', 'ISO', true) AS ds,
       set_config('statement_timeout', '120s', true) AS st OFFSET 0) amms_claim
     WHERE amms_claim.claim IS NOT NULL AND amms_claim.tz IS NOT NULL AND amms_claim.ds IS NOT NULL
       AND amms_claim.st IS NOT NULL`,
    [...values, claim],
  );
}

export interface ServerLink {
  client: pg.Client;
  info: ServerInfo;
  close(): Promise<void>;
}

export interface LinkOptions {
  connectTimeoutMs?: number;
}

export async function connectStation(file: StationFile, options: LinkOptions = {}): Promise<ServerLink> {
  const pooled = stationPoolConnectionString(file);
  const client = new pg.Client({
    connectionString: pooled ?? stationConnectionString(file),
    application_name: `amms-station ${file.stationId}`,
    // A pooler passes no session options on; pooled transactions set them locally instead.
    ...(pooled ? {} : { options: '-c DateStyle=ISO -c TimeZone=UTC -c statement_timeout=120000' }),
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    keepAlive: true,
  });
  if (pooled) claims.set(client, stationClaim(file.database.user, file.database.password));
  // A dropped connection emits 'error' on the client; the engine notices on its next query.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const info = await checkServer(client);
    return {
      client,
      info,
      close: async () => {
        await client.end().catch(() => undefined);
      },
    };
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

/**
 * Reads the server's protocol and schema version and refuses to go on when either side is too
 * old. Run when connecting and at the start of every exchange (a server can be migrated while a
 * station stays connected).
 */
export async function checkServer(client: pg.Client): Promise<ServerInfo> {
  const { rows } = await client.query<{ info: ServerInfo }>('SELECT amms_server_info() AS info');
  const info = rows[0]?.info;
  if (!info) throw new Error('The server did not describe itself (amms_server_info).');
  checkCompatibility(info);
  return info;
}

/** The LISTEN channel that wakes this station's tenant up (empty payloads; no data travels). */
export function syncChannel(tenantId: string): string {
  return `amms_sync_${tenantId.replace(/-/g, '')}`;
}
