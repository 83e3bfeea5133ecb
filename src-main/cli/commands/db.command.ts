// amms db migrate | seed: schema and demo data on any PostgreSQL 16+.
import type { Command } from 'commander';
import type { SeedProgress } from '../../../db/seed/seed-demo-data.ts';
import { resolveDatabaseUrl, UsageError } from '../cli-errors.ts';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('central database: migrations and demo data');

  db.command('migrate')
    .description('apply pending migrations (plain SQL in db/migrations); running it again changes nothing')
    .option('--url <url>', 'admin connection URL (superuser or BYPASSRLS); default: $AMMS_DATABASE_URL')
    .action(async (options: { url?: string }) => {
      const { migrate } = await import('../../../db/migrate.ts');
      const result = await migrate(resolveDatabaseUrl(options.url));
      if (result.applied.length === 0) {
        console.log(`Schema is up to date (version ${result.schemaVersion}); nothing to apply.`);
      } else {
        console.log(`Applied ${result.applied.length} migration(s): ${result.applied.join(', ')}`);
        console.log(`Schema version ${result.schemaVersion}.`);
      }
    });

  db.command('seed')
    .description('load deterministic demo data for two tenants and print the demo logins')
    .option('--url <url>', 'admin connection URL; default: $AMMS_DATABASE_URL')
    .option('--scale <scale>', 'small | medium | large | N (number of inventory_stock rows)', 'small')
    .option('--seed <n>', 'random seed: the same seed gives the same data', '1')
    .action(async (options: { url?: string; scale: string; seed: string }) => {
      const url = resolveDatabaseUrl(options.url);
      const { parseScale, seedDemoData } = await import('../../../db/seed/seed-demo-data.ts');
      const seed = Number(options.seed);
      if (!Number.isSafeInteger(seed) || seed < 0) {
        throw new UsageError(`--seed must be a whole number of 0 or more, not '${options.seed}'.`);
      }
      let scale;
      try {
        scale = parseScale(options.scale);
      } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
      }
      const started = performance.now();
      const report = (p: SeedProgress): void => {
        process.stderr.write(
          `  ${p.step}${p.rows === undefined ? '' : ` (${p.rows.toLocaleString('en-US')} rows)`}\n`,
        );
      };
      const result = await seedDemoData({ url, scale, seed, onProgress: report });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`Seeded ${result.summary} in ${seconds} s.`);
      console.log('');
      console.log('Demo logins (tenant / email / password / role):');
      for (const login of result.logins) {
        console.log(
          `  ${login.tenantSlug.padEnd(10)} ${login.email.padEnd(36)} ${login.password.padEnd(14)} ${login.role}`,
        );
      }
      console.log('');
      console.log(
        `Sites for 'amms station enroll --site': ${result.sites.map((s) => `${s.tenantSlug}/${s.code}`).join(', ')}`,
      );
    });
}
