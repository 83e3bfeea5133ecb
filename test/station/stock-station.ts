// A station core over a synced cache of the seeded demo data (tenant acme, site ACME-NBO) for the
// stock query tests: calls go through dispatch() like a transport's, as the site's storekeeper.
import { expect } from 'vitest';
import type { Method, ParamsOf, ResultOf } from '../../src-preload/contract/api.ts';
import { dispatch } from '../../src-main/core/dispatch.ts';
import { StationCore, type Session } from '../../src-main/core/station-core.ts';
import { STATION_HANDLERS } from '../../src-main/station/handlers.ts';
import { createSyncWorld, type Station, type SyncWorld } from '../helpers/sync-harness.ts';

export interface StockStation {
  world: SyncWorld;
  core: StationCore;
  session: Session;
  station: Station;
  call<M extends Method>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  /** The error code of a call that must fail. */
  fail(method: Method, params: unknown, session?: Session): Promise<string>;
  close(): Promise<void>;
}

export async function openStockStation(): Promise<StockStation> {
  const world = await createSyncWorld();
  const station = await world.enroll();
  await station.syncOnce();
  const storekeeper = station.storekeeper();
  station.close();
  const core = new StationCore({ dir: station.dir, manualSync: true });
  const user = core.cache.reader
    .prepare('SELECT id, email, full_name AS fullName, role FROM users WHERE id = ?')
    .get(storekeeper) as NonNullable<Session['user']>;
  const session: Session = { user };
  return {
    world,
    core,
    session,
    station,
    async call(method, params) {
      const response = await dispatch(STATION_HANDLERS, core, session, method, params);
      if (!response.ok) expect.fail(`${method}: ${response.error.code} ${response.error.message}`);
      return response.result as never;
    },
    async fail(method, params, other = session) {
      const response = await dispatch(STATION_HANDLERS, core, other, method, params);
      if (response.ok) expect.fail(`${method} should have failed`);
      return response.error.code;
    },
    async close() {
      await core.close();
      await world.close();
    },
  };
}

/** Every page of a keyset-paged call. */
export async function allPages<M extends Method, R>(
  s: StockStation,
  method: M,
  params: ParamsOf<M>,
  rowsOf: (result: ResultOf<M>) => R[],
  nextOf: (result: ResultOf<M>) => string | null,
): Promise<{ rows: R[]; pages: number }> {
  const rows: R[] = [];
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const result = await s.call(method, { ...params, ...(after === undefined ? {} : { after }) });
    pages++;
    rows.push(...rowsOf(result));
    const next = nextOf(result);
    if (next === null) return { rows, pages };
    after = next;
    if (pages > 10_000) throw new Error('paging does not end');
  }
}
