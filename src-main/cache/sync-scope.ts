// What a station pulls: its tenant's reference data and the transactional data of its site. Row
// level security already limits every query to the station's tenant; these filters narrow the
// big per-site tables to the station's site.
import { UUID_PATTERN } from '../../db/ids/uuidv7.ts';
import type { MirrorTableName } from '../../db/schema/sqlite/index.ts';

export interface ScopeRule {
  /** SQL condition on the table's rows for the given site. */
  where(siteId: string): string;
  /** The reference table whose rows decide membership (their site_id), and the linking column. */
  anchorTable: 'locations' | 'users';
  anchorColumn: string;
}

export const SITE_SCOPED: Partial<Record<MirrorTableName, ScopeRule>> = {
  inventory_stock: {
    where: (site) => `location_id IN (SELECT id FROM locations WHERE site_id = '${site}')`,
    anchorTable: 'locations',
    anchorColumn: 'location_id',
  },
  inventory_wallets: {
    where: (site) => `user_id IN (SELECT id FROM users WHERE site_id = '${site}')`,
    anchorTable: 'users',
    anchorColumn: 'user_id',
  },
};

export function assertSiteId(siteId: string): string {
  if (!UUID_PATTERN.test(siteId)) throw new Error(`'${siteId}' is not a site id.`);
  return siteId;
}
