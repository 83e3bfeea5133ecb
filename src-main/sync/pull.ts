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
import type pg from 'pg';
import type { StationFile } from '../../db/admin/station-file.ts';
import type { MirrorTableName } from '../../db/schema/sqlite/index.ts';
import { MIRROR_SPEC_BY_TABLE, MIRROR_SPECS, type CacheValue } from '../cache/mirror-spec.ts';
import type { StationCache } from '../cache/station-cache.ts';
import { assertSiteId, SITE_SCOPED } from '../cache/sync-scope.ts';
import { fetchMirrorRows, snapshotHorizon, xidLiteral } from './copy-rows.ts';
import { settleConfirmedOperations } from './settle.ts';

export interface PullReport {
  horizon: number;
  rows: number;
  deletes: number;
  tables: Partial<Record<MirrorTableName, number>>;
}

interface Tombstone {
  table_name: string;
  row_id: string;
}

interface ScopeMoves {
  entered: Map<'locations' | 'users', string[]>;
  left: Map<'locations' | 'users', string[]>;
}

/** Anchor rows (warehouses, users) that moved into or out of the station's site. */
function scopeMoves(
  cache: StationCache,
  siteId: string,
  changes: Map<MirrorTableName, CacheValue[][]>,
): ScopeMoves {
  const moves: ScopeMoves = { entered: new Map(), left: new Map() };
  for (const anchor of ['locations', 'users'] as const) {
    const spec = MIRROR_SPEC_BY_TABLE.get(anchor);
    const rows = changes.get(anchor) ?? [];
    if (!spec || rows.length === 0) continue;
    const siteIndex = spec.columns.findIndex((c) => c.name === 'site_id');
    const lookup = cache.writer.prepare(`SELECT site_id FROM "${anchor}" WHERE id = ?`).pluck();
    const entered: string[] = [];
    const left: string[] = [];
    for (const row of rows) {
      const id = String(row[spec.idIndex]);
      const before = lookup.get(id) as string | null | undefined;
      const after = row[siteIndex];
      if (after === siteId && before !== siteId) entered.push(id);
      if (before === siteId && after !== siteId) left.push(id);
    }
    moves.entered.set(anchor, entered);
    moves.left.set(anchor, left);
  }
  return moves;
}

/**
 * Rows deleted since the cursor that are gone in this snapshot (or no longer in the station's
 * scope): tombstones whose row does not exist now. Evaluated in the pull's snapshot.
 */
function goneSinceSql(since: string, siteId: string): string {
  const absent = MIRROR_SPECS.map((spec) => {
    const scope = SITE_SCOPED[spec.table];
    const inScope = scope ? ` AND ${scope.where(siteId)}` : '';
    return `(t.table_name = '${spec.table}' AND NOT EXISTS (SELECT 1 FROM "${spec.table}" x WHERE x.id = t.row_id${inScope}))`;
  });
  return `SELECT DISTINCT t.table_name, t.row_id::text AS row_id FROM sync_tombstones t
           WHERE t.change_xid >= ${since} AND (${absent.join(' OR ')})`;
}

function inList(ids: string[]): string {
  return ids.map((id) => `'${assertUuid(id)}'`).join(', ');
}

function assertUuid(id: string): string {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`Unexpected id ${id} from the server.`);
  return id;
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
  const changes = new Map<MirrorTableName, CacheValue[][]>();
  let tombstones: Tombstone[] = [];
  let moves: ScopeMoves;
  let horizon: number;

  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    horizon = await snapshotHorizon(client);
    for (const spec of MIRROR_SPECS) {
      const scope = SITE_SCOPED[spec.table];
      const where = [`change_xid >= ${since}`];
      if (scope) where.push(scope.where(siteId));
      changes.set(spec.table, await fetchMirrorRows(client, spec, where));
    }
    moves = scopeMoves(cache, siteId, changes);
    for (const [table, rule] of Object.entries(SITE_SCOPED) as [
      MirrorTableName,
      NonNullable<(typeof SITE_SCOPED)[MirrorTableName]>,
    ][]) {
      const spec = MIRROR_SPEC_BY_TABLE.get(table);
      for (const anchor of rule.anchors) {
        const entered = moves.entered.get(anchor.table) ?? [];
        if (entered.length === 0 || !spec) continue;
        const rows = await fetchMirrorRows(client, spec, [`"${anchor.column}" IN (${inList(entered)})`]);
        changes.get(table)?.push(...rows);
      }
    }
    tombstones = (await client.query<Tombstone>(goneSinceSql(since, siteId))).rows;
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }

  let rowCount = 0;
  let deletes = 0;
  const tables: Partial<Record<MirrorTableName, number>> = {};
  cache.transaction(() => {
    for (const spec of MIRROR_SPECS) {
      const rows = changes.get(spec.table) ?? [];
      if (rows.length === 0) continue;
      cache.upsertRows(spec, rows);
      rowCount += rows.length;
      tables[spec.table] = rows.length;
    }
    // Evaluated after the anchors' new rows are in: a row another anchor keeps in scope stays
    // (coalesce: the condition is NULL, not false, for a row whose other anchor column is NULL).
    for (const [table, rule] of Object.entries(SITE_SCOPED) as [
      MirrorTableName,
      NonNullable<(typeof SITE_SCOPED)[MirrorTableName]>,
    ][]) {
      for (const anchor of rule.anchors) {
        const left = moves.left.get(anchor.table) ?? [];
        if (left.length === 0) continue;
        const result = cache.writer
          .prepare(
            `DELETE FROM "${table}" WHERE "${anchor.column}" IN (${inList(left)})
               AND NOT coalesce((${rule.where(siteId)}), 0)`,
          )
          .run();
        deletes += result.changes;
      }
    }
    for (const t of tombstones) {
      if (!MIRROR_SPEC_BY_TABLE.has(t.table_name)) continue;
      deletes += cache.deleteRow(t.table_name as MirrorTableName, t.row_id);
    }
    settleConfirmedOperations(cache, generation);
    cache.updateSyncState({
      cursor_xid: horizon,
      pull_generation: generation,
      last_pull_at: new Date().toISOString(),
      last_error: null,
    });
  });
  return { horizon, rows: rowCount, deletes, tables };
}
