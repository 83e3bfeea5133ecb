// amms station web | app: the station with its UI, in a browser (web host) or in Electron.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { PreparedStation } from '../default-station.ts';
import { parsePort } from '../cli-errors.ts';

// The station core, the web host and the default station (embedded PostgreSQL) are loaded when an
// action runs, so that `--help` does not load them.
async function stationDirFor(dir: string | undefined): Promise<{ dir: string; prepared?: PreparedStation }> {
  if (dir) return { dir: resolve(dir) };
  const { prepareDefaultStation } = await import('../default-station.ts');
  const prepared = await prepareDefaultStation({ log: (line) => process.stderr.write(`${line}\n`) });
  for (const login of prepared.logins.slice(0, 6)) {
    process.stderr.write(`  demo login: ${login.email} / ${login.password} (${login.role})\n`);
  }
  return { dir: prepared.stationDir, prepared };
}

function openBrowser(url: string): void {
  const command = process.platform === 'win32' ? 'cmd' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => {
    process.stderr.write('Could not open a browser; open the URL above yourself.\n');
  });
  child.unref();
}

function waitForSignal(): Promise<void> {
  return new Promise((resolveWait) => {
    process.once('SIGINT', () => {
      resolveWait();
    });
    process.once('SIGTERM', () => {
      resolveWait();
    });
  });
}

export function registerStationWebCommands(station: Command): void {
  station
    .command('web')
    .description(
      'run the station and serve its UI on 127.0.0.1 for a browser (without --dir: the default station on an embedded PostgreSQL with demo data)',
    )
    .option('--dir <dir>', "an enrolled station's folder")
    .option('--port <n>', 'TCP port on 127.0.0.1 (default: a free port)', parsePort)
    .option('--no-open', 'do not open a browser')
    .action(async (options: { dir?: string; port?: number; open: boolean }) => {
      const [{ StationCore }, { defaultRendererDir, startWebHost }] = await Promise.all([
        import('../../core/station-core.ts'),
        import('../../web/web-host.ts'),
      ]);
      const { dir, prepared } = await stationDirFor(options.dir);
      const core = new StationCore({ dir, transport: 'web' });
      try {
        const host = await startWebHost({
          core,
          staticDir: process.env.AMMS_RENDERER_DIR ?? defaultRendererDir(),
          ...(options.port === undefined ? {} : { port: options.port }),
        });
        const url = host.launchUrl();
        console.log(`AMMS_STATION_URL=${url}`);
        process.stderr.write('Open the URL above (it admits one browser tab). Ctrl+C stops the station.\n');
        if (options.open) openBrowser(url);
        await waitForSignal();
        await host.close();
      } finally {
        await core.close();
        await prepared?.stop();
      }
    });

  station
    .command('app')
    .description(
      'run the station in its Electron window (needs the Electron binary and a build: npm start does both)',
    )
    .option('--dir <dir>', "an enrolled station's folder")
    .action(async (options: { dir?: string }) => {
      const [{ StationCore }, { defaultRendererDir, startWebHost }, { electronBinaryPath }] =
        await Promise.all([
          import('../../core/station-core.ts'),
          import('../../web/web-host.ts'),
          import('../../electron/electron-binary.ts'),
        ]);
      const { dir, prepared } = await stationDirFor(options.dir);
      // The core runs here, in Node, behind the web host; the Electron window shows it. So the
      // native modules stay built for Node (docs/adr/0008-npm-start-core-in-node.md).
      const core = new StationCore({ dir, transport: 'electron' });
      try {
        const host = await startWebHost({
          core,
          staticDir: process.env.AMMS_RENDERER_DIR ?? defaultRendererDir(),
        });
        const electronPath = await electronBinaryPath();
        const child = spawn(electronPath, [resolve(import.meta.dirname, '../../..')], {
          stdio: 'inherit',
          env: { ...process.env, AMMS_STATION_DIR: dir, AMMS_CORE_URL: host.launchUrl() },
        });
        await new Promise<void>((resolveExit, reject) => {
          child.on('error', reject);
          child.on('exit', () => {
            resolveExit();
          });
          process.once('SIGINT', () => child.kill('SIGINT'));
          process.once('SIGTERM', () => child.kill('SIGTERM'));
        });
        await host.close();
      } finally {
        await core.close();
        await prepared?.stop();
      }
    });
}
