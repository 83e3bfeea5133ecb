// DIR/station.json: what an enrolled station needs to reach the central database as itself.
// It holds the station's own PostgreSQL login (never the admin's) and is written with mode 0600.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const STATION_FILE = 'station.json';

export const stationFileSchema = z.object({
  format: z.literal(1),
  stationId: z.uuid(),
  name: z.string().min(1),
  tenantId: z.uuid(),
  tenantSlug: z.string().min(1),
  siteId: z.uuid(),
  siteCode: z.string().min(1),
  enrolledAt: z.string(),
  database: z.object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    database: z.string().min(1),
    user: z.string().regex(/^amms_st_[a-z0-9_]+$/),
    password: z.string().min(16),
    ssl: z.boolean().default(false),
  }),
  /**
   * Through a transaction pooler (docs/adr/0018): the pooler's address, where the station logs in
   * with the same user and password, and the wake relay that replaces LISTEN. Absent: the station
   * connects to PostgreSQL directly and LISTENs itself.
   */
  pool: z
    .object({
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535),
      database: z.string().min(1),
      relay: z
        .string()
        .regex(/^wss?:\/\/\S+$/, 'must be a ws:// or wss:// address')
        .optional(),
    })
    .optional(),
});
export type StationFile = z.infer<typeof stationFileSchema>;

export function stationFilePath(dir: string): string {
  return join(dir, STATION_FILE);
}

export function writeStationFile(dir: string, file: StationFile): string {
  const path = stationFilePath(dir);
  writeFileSync(path, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}

export function readStationFile(dir: string): StationFile {
  const path = stationFilePath(dir);
  if (!existsSync(path)) {
    throw new Error(
      `${path} does not exist: this folder has no enrolled station. Run 'amms station enroll' first.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(`${path} is not valid JSON; enrol the station again.`);
  }
  const parsed = stationFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `${path} is not a valid station file: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`,
    );
  }
  return parsed.data;
}

/** A node-postgres connection string for the station's own role. */
export function stationConnectionString(file: StationFile): string {
  const { host, port, database, user, password, ssl } = file.database;
  const url = new URL(`postgres://${host}:${port}/${encodeURIComponent(database)}`);
  url.username = user;
  url.password = password;
  if (ssl) url.searchParams.set('sslmode', 'require');
  return url.toString();
}

/** A node-postgres connection string through the station's pooler (same user and password). */
export function stationPoolConnectionString(file: StationFile): string | null {
  if (!file.pool) return null;
  const { user, password, ssl } = file.database;
  const url = new URL(
    `postgres://${file.pool.host}:${file.pool.port}/${encodeURIComponent(file.pool.database)}`,
  );
  url.username = user;
  url.password = password;
  if (ssl) url.searchParams.set('sslmode', 'require');
  return url.toString();
}
