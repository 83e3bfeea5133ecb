// The seeded sync world of a test file (test/helpers/sync-harness.ts): created before the file's
// tests and closed after them, with the station most tests start from.
//
//   const world = useSyncWorld();               // a SyncWorld, usable inside tests and hooks
//   const station = await world.syncedStation(); // enrolled at ACME-NBO and synced once
import { afterAll, beforeAll } from 'vitest';
import { createSyncWorld, type Station, type SyncWorld } from './sync-harness.ts';

export interface TestSyncWorld extends SyncWorld {
  /** Enrols a station of a site of the demo tenant acme (ACME-NBO unless given) and syncs it once. */
  syncedStation(siteCode?: string): Promise<Station>;
}

export function useSyncWorld(options: { stockRows?: number } = {}): TestSyncWorld {
  let world: SyncWorld | undefined;
  beforeAll(async () => {
    world = await createSyncWorld(options);
  });
  afterAll(async () => {
    await world?.close();
  });
  const current = (): SyncWorld => {
    if (!world) throw new Error('The sync world is created in beforeAll; use it inside tests and hooks.');
    return world;
  };
  return {
    get url() {
      return current().url;
    },
    get admin() {
      return current().admin;
    },
    enroll: (enrolOptions) => current().enroll(enrolOptions),
    adminClient: () => current().adminClient(),
    close: () => current().close(),
    syncedStation: async (siteCode) => {
      const station = await current().enroll(siteCode === undefined ? {} : { siteCode });
      await station.syncOnce();
      return station;
    },
  };
}
