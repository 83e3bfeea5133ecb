// shipments.destinations: the sites a truck from here can go to (every other active site).
import type { CacheDb } from '../../cache/db.ts';

export function destinations(db: CacheDb, siteId: string): { id: string; code: string; name: string }[] {
  return db
    .prepare(
      `SELECT id, code, name FROM locations WHERE type = 'site' AND is_active = 1 AND id <> ? ORDER BY code`,
    )
    .all(siteId) as { id: string; code: string; name: string }[];
}
