// amms station sync | submit | status: the headless station, same core as the app.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { StationFile } from '../../../db/admin/station-file.ts';
import type { StationCache } from '../../cache/station-cache.ts';
import type { SubmitInput } from '../../ops/submit.ts';
import { UsageError } from '../cli-errors.ts';

// The station's code (SQLite cache, sync engine, pg) is loaded when an action runs, so that
// `--help` does not load it.
async function openStation(dir: string): Promise<{ cache: StationCache; file: StationFile }> {
  const [{ readStationFile }, { StationCache }] = await Promise.all([
    import('../../../db/admin/station-file.ts'),
    import('../../cache/station-cache.ts'),
  ]);
  const file = readStationFile(resolve(dir));
  return { cache: StationCache.open(resolve(dir)), file };
}

export function registerStationSyncCommands(station: Command): void {
  station
    .command('sync')
    .description(
      'push queued operations, then pull until caught up; keeps following live changes until Ctrl+C',
    )
    .requiredOption('--dir <dir>', "the station's folder (holds station.json and station.db)")
    .option('--once', 'sync once, print a one-line summary and exit')
    .action(async (options: { dir: string; once?: boolean }) => {
      const [{ SyncEngine }, { stationStatus }] = await Promise.all([
        import('../../sync/sync-engine.ts'),
        import('../../core/station-status.ts'),
      ]);
      const { cache, file } = await openStation(options.dir);
      const engine = new SyncEngine(cache, file);
      let lastShown = '';
      engine.on('status', (s) => {
        if (s.initial && s.initial.rowsTotal > 0) {
          const line = `Initial sync: ${s.initial.rowsDone.toLocaleString('en-US')} / ${s.initial.rowsTotal.toLocaleString('en-US')} rows (${s.initial.table})`;
          if (line !== lastShown) process.stderr.write(`\r${line}`);
          lastShown = line;
        }
      });
      try {
        if (options.once) {
          const report = await engine.syncOnce();
          if (lastShown) process.stderr.write('\n');
          const status = stationStatus(cache);
          const rejected = report.push.rejected ? ` (${report.push.rejected} rejected)` : '';
          console.log(
            `Synced: pushed ${report.push.applied + report.push.rejected} operation(s)${rejected}, ` +
              (report.initialRows ? `initial load ${report.initialRows} rows, ` : '') +
              `pulled ${report.pull?.rows ?? 0} row(s) and ${report.pull?.deletes ?? 0} delete(s); ` +
              `${status.counts.pending} pending; cursor ${status.cursor ?? 'none'}.`,
          );
          for (const r of report.push.rejections) console.log(`  rejected ${r.type}: ${r.reason}`);
          return;
        }
        engine.on('changed', (r) => {
          console.log(
            `${new Date().toISOString()} pushed ${r.push.applied + r.push.rejected}, pulled ${r.pull?.rows ?? 0} row(s)`,
          );
        });
        engine.on('status', (s) => {
          if (s.phase === 'offline' || s.phase === 'incompatible')
            console.error(`${s.phase}: ${s.error ?? ''}`);
        });
        engine.start();
        await new Promise<void>((resolveStop) => {
          const stop = (): void => {
            void engine.stop().then(resolveStop);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      } finally {
        cache.close();
      }
    });

  station
    .command('submit')
    .description(
      'queue operations from a JSON Lines file exactly as the UI would (works offline); each line is {"type": ..., "payload": {...}, "op_id"?: uuid}; one bad line and nothing is queued',
    )
    .requiredOption('--dir <dir>', "the station's folder")
    .requiredOption('--user <email>', 'the user doing the operations (must be synced to this station)')
    .requiredOption('--file <ops.jsonl>', 'the operations, one JSON object per line')
    .action(async (options: { dir: string; user: string; file: string }) => {
      const [{ BatchError, submitBatch }, { STATION_OPERATIONS }] = await Promise.all([
        import('../../ops/submit.ts'),
        import('../../station/operations.ts'),
      ]);
      const { cache, file } = await openStation(options.dir);
      try {
        const user = cache.reader
          .prepare('SELECT id, is_active FROM users WHERE email = ?')
          .get(options.user.trim().toLowerCase()) as { id: string; is_active: number } | undefined;
        if (!user) {
          throw new UsageError(
            `no user with e-mail ${options.user} in this station's cache (sync the station first, or check the address).`,
          );
        }
        let text: string;
        try {
          text = readFileSync(resolve(options.file), 'utf8');
        } catch {
          throw new UsageError(`cannot read ${options.file}.`);
        }
        const lineNumbers: number[] = [];
        const inputs: SubmitInput[] = [];
        text.split('\n').forEach((line, index) => {
          if (line.trim() === '') return;
          let parsed: unknown;
          try {
            parsed = JSON.parse(line);
          } catch {
            throw new UsageError(`line ${index + 1}: not valid JSON; nothing was queued.`);
          }
          if (
            typeof parsed !== 'object' ||
            parsed === null ||
            typeof (parsed as { type?: unknown }).type !== 'string'
          ) {
            throw new UsageError(
              `line ${index + 1}: expected {"type": "...", "payload": {...}}; nothing was queued.`,
            );
          }
          const entry = parsed as { type: string; payload?: unknown; op_id?: unknown };
          lineNumbers.push(index + 1);
          inputs.push({
            type: entry.type,
            payload: entry.payload,
            userId: user.id,
            ...(typeof entry.op_id === 'string' ? { opId: entry.op_id } : {}),
          });
        });
        if (inputs.length === 0) throw new UsageError(`${options.file} has no operations.`);
        try {
          const queued = submitBatch(
            STATION_OPERATIONS,
            cache,
            { stationId: file.stationId, tenantId: file.tenantId, siteId: file.siteId },
            inputs,
          );
          console.log(
            `Queued ${queued.length} operation(s). Run 'amms station sync --dir ${options.dir}' to send them.`,
          );
        } catch (error) {
          if (error instanceof BatchError) {
            throw new Error(
              `line ${lineNumbers[error.index] ?? '?'}: ${error.message} Nothing from ${options.file} was queued.`,
              { cause: error },
            );
          }
          throw error;
        }
      } finally {
        cache.close();
      }
    });

  station
    .command('status')
    .description('cursor, last sync, pending, applied and rejected operations with reasons')
    .requiredOption('--dir <dir>', "the station's folder")
    .option('--json', 'print JSON')
    .action(async (options: { dir: string; json?: boolean }) => {
      const { stationStatus } = await import('../../core/station-status.ts');
      const { cache, file } = await openStation(options.dir);
      try {
        const status = stationStatus(cache);
        if (options.json) {
          console.log(
            JSON.stringify(
              {
                station: {
                  id: file.stationId,
                  name: file.name,
                  tenant: file.tenantSlug,
                  site: file.siteCode,
                },
                ...status,
              },
              null,
              2,
            ),
          );
          return;
        }
        console.log(`Station '${file.name}' (${file.tenantSlug} / ${file.siteCode})`);
        console.log(`  cursor:     ${status.cursor ?? 'none (initial sync not finished)'}`);
        if (status.initialSync) {
          console.log(`  initial:    ${status.initialSync.rowsDone} / ${status.initialSync.rowsTotal} rows`);
        }
        console.log(`  last pull:  ${status.lastPullAt ?? 'never'}`);
        console.log(`  last push:  ${status.lastPushAt ?? 'never'}`);
        if (status.lastError) console.log(`  last error: ${status.lastError}`);
        console.log(
          `  operations: ${status.counts.pending} pending, ${status.counts.applied} applied, ${status.counts.rejected} rejected`,
        );
        for (const op of status.rejected)
          console.log(`  rejected #${op.seq} ${op.summary}: ${op.reason ?? ''}`);
        for (const op of status.pending) console.log(`  pending  #${op.seq} ${op.summary}`);
      } finally {
        cache.close();
      }
    });
}
