// One way to refresh reads after a change: a read's query key starts with its method, and the
// contract declares which cache tables each method reads (src-preload/contract: `reads`). The
// core's data.changed event names the tables a change touched (a queued operation, a push outcome,
// a pull), and every query whose method reads one of them is refreshed.
import type { QueryClient } from '@tanstack/react-query';
import { isMethod, methodReads } from '../../../src-preload/contract/api.ts';
import type { EventOf } from '../../../src-preload/contract/api.ts';

/** Whether a query of this key reads one of the changed tables ('*': every table changed). */
export function readsChanged(
  queryKey: readonly unknown[],
  tables: readonly EventOf<'data.changed'>['tables'][number][],
): boolean {
  const method = queryKey[0];
  if (!isMethod(method)) return false;
  const reads = methodReads(method);
  if (reads.length === 0) return false;
  return tables.includes('*') || reads.some((table) => tables.includes(table));
}

/**
 * Marks stale (and refetches if shown) every query that reads one of the changed tables. A
 * refetch already on its way is restarted, so what is shown reads the change.
 */
export function invalidateForTables(
  queryClient: QueryClient,
  tables: readonly EventOf<'data.changed'>['tables'][number][],
): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query) => readsChanged(query.queryKey, tables) });
}

/**
 * After the core answered a change this window made: the same refresh, except that a refetch
 * already on its way is kept. The core's data.changed event for the change reaches the window
 * before its answer, and the refetch it started (restarting any older one) already reads the
 * change: starting another would read the same rows twice (on a 500-line truck, per scan). If the
 * event comes later, it restarts the refetch itself.
 */
export function refreshAfterOwnChange(
  queryClient: QueryClient,
  tables: readonly EventOf<'data.changed'>['tables'][number][],
): Promise<void> {
  return queryClient.invalidateQueries(
    { predicate: (query) => readsChanged(query.queryKey, tables) },
    { cancelRefetch: false },
  );
}

type Table = EventOf<'data.changed'>['tables'][number];

/** The refresh of what sync cycles change: `add` takes each cycle's tables. */
export interface SyncRefresh {
  add(tables: readonly Table[]): void;
  /** Drops a refresh still waiting (the window is closing). */
  stop(): void;
}

/**
 * The refresh after a sync cycle (pulled rows, a push's outcome): at once when the last one was at
 * least `intervalMs` ago, else gathered with the cycles that follow into one refresh when the
 * interval is up. While a clerk scans a truck, each scan's push comes back confirmed a moment
 * later, and each would read the whole truck again in the middle of the next scan; gathered, the
 * truck is read for them a few times a second. A change made here is refreshed at once, always.
 */
export function syncRefresh(queryClient: QueryClient, intervalMs: number): SyncRefresh {
  let last = -Infinity;
  let waiting: Set<Table> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (tables: readonly Table[]): void => {
    last = performance.now();
    void invalidateForTables(queryClient, tables);
  };
  return {
    add(tables) {
      if (waiting !== null) {
        for (const table of tables) waiting.add(table);
        return;
      }
      const since = performance.now() - last;
      if (since >= intervalMs) {
        run(tables);
        return;
      }
      const gathered = new Set(tables);
      waiting = gathered;
      timer = setTimeout(() => {
        waiting = null;
        run([...gathered]);
      }, intervalMs - since);
    },
    stop() {
      clearTimeout(timer);
      waiting = null;
    },
  };
}
