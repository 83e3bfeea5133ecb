// Initial sync: loads the station's whole scope into an empty cache with COPY, ordered by id so
// it can resume after a crash or a lost link from the last id saved. Each batch of rows and the
// progress marker are written in one short SQLite transaction. Secondary indexes are built after
// the load. The first snapshot's horizon H0 becomes the incremental cursor: every change that the
// load might have missed (committed after that snapshot) has change_xid >= H0.
import type pg from 'pg';
import type { StationFile } from '../../db/admin/station-file.ts';
import { MIRROR_SPECS, type MirrorSpec } from '../cache/mirror-spec.ts';
import type { StationCache } from '../cache/station-cache.ts';
import { assertSiteId, SITE_SCOPED } from '../cache/sync-scope.ts';
import { copyMirrorRows, snapshotHorizon } from './copy-rows.ts';

export interface InitialSyncProgress {
  table: string;
  rowsDone: number;
  rowsTotal: number;
}

export interface InitialSyncOptions {
  onProgress?: (progress: InitialSyncProgress) => void;
  batchSize?: number;
  /** Observes every SQLite write transaction's duration (benchmarks): a page of rows or an index. */
  onWriteTransaction?: (ms: number, kind: 'rows' | 'index') => void;
}

function scopeWhere(spec: MirrorSpec, siteId: string): string[] {
  const rule = SITE_SCOPED[spec.table];
  return rule ? [rule.where(siteId)] : [];
}

async function countScope(client: pg.Client, siteId: string): Promise<number> {
  const parts = MIRROR_SPECS.map((spec) => {
    const where = scopeWhere(spec, siteId);
    return `SELECT count(*) AS n FROM "${spec.table}"${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  });
  const { rows } = await client.query<{ total: string }>(
    `SELECT sum(n)::text AS total FROM (${parts.join(' UNION ALL ')}) c`,
  );
  return Number(rows[0]?.total ?? 0);
}

export async function initialSync(
  client: pg.Client,
  cache: StationCache,
  file: StationFile,
  options: InitialSyncOptions = {},
): Promise<{ rows: number; horizon: number }> {
  const siteId = assertSiteId(file.siteId);
  const timed = <T>(fn: () => T, kind: 'rows' | 'index' = 'rows'): T => {
    const started = performance.now();
    try {
      return cache.transaction(fn);
    } finally {
      options.onWriteTransaction?.(performance.now() - started, kind);
    }
  };
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const horizonNow = await snapshotHorizon(client);
    let state = cache.syncState();
    if (state.initialHorizon === null) {
      const total = await countScope(client, siteId);
      cache.dropMirrorIndexes();
      timed(() => {
        for (const spec of MIRROR_SPECS) cache.writer.exec(`DELETE FROM "${spec.table}"`);
        cache.updateSyncState({
          initial_horizon: horizonNow,
          initial_table: MIRROR_SPECS[0]?.table ?? null,
          initial_last_id: null,
          initial_rows_done: 0,
          initial_rows_total: total,
        });
      });
      state = cache.syncState();
    }
    const horizon = state.initialHorizon ?? horizonNow;
    let done = state.initialRowsDone;
    // initial_table is null once every table has been loaded (a crash while the indexes were
    // built): nothing is loaded again, only the indexes and the cursor remain.
    const resumeIndex = MIRROR_SPECS.findIndex((s) => s.table === state.initialTable);
    const startIndex = state.initialTable === null ? MIRROR_SPECS.length : Math.max(0, resumeIndex);
    for (let i = startIndex; i < MIRROR_SPECS.length; i++) {
      const spec = MIRROR_SPECS[i];
      if (!spec) continue;
      const where = scopeWhere(spec, siteId);
      const resumeAfter = i === startIndex ? state.initialLastId : null;
      if (resumeAfter) where.push(`id > '${resumeAfter.replace(/[^0-9a-f-]/g, '')}'`);
      await copyMirrorRows(
        client,
        spec,
        where,
        (rows) => {
          const last = rows[rows.length - 1];
          timed(() => {
            cache.upsertRows(spec, rows, 'insert');
            done += rows.length;
            cache.updateSyncState({
              initial_table: spec.table,
              initial_last_id: last ? String(last[spec.idIndex]) : null,
              initial_rows_done: done,
            });
          });
          options.onProgress?.({ table: spec.table, rowsDone: done, rowsTotal: state.initialRowsTotal });
        },
        { orderById: true, batchSize: options.batchSize ?? 5000 },
      );
      const next = MIRROR_SPECS[i + 1];
      timed(() => {
        cache.updateSyncState({ initial_table: next?.table ?? null, initial_last_id: null });
      });
    }
    await client.query('COMMIT');
    // One transaction per index: SQLite builds an index in one statement, the only write
    // transactions of the sync that grow with the size of a table (readers are never blocked).
    for (const spec of MIRROR_SPECS) {
      cache.createMirrorIndexesFor(spec.table, (build) => {
        timed(build, 'index');
      });
    }
    timed(() => {
      cache.updateSyncState({
        cursor_xid: horizon,
        initial_horizon: null,
        initial_table: null,
        initial_last_id: null,
        last_pull_at: new Date().toISOString(),
        last_error: null,
      });
    });
    options.onProgress?.({
      table: 'done',
      rowsDone: done,
      rowsTotal: Math.max(done, state.initialRowsTotal),
    });
    return { rows: done, horizon };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
