// The overlay's pending state changes: folded in queue order over the mirror's state, with a
// change that expected another state reported as a conflict, and gone with their operation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StationCache } from '../cache/station-cache.ts';
import { addEffect, addStateChange, pendingDelta, pendingState } from './overlay.ts';

let dir: string;
let cache: StationCache;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'amms-overlay-'));
  cache = StationCache.open(dir);
});

afterEach(() => {
  cache.close();
  rmSync(dir, { recursive: true, force: true });
});

const dropOp = (opId: string): void => {
  cache.writer.prepare('DELETE FROM pending_effects WHERE op_id = ?').run(opId);
};

describe('pending state changes', () => {
  it('shows the mirror state when nothing is queued', () => {
    expect(pendingState(cache.writer, 'shipment', 's1', 'loading')).toEqual({
      state: 'loading',
      confirmed: 'loading',
      changes: [],
      conflict: null,
    });
  });

  it('applies queued changes in the order they were queued', () => {
    addStateChange(cache.writer, 'op-1', 'work_order', 'w1', 'draft', 'ready');
    addStateChange(cache.writer, 'op-2', 'work_order', 'w1', ['ready', 'in_progress'], 'in_progress');
    addStateChange(cache.writer, 'op-3', 'work_order', 'w2', 'draft', 'cancelled');
    const shown = pendingState(cache.writer, 'work_order', 'w1', 'draft');
    expect(shown.state).toBe('in_progress');
    expect(shown.confirmed).toBe('draft');
    expect(shown.changes).toEqual([
      { opId: 'op-1', from: ['draft'], to: 'ready' },
      { opId: 'op-2', from: ['ready', 'in_progress'], to: 'in_progress' },
    ]);
    expect(shown.conflict).toBeNull();
  });

  it('reports a queued change that expected another state, and leaves the state before it', () => {
    addStateChange(cache.writer, 'op-1', 'shipment', 's1', 'loading', 'dispatched');
    addStateChange(cache.writer, 'op-2', 'shipment', 's1', 'loading', 'cancelled');
    const shown = pendingState(cache.writer, 'shipment', 's1', 'loading');
    expect(shown.state).toBe('dispatched');
    expect(shown.conflict).toBe('op-2');
  });

  it('falls back to the mirror state once the operation is rolled back (rejected)', () => {
    addStateChange(cache.writer, 'op-1', 'shipment', 's1', 'loading', 'dispatched');
    dropOp('op-1');
    expect(pendingState(cache.writer, 'shipment', 's1', 'loading').state).toBe('loading');
  });

  it('leaves numeric deltas of the same key alone', () => {
    addEffect(cache.writer, 'op-1', 'stock', 'p|w|A-01', -2);
    addStateChange(cache.writer, 'op-1', 'shipment', 'p|w|A-01', 'loading', 'dispatched');
    expect(pendingDelta(cache.writer, 'stock', 'p|w|A-01')).toBe(-2);
  });
});
