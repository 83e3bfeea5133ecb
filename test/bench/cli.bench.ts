// npm run bench:cli — how long the `amms` command takes to start: wall time of `amms --help` and
// `amms station --help` (the bin, as node_modules/.bin/amms runs it), of `npx amms --help`, of a
// rebuild (what the first run after a source edit adds), and, for comparison, of Node alone and of
// npx running a native binary (what npx itself costs). Prints median and p95 in milliseconds.
// Usage: tsx test/bench/cli.bench.ts [runs=20]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const RUNS = Number(process.argv[2] ?? 20);
const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'src-main/cli/bin.mjs');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function time(label: string, command: string, args: string[], runs: number): void {
  const walls: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
    walls.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`${label} exited ${String(result.status)}: ${result.stderr}`);
  }
  walls.sort((a, b) => a - b);
  const ms = (n: number): string => `${n.toFixed(0).padStart(5)} ms`;
  console.log(
    `${label.padEnd(44)} median ${ms(percentile(walls, 50))}   p95 ${ms(percentile(walls, 95))}   (${runs} runs)`,
  );
}

// A first run brings the build up to date, so that the timed runs measure the usual case.
spawnSync(process.execPath, [BIN, '--help'], { cwd: ROOT });
console.log(`amms start-up, wall time (node ${process.version})`);
time('amms --help', process.execPath, [BIN, '--help'], RUNS);
time('amms station --help', process.execPath, [BIN, 'station', '--help'], RUNS);
time('amms db seed --help', process.execPath, [BIN, 'db', 'seed', '--help'], RUNS);
time('npx amms --help', 'npx', ['amms', '--help'], Math.min(RUNS, 10));
time('npx esbuild --version (npx itself)', 'npx', ['esbuild', '--version'], Math.min(RUNS, 10));
time('node -e 0 (Node itself)', process.execPath, ['-e', '0'], RUNS);
time('rebuild (npm run build:cli)', process.execPath, [join(ROOT, 'src-main/cli/cli-build.mjs')], 5);
