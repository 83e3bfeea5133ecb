import { describe, expect, it } from 'vitest';
import { asTimestamp } from './mirror-spec.ts';

describe('timestamps from PostgreSQL', () => {
  it('are stored as ISO UTC with the fraction padded to microseconds', () => {
    expect(asTimestamp('2026-11-25 10:57:41.123456+00')).toBe('2026-11-25T10:57:41.123456Z');
    expect(asTimestamp('2026-11-25 10:57:41.12+00')).toBe('2026-11-25T10:57:41.120000Z');
    expect(asTimestamp('2026-11-25 10:57:41+00')).toBe('2026-11-25T10:57:41.000000Z');
    expect(asTimestamp(null)).toBeNull();
  });

  it('order as text the way they order in time', () => {
    const times = ['2026-11-25 10:57:41.5+00', '2026-11-25 10:57:41+00', '2026-11-25 10:57:41.123+00'];
    const stored = times.map((t) => asTimestamp(t) as string);
    expect([...stored].sort()).toEqual([stored[1], stored[2], stored[0]]);
  });
});
