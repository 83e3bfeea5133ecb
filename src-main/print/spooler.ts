// Printing through the operating system's spooler (docs/adr/0014-printing-through-the-spooler.md):
// CUPS on Linux and macOS (lpstat, lp), the Windows spooler through PowerShell. Electron's silent
// printing of PDFs is broken upstream (electron#27383), so the station hands the PDF file itself
// to the spooler: what prints is exactly the document that was made, hashed and stored. This file
// holds what every spooler shares; system-spooler.ts picks this system's.
import { execFile } from 'node:child_process';

export interface PrinterInfo {
  name: string;
  /** The system's default printer. */
  isDefault: boolean;
  /** What the spooler says about it ("idle", "printing", "disabled", "offline"), when it says. */
  state: string | null;
}

export interface PrintOptions {
  printer: string;
  copies: number;
  /** The job's name in the printer's queue. */
  title: string;
  media: 'A4' | 'A5';
}

export interface Spooler {
  kind: 'cups' | 'windows';
  printers(): Promise<PrinterInfo[]>;
  /** Queues the PDF; resolves with the spooler's job id when it gives one. */
  print(file: string, options: PrintOptions): Promise<{ jobId: string | null }>;
}

/** A spooler that cannot print, with why (no spooler on this system). */
export class SpoolerError extends Error {
  override name = 'SpoolerError';
}

export interface CommandResult {
  stdout: string;
  stderr: string;
}

/** Runs a program (no shell) with a C locale, so that its messages can be read. */
export type RunCommand = (program: string, args: readonly string[]) => Promise<CommandResult>;

export const runCommand: RunCommand = (program, args) =>
  new Promise((resolve, reject) => {
    execFile(
      program,
      [...args],
      {
        timeout: 30_000,
        windowsHide: true,
        env: { ...process.env, LANG: 'C', LC_ALL: 'C' },
        maxBuffer: 4 << 20,
      },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          reject(
            Object.assign(new Error(stderr.trim() || error.message), {
              code,
              stdout,
              stderr,
            }),
          );
          return;
        }
        resolve({ stdout, stderr });
      },
    );
  });
