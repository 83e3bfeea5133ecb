// The station's connection to the central database, as its own role. Every session uses ISO dates
// in UTC (the cache stores the server's text forms) and checks protocol and schema versions.
import pg from 'pg';
import { stationConnectionString, type StationFile } from '../../db/admin/station-file.ts';
import { checkCompatibility, type ServerInfo } from './protocol.ts';

export interface ServerLink {
  client: pg.Client;
  info: ServerInfo;
  close(): Promise<void>;
}

export interface LinkOptions {
  connectTimeoutMs?: number;
}

export async function connectStation(file: StationFile, options: LinkOptions = {}): Promise<ServerLink> {
  const client = new pg.Client({
    connectionString: stationConnectionString(file),
    application_name: `amms-station ${file.stationId}`,
    options: '-c DateStyle=ISO -c TimeZone=UTC -c statement_timeout=120000',
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    keepAlive: true,
  });
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
