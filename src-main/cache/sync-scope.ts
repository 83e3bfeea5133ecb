// What a station pulls: its tenant's reference data and the transactional data of its site. Row
// level security already limits every query to the station's tenant; these filters narrow the
// big per-site tables to the station's site.
import { UUID_PATTERN } from '../../db/ids/uuidv7.ts';
import type { MirrorTableName } from '../../db/schema/sqlite/index.ts';

export interface ScopeAnchor {
  /** The reference table whose rows decide membership (their site_id)... */
  table: 'locations' | 'users';
  /** ...and the column of the scoped table that points at them. */
  column: string;
}

export interface ScopeRule {
  /** SQL condition on the table's rows for the given site (valid in PostgreSQL and SQLite). */
  where(siteId: string): string;
  /**
   * The anchors of the rule: when an anchor row moves into the site its rows are fetched, when it
   * moves out its rows are dropped unless another anchor still keeps them in scope.
   */
  anchors: readonly ScopeAnchor[];
}

const atSite = (table: 'locations' | 'users', column: string, site: string): string =>
  `${column} IN (SELECT id FROM ${table} WHERE site_id = '${site}')`;

export const SITE_SCOPED: Partial<Record<MirrorTableName, ScopeRule>> = {
  inventory_stock: {
    where: (site) => atSite('locations', 'location_id', site),
    anchors: [{ table: 'locations', column: 'location_id' }],
  },
  inventory_wallets: {
    where: (site) => atSite('users', 'user_id', site),
    anchors: [{ table: 'users', column: 'user_id' }],
  },
  // The movement history of the site's bins and of its technicians' wallets (a movement between a
  // bin of another site and a technician of this one, or the reverse, is at both sites), so the
  // counter can show what happened to a bin or a wallet while offline. Movements can be many; the
  // rest of the tenant's history stays on the server.
  stock_movements: {
    where: (site) =>
      `(${atSite('locations', 'location_id', site)} OR ${atSite('users', 'technician_id', site)})`,
    anchors: [
      { table: 'locations', column: 'location_id' },
      { table: 'users', column: 'technician_id' },
    ],
  },
};

export function assertSiteId(siteId: string): string {
  if (!UUID_PATTERN.test(siteId)) throw new Error(`'${siteId}' is not a site id.`);
  return siteId;
}
