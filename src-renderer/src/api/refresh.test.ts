// The one way reads are refreshed: a change to a table refetches the reads of that table, and the
// refresh after a window's own change does not start a second read of the same rows.
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { invalidateForTables, refreshAfterOwnChange, syncRefresh } from './refresh.ts';

const clients: QueryClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.clear();
});

/** A shown query of `method` whose reads are held until `release()`. */
function shownRead(client: QueryClient, method: string) {
  let calls = 0;
  const waiting: (() => void)[] = [];
  const observer = new QueryObserver(client, {
    queryKey: [method, { shipment_id: 'x' }],
    queryFn: () =>
      new Promise<number>((resolve) => {
        calls += 1;
        const n = calls;
        waiting.push(() => {
          resolve(n);
        });
      }),
  });
  const unsubscribe = observer.subscribe(() => undefined);
  return {
    calls: () => calls,
    release: async () => {
      for (const done of waiting.splice(0)) done();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    data: () => observer.getCurrentResult().data,
    unsubscribe,
  };
}

function newClient(): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  clients.push(client);
  return client;
}

describe('refreshing reads after a change', () => {
  it('refetches the reads of a changed table, restarting one on its way, and leaves other reads alone', async () => {
    const client = newClient();
    const truck = shownRead(client, 'shipments.detail');
    const info = shownRead(client, 'station.info');
    await truck.release();
    await info.release();
    expect([truck.calls(), info.calls()]).toEqual([1, 1]);

    void invalidateForTables(client, ['asset_movements']);
    expect(truck.calls()).toBe(2);
    void invalidateForTables(client, ['asset_movements']);
    expect(truck.calls()).toBe(3);
    await truck.release();
    expect(truck.data()).toBe(3);
    expect(info.calls()).toBe(1);
    truck.unsubscribe();
    info.unsubscribe();
  });

  it('after the window’s own change, keeps the refetch the change event started and starts one when none is on its way', async () => {
    const client = newClient();
    const truck = shownRead(client, 'shipments.detail');
    await truck.release();

    // The event first (it started a read of the change), then the answer: no second read.
    void invalidateForTables(client, ['outbox', 'pending_effects']);
    void refreshAfterOwnChange(client, ['outbox', 'pending_effects']);
    expect(truck.calls()).toBe(2);
    await truck.release();
    expect(truck.data()).toBe(2);

    // The answer first (the event is late or lost): the read is started then.
    void refreshAfterOwnChange(client, ['outbox', 'pending_effects']);
    expect(truck.calls()).toBe(3);
    await truck.release();
    expect(truck.data()).toBe(3);
    truck.unsubscribe();
  });

  it('refreshes a sync cycle’s change at once, and gathers the cycles that follow within the interval into one refresh', async () => {
    const client = newClient();
    const truck = shownRead(client, 'shipments.detail');
    const sites = shownRead(client, 'shipments.destinations');
    await truck.release();
    await sites.release();
    const refresh = syncRefresh(client, 40);

    refresh.add(['outbox']);
    expect([truck.calls(), sites.calls()]).toEqual([2, 1]);
    await truck.release();

    // Two more cycles at once: nothing yet, then one refresh of what both changed.
    refresh.add(['asset_movements']);
    refresh.add(['locations']);
    expect([truck.calls(), sites.calls()]).toEqual([2, 1]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect([truck.calls(), sites.calls()]).toEqual([3, 2]);
    await truck.release();
    await sites.release();

    // A refresh still waiting when the window closes is dropped.
    refresh.add(['outbox']);
    await truck.release();
    refresh.add(['outbox']);
    refresh.stop();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(truck.calls()).toBe(4);
    truck.unsubscribe();
    sites.unsubscribe();
  });
});
