// The sync bar's state: a status is drawn when the bar would show something new, not for every
// move between the phases of a running sync.
import { beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatusView } from '../../../src-preload/contract/sync.ts';
import { useSyncStore } from './sync-store.ts';

const status = (changes: Partial<SyncStatusView>): SyncStatusView => ({
  online: true,
  phase: 'idle',
  lastSyncAt: '2026-12-06T05:00:00.000Z',
  pending: 0,
  rejected: 0,
  initial: null,
  error: null,
  ...changes,
});

beforeEach(() => {
  useSyncStore.setState({ sync: null });
});

describe('the sync bar’s status', () => {
  it('keeps what it shows while a push and a pull run, and takes every change of what it shows', () => {
    const { setSync } = useSyncStore.getState();
    const queued = status({ pending: 1 });
    setSync(queued);
    setSync(status({ pending: 1, phase: 'pushing' }));
    setSync(status({ pending: 1, phase: 'pulling' }));
    expect(useSyncStore.getState().sync).toBe(queued);

    const confirmed = status({ pending: 0, lastSyncAt: '2026-12-06T05:00:01.000Z' });
    setSync(confirmed);
    expect(useSyncStore.getState().sync).toBe(confirmed);

    // Leaving the running phases is always drawn, even with the same counts.
    const offline = status({ online: false, phase: 'offline', lastSyncAt: confirmed.lastSyncAt });
    setSync(offline);
    expect(useSyncStore.getState().sync).toEqual(offline);
    const back = status({ phase: 'pulling', lastSyncAt: confirmed.lastSyncAt });
    setSync(back);
    expect(useSyncStore.getState().sync).toEqual(back);
  });
});
