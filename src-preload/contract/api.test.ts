import { describe, expect, it } from 'vitest';
import { stationApi, stationEvents } from './api.ts';
import { EVENT_NAMES, METHOD_NAMES } from './names.ts';

describe('station API contract', () => {
  it('lists the same call names for the preload allowlist as the contract defines', () => {
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(stationApi).sort());
  });

  it('lists the same event names for the preload allowlist as the contract defines', () => {
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(stationEvents).sort());
  });
});
