// amms station ...: enrolment (and, with the station core, sync/submit/status). Each action loads
// what it runs when it runs, so that `--help` loads only the command definitions.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { resolveDatabaseUrl } from '../cli-errors.ts';
import { registerStationLabelsCommand } from './station-labels.command.ts';
import { registerStationResolveCommand } from './station-resolve.command.ts';
import { registerStationSyncCommands } from './station-sync.command.ts';
import { registerStationWebCommands } from './station-web.command.ts';

export function registerStationCommands(program: Command): void {
  const station = program.command('station').description('station enrolment, sync, operations and status');

  station
    .command('enroll')
    .description(
      "register a station for a tenant's site, create its own PostgreSQL login role and write DIR/station.json (the station's connection details, never the admin URL)",
    )
    .option('--url <url>', 'admin connection URL; default: $AMMS_DATABASE_URL')
    .requiredOption('--tenant <slug>', "the tenant's slug, e.g. acme")
    .requiredOption('--site <code>', "the site's location code, e.g. ACME-NBO")
    .requiredOption('--dir <dir>', "the station's folder (station.json and, later, its local cache)")
    .option('--name <name>', 'a name for this station (default: the computer name)')
    .action(async (options: { url?: string; tenant: string; site: string; dir: string; name?: string }) => {
      const { enrollStation } = await import('../../../db/admin/enroll-station.ts');
      const result = await enrollStation({
        adminUrl: resolveDatabaseUrl(options.url),
        tenantSlug: options.tenant,
        siteCode: options.site,
        dir: resolve(options.dir),
        ...(options.name === undefined ? {} : { name: options.name }),
      });
      console.log(
        `Enrolled station '${result.file.name}' (${result.file.stationId}) for ${result.file.tenantSlug} at site ${result.file.siteCode}.`,
      );
      console.log(`Login role: ${result.file.database.user}`);
      console.log(`Wrote ${result.path} (mode 0600; keep it private).`);
    });
  registerStationSyncCommands(station);
  registerStationWebCommands(station);
  registerStationResolveCommand(station);
  registerStationLabelsCommand(station);
}
