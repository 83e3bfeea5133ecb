// Incremental pull: everything of the station's scope that changed since the cursor, read in one
// REPEATABLE READ transaction on the server and applied, with the new cursor, in one SQLite
// transaction, so a server transaction is never seen half-applied and a crash never skips rows.
//
// The cursor is the snapshot horizon H = pg_snapshot_xmin(pg_current_snapshot()) of the previous
// pull: every transaction below H had finished then, so it was fully seen. Rows are re-read with
// change_xid >= H, which is safe against transactions that commit out of order.
//
// Deletes: a tombstone's xid says nothing about commit order either (a transaction with a lower
// xid can delete a row version written by a higher one, committed earlier), so tombstones are not
// compared with the cached row's change_xid. The pull's own snapshot decides instead: a tombstone
// since the cursor deletes the cached row when that snapshot has no such row in the station's
// scope (a row deleted and created again with the same id is kept, and its new version is read).
//
// Scope moves (src-main/cache/sync-scope.ts): a row can enter or leave the station's site without
// changing itself, when one of its anchors moves (an asset to a location of another site, a
// warehouse to another site). The pull follows the anchors level by level, in MIRROR_SPECS order
// (anchors before the tables they carry):
// - the tenant-wide anchors (locations, users, assets) that changed, or point at one that did,
//   are tested "at the site?" on the cache before applying and in the pull's server snapshot;
// - rows of the anchors that entered are fetched from the server in the same snapshot; those of
//   them that were not in the cache are anchors that entered for the next level (a work order
//   brought by its asset brings its tasks);
// - after the upserts, in the same SQLite transaction, the rows of anchors that left are deleted
//   unless their rule (evaluated on the updated cache) still keeps them, and what was deleted
//   leaves for the next level;
// - a row that left by its own change (a shipment sent to another destination) is found in the
//   snapshot like a tombstone: changed since the cursor and out of scope now.
import type pg from 'pg';
import type { StationFile } from '../../db/admin/station-file.ts';
import { UUID_PATTERN } from '../../db/ids/uuidv7.ts';
import type { MirrorTableName } from '../../db/schema/sqlite/index.ts';
import {
  MIRROR_SPEC_BY_TABLE,
  MIRROR_SPECS,
  type CacheValue,
  type MirrorSpec,
} from '../cache/mirror-spec.ts';
import type { StationCache } from '../cache/station-cache.ts';
import {
  assertSiteId,
  AT_SITE,
  isAnchorTable,
  isSiteTable,
  SITE_SCOPED,
  type AnchorTable,
  type ScopeAnchor,
  type ScopeRule,
  type SiteTable,
} from '../cache/sync-scope.ts';
import { fetchMirrorRows, snapshotHorizon, xidLiteral } from './copy-rows.ts';
import { beginAsStation } from './server-link.ts';
import { settleConfirmedOperations } from './settle.ts';

export interface PullReport {
  horizon: number;
  rows: number;
  deletes: number;
  /** Rows written, by table. */
  tables: Partial<Record<MirrorTableName, number>>;
  /** Rows deleted (tombstones, rows leaving the scope), by table. */
  deleted: Partial<Record<MirrorTableName, number>>;
  /** Operations the server had confirmed whose optimistic effects this pull replaced. */
  settled: number;
}

/** Rows read from the server in this pull, by table and id (a row fetched twice is kept once). */
type Pulled = Map<MirrorTableName, Map<string, CacheValue[]>>;

/** Ids by table: anchors that entered or left the scope, rows to drop. */
type IdsByTable<T extends string> = Map<T, string[]>;

interface GoneRow {
  table_name: string;
  row_id: string;
}

const SITE_TABLES = Object.keys(AT_SITE) as SiteTable[];
const DELETE_SLICE = 1000;

// Every anchor table must come before the tables it anchors in MIRROR_SPECS: the pull handles
// one level after another in that order.
for (const [index, spec] of MIRROR_SPECS.entries()) {
  const rule = isSiteTable(spec.table) ? AT_SITE[spec.table] : SITE_SCOPED[spec.table];
  for (const anchor of rule?.anchors ?? []) {
    if (MIRROR_SPECS.findIndex((s) => s.table === anchor.table) >= index)
      throw new Error(`The mirror lists ${spec.table} before its scope anchor ${anchor.table}.`);
  }
}

