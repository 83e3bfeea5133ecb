// The site a day operation is about: the station's own (as the server requires).
import type { CacheDb } from '../cache/db.ts';
import { OpError } from '../core/errors.ts';

export function requireOwnSite(
  db: CacheDb,
  siteId: string | undefined,
  stationSite: string,
): { id: string; code: string } {
  const id = siteId ?? stationSite;
  const site = db.prepare(`SELECT id, code, type FROM locations WHERE id = ?`).get(id) as
    { id: string; code: string; type: string } | undefined;
  if (!site || site.type !== 'site') throw new OpError('unknown_location', 'That site does not exist.');
  if (site.id !== stationSite) {
    throw new OpError('other_site', `${site.code} is another site; a station submits its own site's days.`);
  }
  return site;
}
