// The spooler of the operating system the station runs on: the Windows spooler on Windows, CUPS
// everywhere else (Linux, macOS).
import { runCommand, type RunCommand, type Spooler } from './spooler.ts';
import { cupsSpooler } from './spooler-cups.ts';
import { windowsSpooler } from './spooler-windows.ts';

/** The spooler of this operating system. */
export function systemSpooler(
  platform: NodeJS.Platform = process.platform,
  run: RunCommand = runCommand,
): Spooler {
  return platform === 'win32' ? windowsSpooler(run) : cupsSpooler(run);
}