function inList(ids: readonly string[]): string {
  return ids.map((id) => `'${assertUuid(id)}'`).join(', ');
}

function assertUuid(id: string): string {
  if (!UUID_PATTERN.test(id)) throw new Error(`Unexpected id ${id} from the server.`);
  return id;
}

function addRows(pulled: Pulled, spec: MirrorSpec, rows: CacheValue[][]): void {
  const byId = pulled.get(spec.table) ?? new Map<string, CacheValue[]>();
  pulled.set(spec.table, byId);
  for (const row of rows) byId.set(String(row[spec.idIndex]), row);
}

const pulledIds = (pulled: Pulled, table: MirrorTableName): string[] => [
  ...(pulled.get(table)?.keys() ?? []),
];

// Server side --------------------------------------------------------------------------------------

/** Every row of the station's scope written since the cursor. */
async function fetchChangedRows(client: pg.Client, since: string, siteId: string): Promise<Pulled> {
  const pulled: Pulled = new Map();
  for (const spec of MIRROR_SPECS) {
    const scope = SITE_SCOPED[spec.table];
    const where = [`change_xid >= ${since}`];
    if (scope) where.push(scope.where(siteId));
    addRows(pulled, spec, await fetchMirrorRows(client, spec, where));
  }
  return pulled;
}

/**
 * The rows of a tenant-wide anchor table whose being at the site may have changed in this pull:
 * those that changed, and those pointing at a candidate of their own anchors (the assets of a
 * location that changed). Valid on both sides; null when there is none.
 */
function candidatesSql(table: SiteTable, pulled: Pulled): string | null {
  const ids = pulledIds(pulled, table);
  const terms = ids.length > 0 ? [`id IN (${inList(ids)})`] : [];
  for (const anchor of AT_SITE[table].anchors) {
    if (!isSiteTable(anchor.table)) continue;
    const parent = candidatesSql(anchor.table, pulled);
    if (parent) terms.push(`${anchor.column} IN (SELECT id FROM ${anchor.table} WHERE ${parent})`);
  }
  return terms.length > 0 ? `(${terms.join(' OR ')})` : null;
}

/**
 * Tenant-wide anchor rows (warehouses, technicians, assets) that moved into or out of the site:
 * "at the site" before (the cache, not yet written) against after (the pull's server snapshot).
 */
async function siteTableMoves(
  client: pg.Client,
  cache: StationCache,
  siteId: string,
  pulled: Pulled,
): Promise<{ entered: IdsByTable<AnchorTable>; left: IdsByTable<AnchorTable> }> {
  const before = new Map<SiteTable, Set<string>>();
  const queries: string[] = [];
  for (const table of SITE_TABLES) {
    const candidates = candidatesSql(table, pulled);
    if (!candidates) continue;
    const where = AT_SITE[table].where(siteId);
    const ids = cache.writer
      .prepare(`SELECT id FROM "${table}" WHERE ${candidates} AND coalesce((${where}), 0)`)
      .pluck()
      .all() as string[];
    before.set(table, new Set(ids));
    queries.push(
      `SELECT '${table}' AS table_name, id::text AS row_id FROM "${table}" WHERE ${candidates} AND (${where})`,
    );
  }
  const entered: IdsByTable<AnchorTable> = new Map();
  const left: IdsByTable<AnchorTable> = new Map();
  if (queries.length === 0) return { entered, left };
  const after = new Map<string, Set<string>>();
  for (const row of (await client.query<GoneRow>(queries.join(' UNION ALL '))).rows) {
    const ids = after.get(row.table_name) ?? new Set<string>();
    after.set(row.table_name, ids.add(row.row_id));
  }
  for (const [table, was] of before) {
    const now = after.get(table) ?? new Set<string>();
    entered.set(
      table,
      [...now].filter((id) => !was.has(id)),
    );
    left.set(
      table,
      [...was].filter((id) => !now.has(id)),
    );
  }
  return { entered, left };
}

