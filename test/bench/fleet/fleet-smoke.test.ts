// The fleet simulator, briefly, as a smoke test (the figures are for `npm run bench:fleet`, by
// hand): a few stations on two sites through PgBouncer and the wake relay, with operations,
// offline spells and races for the same bin. Whatever the timings, no operation may fail and
// every station must end equal to the server, each operation applied exactly once.
import { describe, expect, it } from 'vitest';
import { formatReport } from './fleet-report.ts';
import { DEFAULT_OPTIONS, runFleet } from './fleet-run.ts';

describe('the fleet simulator', () => {
  it('runs a short day of stations through the pooler without a failed operation, and every station converges', async () => {
    const report = await runFleet({
      ...DEFAULT_OPTIONS,
      stations: 4,
      sites: 2,
      minutes: 0.5,
      route: 'pooled',
      perProcess: 2,
      opIntervalS: 2,
      racesPerSiteMinute: 6,
      markerEveryS: 2,
      poolSize: 2,
      log: () => undefined,
    });
    const summary = formatReport(report);
    expect(report.ops.failed, summary).toBe(0);
    expect(report.ops.applied, summary).toBeGreaterThan(0);
    expect(report.ledgerMismatches, summary).toBe(0);
    expect(report.divergent, summary).toEqual([]);
    expect(report.converged, summary).toBe(4);
    expect(report.propagation.markers, summary).toBeGreaterThan(0);
  }, 300_000);
});
