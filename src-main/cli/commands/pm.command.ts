// amms pm run: the PM engine over every schedule, for cron with an external PostgreSQL (the
// `amms server` process runs it on its own). The implementation is loaded when the command runs.
import type { Command } from 'commander';
import { resolveDatabaseUrl, UsageError } from '../cli-errors.ts';

export function registerPmCommands(program: Command): void {
  const pm = program.command('pm').description('preventive maintenance: the PM engine');
  pm.command('run')
    .description(
      'generate the work orders of PM schedules that are due (by date or meter, whichever comes first) and print them; safe to run from cron as often as you like: it never makes a second work order for a schedule',
    )
    .option('--url <url>', 'admin connection URL (superuser or BYPASSRLS); default: $AMMS_DATABASE_URL')
    .option('--as-of <date>', 'evaluate as if today were DATE (YYYY-MM-DD); default: the server’s today')
    .option('--tenant <slug>', 'only this tenant')
    .option('--dry-run', 'show what would be generated and change nothing')
    .option('--json', 'print the result as JSON')
    .action(
      async (options: { url?: string; asOf?: string; tenant?: string; dryRun?: boolean; json?: boolean }) => {
        const url = resolveDatabaseUrl(options.url);
        if (options.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) {
          throw new UsageError(`--as-of takes a date (YYYY-MM-DD), not '${options.asOf}'.`);
        }
        const { describePmRun, runPmEngineAt } = await import('../../../db/pm/pm-run.ts');
        const result = await runPmEngineAt(url, {
          ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
          ...(options.tenant === undefined ? {} : { tenantSlug: options.tenant }),
          dryRun: options.dryRun === true,
        });
        if (options.json) {
          console.log(JSON.stringify(result, null, 2));
          return;
        }
        for (const line of describePmRun(result, options.dryRun === true)) console.log(line);
      },
    );
}
