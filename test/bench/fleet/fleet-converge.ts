// Did a station converge? Every mirror table of its cache holds exactly the rows (id and
// row_version) that the server holds for the station's scope, read with the station's own
// identity (row-level security gives the tenant, SITE_SCOPED narrows the per-site tables) in one
// snapshot. Run after the fleet has stopped writing and every station has pulled once more.
import type pg from 'pg';
import { MIRROR_SPECS } from '../../../src-main/cache/mirror-spec.ts';
import type { StationCache } from '../../../src-main/cache/station-cache.ts';
import { SITE_SCOPED } from '../../../src-main/cache/sync-scope.ts';

type Query = (sql: string) => Promise<pg.QueryResult<{ id: string; row_version: number }>>;

/** The tables whose cache differs from the server (empty when converged). */
export async function divergentTables(query: Query, cache: StationCache, siteId: string): Promise<string[]> {
  const divergent: string[] = [];
  for (const spec of MIRROR_SPECS) {
    const scope = SITE_SCOPED[spec.table];
    const where = scope ? ` WHERE ${scope.where(siteId)}` : '';
    const server = (await query(`SELECT id::text AS id, row_version FROM "${spec.table}"${where}`)).rows
      .map((r) => `${r.id}:${r.row_version}`)
      .sort();
    const local = (
      cache.reader.prepare(`SELECT id, row_version FROM "${spec.table}"`).all() as {
        id: string;
        row_version: number;
      }[]
    )
      .map((r) => `${r.id}:${r.row_version}`)
      .sort();
    if (server.length !== local.length || server.some((row, i) => row !== local[i]))
      divergent.push(`${spec.table} (server ${server.length}, station ${local.length})`);
  }
  return divergent;
}