/** The ids that the cache does not hold yet (read before the pull writes anything). */
function notCached(cache: StationCache, table: MirrorTableName, ids: string[]): string[] {
  const has = cache.writer.prepare(`SELECT 1 FROM "${table}" WHERE id = ?`).pluck();
  return ids.filter((id) => has.get(id) === undefined);
}

/**
 * Fetches the rows carried by anchors that entered the site, level by level: the per-site anchor
 * rows this brings that the cache did not hold (a work order of an asset that moved in, a new
 * shipment) are anchors that entered for the tables after them.
 */
async function fetchEnteredRows(
  client: pg.Client,
  cache: StationCache,
  siteId: string,
  pulled: Pulled,
  entered: IdsByTable<AnchorTable>,
): Promise<void> {
  for (const spec of MIRROR_SPECS) {
    const rule = SITE_SCOPED[spec.table];
    if (!rule) continue;
    for (const anchor of rule.anchors) {
      const ids = entered.get(anchor.table) ?? [];
      if (ids.length === 0) continue;
      const where = [`"${anchor.column}" IN (${inList(ids)})`, rule.where(siteId)];
      addRows(pulled, spec, await fetchMirrorRows(client, spec, where));
    }
    if (isAnchorTable(spec.table))
      entered.set(spec.table, notCached(cache, spec.table, pulledIds(pulled, spec.table)));
  }
}

/**
 * Rows the station must drop if it holds them, evaluated in the pull's snapshot: tombstones since
 * the cursor whose row does not exist now in the station's scope, and rows of per-site tables
 * written since the cursor that are out of scope now (they may have left by their own change, a
 * work order moved to another asset; the other sites' changes are sent as ids and are no-ops).
 */
function goneSinceSql(since: string, siteId: string): string {
  const absent = MIRROR_SPECS.map((spec) => {
    const scope = SITE_SCOPED[spec.table];
    const inScope = scope ? ` AND ${scope.where(siteId)}` : '';
    return `(t.table_name = '${spec.table}' AND NOT EXISTS (SELECT 1 FROM "${spec.table}" x WHERE x.id = t.row_id${inScope}))`;
  });
  const tombstoned = `SELECT t.table_name, t.row_id::text AS row_id FROM sync_tombstones t
           WHERE t.change_xid >= ${since} AND (${absent.join(' OR ')})`;
  const movedOut = Object.entries(SITE_SCOPED)
    .filter(([, rule]) => !rule.fixedAnchors)
    .map(
      ([table, rule]) =>
        `SELECT '${table}', id::text FROM "${table}"
        WHERE change_xid >= ${since} AND NOT coalesce((${rule.where(siteId)}), false)`,
    );
  return [tombstoned, ...movedOut].join('\nUNION\n');
}

async function goneRows(
  client: pg.Client,
  since: string,
  siteId: string,
): Promise<IdsByTable<MirrorTableName>> {
  const gone: IdsByTable<MirrorTableName> = new Map();
  for (const row of (await client.query<GoneRow>(goneSinceSql(since, siteId))).rows) {
    if (!MIRROR_SPEC_BY_TABLE.has(row.table_name)) continue;
    const table = row.table_name as MirrorTableName;
    const ids = gone.get(table) ?? [];
    gone.set(table, ids);
    ids.push(row.row_id);
  }
  return gone;
}

// Station side -------------------------------------------------------------------------------------

interface Deleted {
  count: number;
  /** The ids deleted from an anchor table (they leave for the next level); none otherwise. */
  anchorIds: string[];
}

/** Runs a DELETE on a mirror table; only an anchor table's ids are read back (stock rows can be many). */
function runDelete(cache: StationCache, table: MirrorTableName, sql: string): Deleted {
  if (!isAnchorTable(table)) return { count: cache.writer.prepare(sql).run().changes, anchorIds: [] };
  const ids = cache.writer.prepare(`${sql} RETURNING id`).pluck().all() as string[];
  return { count: ids.length, anchorIds: ids };
}

/**
 * Deletes the rows gone from the station's scope, in slices: after a long time offline the ids of
 * the other sites' changes can be many (and nearly none of them is in the cache).
 */
