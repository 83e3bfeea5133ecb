// amms server start: an embedded PostgreSQL for development, demos and the default station.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parsePort } from '../cli-errors.ts';

export const DEFAULT_DATABASE = 'amms';

export function registerServerCommands(program: Command): void {
  const server = program
    .command('server')
    .description('run an embedded PostgreSQL server with the AMMS schema');
  server
    .command('start')
    .description(
      'start an embedded PostgreSQL, create and migrate the "amms" database, print AMMS_DATABASE_URL=... once it accepts connections, and stop cleanly on Ctrl+C (SIGINT) or SIGTERM',
    )
    .option(
      '--data-dir <dir>',
      'where the cluster lives; restarting on the same folder keeps the data',
      '.amms-data/server',
    )
    .option('--port <n>', 'TCP port on 127.0.0.1 (default: a free port)', parsePort)
    .option('--verbose', 'show PostgreSQL server log lines')
    .action(async (options: { dataDir: string; port?: number; verbose?: boolean }) => {
      await runServer(options);
    });
}

async function runServer(options: { dataDir: string; port?: number; verbose?: boolean }): Promise<void> {
  const [{ default: pg }, { databaseUrl, startEmbeddedServer }, { migrate }] = await Promise.all([
    import('pg'),
    import('../../../db/embedded/embedded-server.ts'),
    import('../../../db/migrate.ts'),
  ]);
  const dataDir = resolve(options.dataDir);
  process.stderr.write(`Starting PostgreSQL in ${dataDir} ...\n`);
  const server = await startEmbeddedServer({
    dataDir,
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.verbose ? { onLog: (line: string) => process.stderr.write(line) } : {}),
  });
  // Resolves once a signal has stopped the server; the command runs until then.
  const stopped = new Promise<void>((resolveStopped) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`\nReceived ${signal}; stopping PostgreSQL ...\n`);
      void server.stop().then(() => {
        process.stderr.write('PostgreSQL stopped.\n');
        resolveStopped();
      });
    };
    process.on('SIGINT', () => {
      stop('SIGINT');
    });
    process.on('SIGTERM', () => {
      stop('SIGTERM');
    });
  });
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DEFAULT_DATABASE]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DEFAULT_DATABASE}`);
    } finally {
      await admin.end();
    }
    const url = databaseUrl(server.url, DEFAULT_DATABASE);
    const result = await migrate(url);
    process.stderr.write(
      `Schema version ${result.schemaVersion} (${result.applied.length} migration(s) applied now). Ready; press Ctrl+C to stop.\n`,
    );
    process.stdout.write(`AMMS_DATABASE_URL=${url}\n`);
  } catch (error) {
    await server.stop();
    throw error;
  }
  await stopped;
}
