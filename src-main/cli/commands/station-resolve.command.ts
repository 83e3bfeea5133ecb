// amms station resolve --dir DIR CODE [--json]: what a code stands for in the station's cache, with
// the same resolver as the app. Opens station.db read-only; exits 0 when the code matched (one or
// several things), 1 when it matched nothing or is not a label.
// The action loads the cache and the resolver when it runs, so that `--help` does not.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Resolution } from '../../resolve/resolver.ts';
import { UsageError } from '../cli-errors.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // Invalid UTF-8 becomes U+FFFD, which the resolver refuses with its own message.
  return Buffer.concat(chunks).toString('utf8');
}

function printHuman(r: Resolution, printable: (code: string) => string): void {
  if (r.gs1) {
    console.log(`GS1${r.gs1.symbology ? ` (${r.gs1.symbology})` : ''}: ${r.gs1.hri}`);
    for (const e of r.gs1.elements) console.log(`  (${e.ai}) ${e.label}: ${e.display}`);
  }
  if (r.message !== null && r.status === 'ambiguous') console.log(r.message);
  for (const m of r.matches) {
    console.log(
      `${printable(r.code)} -> ${m.kind.replace('_', ' ')}: ${m.title} (matched by ${m.matchedBy})`,
    );
    if (m.subtitle) console.log(`  ${m.subtitle}`);
    for (const d of m.details) console.log(`  ${d.label}: ${d.value}`);
  }
}

export function registerStationResolveCommand(station: Command): void {
  station
    .command('resolve')
    .description(
      "what a scanned or typed code stands for in this station's cache, with the app's resolver (asset, part, location or bin, badge, work order, gate pass; QR URLs and GS1 barcodes); exits 1 when nothing matched",
    )
    .requiredOption('--dir <dir>', "the station's folder (holds station.db)")
    .option('--json', 'print the whole resolution as JSON')
    .argument('<code>', "the code; GS1 separators as <GS>; '-' reads the code from standard input")
    .action(async (code: string, options: { dir: string; json?: boolean }) => {
      const [{ openCacheReadOnly }, { STATION_DB }, { printable }, { resolveCode }] = await Promise.all([
        import('../../cache/db.ts'),
        import('../../cache/station-cache.ts'),
        import('../../resolve/normalize-code.ts'),
        import('../../resolve/resolver.ts'),
      ]);
      const path = join(resolve(options.dir), STATION_DB);
      if (!existsSync(path)) {
        throw new UsageError(
          `no station cache at ${path} (run 'amms station sync --dir ${options.dir}' first).`,
        );
      }
      const raw = code === '-' ? await readStdin() : code;
      const db = openCacheReadOnly(path);
      let resolution: Resolution;
      try {
        resolution = resolveCode(db, raw);
      } finally {
        db.close();
      }
      if (options.json) console.log(JSON.stringify(resolution, null, 2));
      else printHuman(resolution, printable);
      if (resolution.status === 'not_found' || resolution.status === 'rejected') {
        throw new Error(resolution.message ?? 'nothing matched.');
      }
    });
}