function deleteGone(cache: StationCache, table: MirrorTableName, ids: string[]): Deleted[] {
  const results: Deleted[] = [];
  for (let i = 0; i < ids.length; i += DELETE_SLICE) {
    const slice = ids.slice(i, i + DELETE_SLICE);
    results.push(runDelete(cache, table, `DELETE FROM "${table}" WHERE id IN (${inList(slice)})`));
  }
  return results;
}

/**
 * Deletes the rows of anchors that left which no anchor keeps in scope any more: evaluated on
 * the cache after the upserts (coalesce: the condition is NULL, not false, for a row whose other
 * anchor column is NULL). Reads only the rows pointing at those anchors, through the index on
 * the anchor column.
 */
function deleteCarriedRows(
  cache: StationCache,
  table: MirrorTableName,
  rule: ScopeRule,
  anchor: ScopeAnchor,
  anchorIds: string[],
  siteId: string,
): Deleted {
  return runDelete(
    cache,
    table,
    `DELETE FROM "${table}" WHERE "${anchor.column}" IN (${inList(anchorIds)})
       AND NOT coalesce((${rule.where(siteId)}), 0)`,
  );
}

/**
 * Drops what is gone or out of scope, level by level: each table's gone rows, then the rows
 * carried by anchors that left; what an anchor table lost leaves for the next level. Returns the
 * number of rows deleted.
 */
function dropOutOfScope(
  cache: StationCache,
  siteId: string,
  gone: IdsByTable<MirrorTableName>,
  siteTablesLeft: IdsByTable<AnchorTable>,
  deleted: Partial<Record<MirrorTableName, number>>,
): number {
  const left = new Map(siteTablesLeft);
  let deletes = 0;
  for (const { table } of MIRROR_SPECS) {
    const results = deleteGone(cache, table, gone.get(table) ?? []);
    const rule = SITE_SCOPED[table];
    for (const anchor of rule?.anchors ?? []) {
      const ids = left.get(anchor.table) ?? [];
      if (rule && ids.length > 0) results.push(deleteCarriedRows(cache, table, rule, anchor, ids, siteId));
    }
    for (const { count, anchorIds } of results) {
      deletes += count;
      if (count > 0) deleted[table] = (deleted[table] ?? 0) + count;
      if (isAnchorTable(table) && anchorIds.length > 0)
        left.set(table, (left.get(table) ?? []).concat(anchorIds));
    }
  }
  return deletes;
}

export async function pullChanges(
  client: pg.Client,
  cache: StationCache,
  file: StationFile,
): Promise<PullReport> {
  const state = cache.syncState();
  if (state.cursorXid === null)
    throw new Error('The initial sync has not finished; it runs before incremental pulls.');
  const siteId = assertSiteId(file.siteId);
  const since = xidLiteral(state.cursorXid);
  const generation = state.pullGeneration + 1;
  let pulled: Pulled;
  let left: IdsByTable<AnchorTable>;
  let gone: IdsByTable<MirrorTableName>;
  let horizon: number;

  await beginAsStation(client, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    horizon = await snapshotHorizon(client);
    pulled = await fetchChangedRows(client, since, siteId);
    const moves = await siteTableMoves(client, cache, siteId, pulled);
    left = moves.left;
    await fetchEnteredRows(client, cache, siteId, pulled, moves.entered);
    gone = await goneRows(client, since, siteId);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }

  let rowCount = 0;
  let deletes = 0;
  const tables: Partial<Record<MirrorTableName, number>> = {};
  const deleted: Partial<Record<MirrorTableName, number>> = {};
  let settled = 0;
  cache.transaction(() => {
    for (const spec of MIRROR_SPECS) {
      const rows = [...(pulled.get(spec.table)?.values() ?? [])];
      if (rows.length === 0) continue;
      cache.upsertRows(spec, rows);
      rowCount += rows.length;
      tables[spec.table] = rows.length;
    }
    deletes = dropOutOfScope(cache, siteId, gone, left, deleted);
    settled = settleConfirmedOperations(cache, generation);
    cache.updateSyncState({
      cursor_xid: horizon,
      pull_generation: generation,
      last_pull_at: new Date().toISOString(),
      last_error: null,
    });
  });
  return { horizon, rows: rowCount, deletes, tables, deleted, settled };
}
