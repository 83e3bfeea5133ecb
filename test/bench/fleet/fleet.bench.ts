// npm run bench:fleet -- --stations N [--minutes M] [--route direct|pooled] [--per-process K]
//   [--op-interval S] [--max-connections C] [--pool-size P] [--json FILE]
// Runs N real station cores against one PostgreSQL through a compressed day and prints the
// figures (docs/adr/0018-stations-through-a-pooler.md explains them).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatReport } from './fleet-report.ts';
import { DEFAULT_OPTIONS, runFleet } from './fleet-run.ts';

const { values } = parseArgs({
  options: {
    stations: { type: 'string', default: '50' },
    minutes: { type: 'string', default: String(DEFAULT_OPTIONS.minutes) },
    route: { type: 'string', default: DEFAULT_OPTIONS.route },
    'per-process': { type: 'string', default: String(DEFAULT_OPTIONS.perProcess) },
    'op-interval': { type: 'string', default: String(DEFAULT_OPTIONS.opIntervalS) },
    'max-connections': { type: 'string', default: String(DEFAULT_OPTIONS.maxConnections) },
    'pool-size': { type: 'string', default: String(DEFAULT_OPTIONS.poolSize) },
    json: { type: 'string' },
  },
});

const number = (text: string | undefined, name: string): number => {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number.`);
  return value;
};
const route = values.route;
if (route !== 'direct' && route !== 'pooled') throw new Error('--route must be direct or pooled.');

const report = await runFleet({
  ...DEFAULT_OPTIONS,
  stations: Math.round(number(values.stations, 'stations')),
  minutes: number(values.minutes, 'minutes'),
  route,
  perProcess: Math.round(number(values['per-process'], 'per-process')),
  opIntervalS: number(values['op-interval'], 'op-interval'),
  maxConnections: Math.round(number(values['max-connections'], 'max-connections')),
  poolSize: Math.round(number(values['pool-size'], 'pool-size')),
  log: (line) => {
    console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
  },
});
console.log(formatReport(report));
if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2) + '\n');
process.exitCode = report.ops.failed === 0 && report.converged === report.stations ? 0 : 1;
