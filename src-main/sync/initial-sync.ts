// Initial sync: loads the station's whole scope into a side file (DIR/station.build.db) with COPY,
// ordered by id so it can resume after a crash or a lost link from the last id saved. Each page of
// rows and its progress marker are written in one short SQLite transaction. Secondary indexes are
// built after the load, still in the side file, and the finished file then replaces station.db
// with the outbox carried over (cache/mirror-swap.ts): station.db's write lock is never held for
// more than a page's worth of work, however big the scope (docs/adr/0009). The first snapshot's
// horizon H0 becomes the incremental cursor: every change that the load might have missed
// (committed after that snapshot) has change_xid >= H0.
import type pg from 'pg';
import type { StationFile } from '../../db/admin/station-file.ts';
import { MirrorBuild } from '../cache/mirror-build.ts';
import { MIRROR_SPECS, type MirrorSpec } from '../cache/mirror-spec.ts';
import type { StationCache } from '../cache/station-cache.ts';
import { assertSiteId, SITE_SCOPED } from '../cache/sync-scope.ts';
import { copyMirrorRows, snapshotHorizon } from './copy-rows.ts';
import { beginAsStation } from './server-link.ts';

export interface InitialSyncProgress {
  table: string;
  rowsDone: number;
  rowsTotal: number;
}

export interface InitialSyncOptions {
  onProgress?: (progress: InitialSyncProgress) => void;
  batchSize?: number;
  /**
   * Observes every SQLite write transaction's duration (benchmarks): 'station' on station.db
   * (progress for the UI, the swap), 'rows' and 'index' in the side file, which blocks nobody.
   */
  onWriteTransaction?: (ms: number, kind: WriteKind) => void;
  /** Observes the steps of the build (crash tests). */
  onStep?: (step: 'loaded' | 'indexed' | 'sealed') => void;
}

type WriteKind = 'station' | 'rows' | 'index';

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
  const timed = <T>(kind: WriteKind, fn: () => T): T => {
    const started = performance.now();
    try {
      return fn();
    } finally {
      options.onWriteTransaction?.(performance.now() - started, kind);
    }
  };
  const showProgress = (table: string | null, done: number, total: number): void => {
    timed('station', () => {
      cache.transaction(() => {
        cache.updateSyncState({ initial_table: table, initial_rows_done: done, initial_rows_total: total });
      });
    });
    options.onProgress?.({ table: table ?? 'indexes', rowsDone: done, rowsTotal: total });
  };

  let build = MirrorBuild.resume(cache.dir);
  try {
    if (build?.state().phase !== 'indexed') {
      await beginAsStation(client, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        if (!build) {
          const horizon = await snapshotHorizon(client);
          const total = await countScope(client, siteId);
          build = MirrorBuild.start(cache.dir, horizon, total, MIRROR_SPECS[0]?.table ?? null);
        }
        await loadRows(client, build, siteId, options, timed, showProgress);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      options.onStep?.('loaded');
      build.createIndexes((_table, createIndex) => {
        timed('index', createIndex);
      });
      options.onStep?.('indexed');
    }
    const state = build.state();
    build.seal();
    options.onStep?.('sealed');
    timed('station', () => {
      cache.adoptMirrorBuild(MirrorBuild.pathIn(cache.dir), {
        cursor_xid: state.horizon,
        initial_table: null,
        initial_rows_done: state.rowsDone,
        initial_rows_total: Math.max(state.rowsDone, state.rowsTotal),
        last_pull_at: new Date().toISOString(),
        last_error: null,
      });
    });
    options.onProgress?.({
      table: 'done',
      rowsDone: state.rowsDone,
      rowsTotal: Math.max(state.rowsDone, state.rowsTotal),
    });
    return { rows: state.rowsDone, horizon: state.horizon };
  } finally {
    build?.close();
  }
}

/** Loads every table from the build's resume point on, in the caller's server transaction. */
async function loadRows(
  client: pg.Client,
  build: MirrorBuild,
  siteId: string,
  options: InitialSyncOptions,
  timed: <T>(kind: WriteKind, fn: () => T) => T,
  showProgress: (table: string | null, done: number, total: number) => void,
): Promise<void> {
  const state = build.state();
  let done = state.rowsDone;
  // table is null once every table has been loaded: nothing is loaded again.
  const resumeIndex = MIRROR_SPECS.findIndex((s) => s.table === state.table);
  const startIndex = state.table === null ? MIRROR_SPECS.length : Math.max(0, resumeIndex);
  for (let i = startIndex; i < MIRROR_SPECS.length; i++) {
    const spec = MIRROR_SPECS[i];
    if (!spec) continue;
    const where = scopeWhere(spec, siteId);
    const resumeAfter = i === startIndex ? state.lastId : null;
    if (resumeAfter) where.push(`id > '${resumeAfter.replace(/[^0-9a-f-]/g, '')}'`);
    await copyMirrorRows(
      client,
      spec,
      where,
      (rows) => {
        done += rows.length;
        timed('rows', () => {
          build.insertPage(spec, rows, done);
        });
        showProgress(spec.table, done, state.rowsTotal);
      },
      { orderById: true, batchSize: options.batchSize ?? 5000 },
    );
    build.nextTable(MIRROR_SPECS[i + 1]?.table ?? null);
  }
  showProgress(null, done, state.rowsTotal);
}
