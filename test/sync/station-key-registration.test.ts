// A station enrolled before signing keys existed (no signing-key.json, no station_keys row) makes
// its key pair when its core first starts and registers the public half through its sync engine;
// the key comes back into its mirror, and into every other station's of the tenant.
import { existsSync, rmSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSigningKeyFile, signingKeyPath } from '../../db/admin/signing-key-file.ts';
import { StationCore } from '../../src-main/core/station-core.ts';
import { createSyncWorld, type Station, type SyncWorld } from '../helpers/sync-harness.ts';

let world: SyncWorld;
let old: Station;
let other: Station;

beforeAll(async () => {
  world = await createSyncWorld();
  old = await world.enroll({ name: 'Old counter' });
  other = await world.enroll({ name: 'Gate' });
  // As if enrolled before 0017: no key on either side.
  await world.admin.query('DELETE FROM station_keys WHERE station_id = $1', [old.file.stationId]);
  rmSync(signingKeyPath(old.dir));
  old.close();
}, 180_000);

afterAll(async () => {
  other.close();
  await world.close();
});

describe('a station without a signing key', () => {
  it('makes one on first start and registers it with its first sync', async () => {
    const core = new StationCore({ dir: old.dir, manualSync: true });
    try {
      const key = readSigningKeyFile(old.dir);
      expect(key?.keyId).toBe(core.signer.publicKey.keyId);
      expect(statSync(signingKeyPath(old.dir)).mode & 0o777).toBe(0o600);
      expect(key?.privateKey.protection).toBe('file');
      await core.engine.syncOnce();
      const server = await world.admin.query<{
        station_id: string;
        public_key: string;
        station_name: string;
      }>('SELECT station_id, public_key, station_name FROM station_keys WHERE key_id = $1', [key?.keyId]);
      expect(server.rows).toEqual([
        { station_id: old.file.stationId, public_key: key?.publicKey, station_name: 'Old counter' },
      ]);
      // Registered once: the next sync finds it in the mirror and asks nothing.
      await core.engine.syncOnce();
      expect(
        core.cache.reader
          .prepare('SELECT count(*) FROM station_keys WHERE key_id = ?')
          .pluck()
          .get(key?.keyId),
      ).toBe(1);
      await other.syncOnce();
      expect(
        other.cache.reader
          .prepare('SELECT station_name FROM station_keys WHERE key_id = ?')
          .pluck()
          .get(key?.keyId),
      ).toBe('Old counter');
    } finally {
      await core.close();
    }
    expect(existsSync(signingKeyPath(old.dir))).toBe(true);
  });
});
