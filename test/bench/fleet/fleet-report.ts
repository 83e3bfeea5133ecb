// The fleet run's figures, from the workers' station results, the coordinator's samples and the
// server's ledger, and their printed form.
import type { FleetOptions } from './fleet-run.ts';
import type { WorkerResult } from './fleet-worker.ts';

export interface Sample {
  at: number;
  backends: number;
  active: number;
  pgMemoryMb: number;
}

export interface FleetReport {
  stations: number;
  minutes: number;
  route: string;
  opIntervalS: number;
  backends: { peak: number; mean: number; activePeak: number };
  pgMemoryMb: { peak: number; mean: number };
  propagation: {
    markers: number;
    everyStationP50: number;
    everyStationP95: number;
    perStationP95: number;
    max: number;
  };
  pushLatency: { ops: number; p50: number; p95: number };
  ops: {
    submitted: number;
    refusedLocally: number;
    queuedOffline: number;
    applied: number;
    rejected: number;
    rejectedByCode: Record<string, number>;
    failed: number;
    appliedPerSecond: number;
  };
  /** Stations whose applied operations differ from the ledger's (0: every operation once). */
  ledgerMismatches: number;
  cpu: { pgCores: number; stationsCores: number; routeCores: number };
  /** Pulls per second, whole fleet (each woken station pulls). */
  pullsPerSecond: number;
  /** What the non-idle backends were doing, summed over the samples (most frequent first). */
  waits: [string, number][];
  errors: Record<string, number>;
  converged: number;
  divergent: { stationId: string; tables: string[] }[];
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

export function summarise(input: {
  options: FleetOptions;
  dayMs: number;
  samples: Sample[];
  markers: Map<number, number>;
  results: WorkerResult[];
  ledger: { outcome: string; n: number }[];
  ledgerByStation: { station_id: string; applied: number }[];
  waits: Map<string, number>;
  cpu: { pgMs: number; routeMs: number };
}): FleetReport {
  const stations = input.results.flatMap((r) => r.stations);
  // Propagation: for each marker, the time until every station that was online throughout had it.
  const everyStation: number[] = [];
  const perStation: number[] = [];
  for (const [marker, committed] of input.markers) {
    let worst = 0;
    for (const station of stations) {
      const seen = station.seen[marker];
      if (seen === undefined) continue;
      if (station.offline.some(([from, to]) => from <= seen && to >= committed)) continue;
      const latency = Math.max(0, seen - committed);
      perStation.push(latency);
      worst = Math.max(worst, latency);
    }
    everyStation.push(worst);
  }
  const latencies = stations.flatMap((s) => s.pushLatencies);
  const rejectedByCode: Record<string, number> = {};
  for (const station of stations)
    for (const [code, n] of Object.entries(station.rejected))
      rejectedByCode[code] = (rejectedByCode[code] ?? 0) + n;
  const errors: Record<string, number> = {};
  for (const station of stations)
    for (const [message, n] of Object.entries(station.errors)) errors[message] = (errors[message] ?? 0) + n;
  const ledgerApplied = new Map(input.ledgerByStation.map((r) => [r.station_id, r.applied]));
  const sum = (f: (s: (typeof stations)[number]) => number): number => stations.reduce((a, s) => a + f(s), 0);
  const daySeconds = input.dayMs / 1000;
  return {
    stations: stations.length,
    minutes: input.options.minutes,
    route: input.options.route,
    opIntervalS: input.options.opIntervalS,
    backends: {
      peak: Math.max(0, ...input.samples.map((s) => s.backends)),
      mean: mean(input.samples.map((s) => s.backends)),
      activePeak: Math.max(0, ...input.samples.map((s) => s.active)),
    },
    pgMemoryMb: {
      peak: Math.max(0, ...input.samples.map((s) => s.pgMemoryMb)),
      mean: mean(input.samples.map((s) => s.pgMemoryMb)),
    },
    propagation: {
      markers: input.markers.size,
      everyStationP50: percentile(everyStation, 50),
      everyStationP95: percentile(everyStation, 95),
      perStationP95: percentile(perStation, 95),
      max: Math.max(0, ...everyStation),
    },
    pushLatency: { ops: latencies.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    ops: {
      submitted: sum((s) => s.submitted),
      refusedLocally: sum((s) => s.refusedLocally),
      queuedOffline: sum((s) => s.queuedOffline),
      applied: sum((s) => s.applied),
      rejected: Object.values(rejectedByCode).reduce((a, b) => a + b, 0),
      rejectedByCode,
      failed: sum((s) => s.failed),
      appliedPerSecond: (input.ledger.find((l) => l.outcome === 'applied')?.n ?? 0) / daySeconds,
    },
    ledgerMismatches: stations.filter((s) => (ledgerApplied.get(s.stationId) ?? 0) !== s.applied).length,
    cpu: {
      pgCores: input.cpu.pgMs / input.dayMs,
      stationsCores: input.results.reduce((a, r) => a + r.cpuMs, 0) / input.dayMs,
      routeCores: input.cpu.routeMs / input.dayMs,
    },
    pullsPerSecond: sum((s) => s.cycles) / daySeconds,
    waits: [...input.waits].sort((a, b) => b[1] - a[1]).slice(0, 6),
    errors,
    converged: stations.filter((s) => s.divergent.length === 0).length,
    divergent: stations
      .filter((s) => s.divergent.length > 0)
      .map((s) => ({ stationId: s.stationId, tables: s.divergent })),
  };
}

const ms = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(0)} ms` : 'n/a');

export function formatReport(r: FleetReport): string {
  const lines = [
    `fleet: ${r.stations} stations, ${r.minutes} min, route ${r.route}, an operation every ${r.opIntervalS} s per station`,
    `  PostgreSQL backends      peak ${r.backends.peak}, mean ${r.backends.mean.toFixed(0)}, busy peak ${r.backends.activePeak}`,
    `  PostgreSQL memory (PSS)  peak ${r.pgMemoryMb.peak.toFixed(0)} MB, mean ${r.pgMemoryMb.mean.toFixed(0)} MB`,
    `  propagation              to every station p50 ${ms(r.propagation.everyStationP50)}, p95 ${ms(r.propagation.everyStationP95)}, max ${ms(r.propagation.max)}; per station p95 ${ms(r.propagation.perStationP95)} (${r.propagation.markers} markers)`,
    `  operations               ${r.ops.submitted} queued (${r.ops.queuedOffline} offline), ${r.ops.refusedLocally} refused by the station, ${r.ops.applied} applied, ${r.ops.rejected} rejected, ${r.ops.failed} failed`,
    `  applied per second       ${r.ops.appliedPerSecond.toFixed(1)} (whole fleet, during the day); pulls per second ${r.pullsPerSecond.toFixed(1)}`,
    `  push latency             p50 ${ms(r.pushLatency.p50)}, p95 ${ms(r.pushLatency.p95)} (${r.pushLatency.ops} operations queued online)`,
    `  CPU (cores)              PostgreSQL ${r.cpu.pgCores.toFixed(2)}, stations ${r.cpu.stationsCores.toFixed(2)}, pooler+relay ${r.cpu.routeCores.toFixed(2)}`,
    `  rejections               ${JSON.stringify(r.ops.rejectedByCode)}`,
    `  busy backends were       ${r.waits.map(([w, n]) => `${w} ${n}`).join(', ') || 'none'} (sum over samples)`,
    `  exchange errors online   ${Object.keys(r.errors).length === 0 ? 'none' : JSON.stringify(r.errors)}`,
    `  converged                ${r.converged} of ${r.stations}; ledger mismatches ${r.ledgerMismatches}`,
  ];
  for (const d of r.divergent.slice(0, 5)) lines.push(`  DIVERGED ${d.stationId}: ${d.tables.join(', ')}`);
  return lines.join('\n');
}
