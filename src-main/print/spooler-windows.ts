// The Windows spooler, through Windows PowerShell (present on every Windows 10/11): printers from
// Win32_Printer; a PDF printed by resources/print/print-pdf.ps1, which renders each page with the
// PDF engine built into Windows (Windows.Data.Pdf) and sends the pages to the chosen printer with
// System.Drawing.Printing, so no PDF reader (Acrobat, SumatraPDF) needs to be installed. Not run on
// CI (no Windows there): the commands are built by pure functions that the tests check.
// docs/adr/0014-printing-through-the-spooler.md
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PrinterInfo, PrintOptions, RunCommand, Spooler } from './spooler.ts';
import { SpoolerError } from './spooler.ts';

export const POWERSHELL = 'powershell.exe';
const BASE_ARGS = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass'];

export const LIST_PRINTERS_SCRIPT =
  'Get-CimInstance -ClassName Win32_Printer | Select-Object Name, Default, PrinterStatus, WorkOffline | ConvertTo-Json -Compress';

export function printScriptPath(): string {
  const candidates = [resolve(import.meta.dirname, '../../resources/print'), resolve('resources/print')];
  const dir = candidates.find((d) => existsSync(join(d, 'print-pdf.ps1'))) ?? candidates[0] ?? '';
  return join(dir, 'print-pdf.ps1');
}

export function windowsListArgs(): string[] {
  return [...BASE_ARGS, '-Command', LIST_PRINTERS_SCRIPT];
}

/**
 * powershell.exe's arguments to print one PDF. Node quotes each argument for CreateProcess; a value
 * that PowerShell could take for a parameter name (a leading '-') or that carries a double quote
 * (which Windows PowerShell 5.1 mis-parses after -File) is refused or cleaned here.
 */
export function windowsPrintArgs(file: string, options: PrintOptions, script = printScriptPath()): string[] {
  if (!Number.isInteger(options.copies) || options.copies < 1 || options.copies > 99) {
    throw new SpoolerError('Copies must be a whole number from 1 to 99.');
  }
  for (const [what, value] of [
    ['printer name', options.printer],
    ['file name', file],
  ] as const) {
    if (value.startsWith('-') || value.includes('"') || value.trim() === '') {
      throw new SpoolerError(`That ${what} cannot be passed to the Windows spooler: ${value}`);
    }
  }
  const title = options.title.replace(/["`$]/g, "'").slice(0, 120) || 'AMMS document';
  return [
    ...BASE_ARGS,
    '-File',
    script,
    '-Path',
    file,
    '-Printer',
    options.printer,
    '-Copies',
    String(options.copies),
    '-Title',
    title,
    '-Media',
    options.media,
  ];
}

const STATUS: Record<number, string> = {
  1: 'other',
  2: 'unknown',
  3: 'idle',
  4: 'printing',
  5: 'warming up',
  6: 'stopped',
  7: 'offline',
};

interface Win32Printer {
  Name?: unknown;
  Default?: unknown;
  PrinterStatus?: unknown;
  WorkOffline?: unknown;
}

/** Printers from Get-CimInstance Win32_Printer as JSON (one object, or an array of them). */
export function parseWindowsPrinters(json: string): PrinterInfo[] {
  const text = json.trim();
  if (text === '') return [];
  const raw = JSON.parse(text) as Win32Printer | Win32Printer[];
  const list = Array.isArray(raw) ? raw : [raw];
  return list
    .filter((p): p is Win32Printer & { Name: string } => typeof p.Name === 'string' && p.Name !== '')
    .map((p) => ({
      name: p.Name,
      isDefault: p.Default === true,
      state: p.WorkOffline === true ? 'offline' : (STATUS[Number(p.PrinterStatus)] ?? null),
    }));
}

function explain(error: unknown, what: string): Error {
  if ((error as { code?: unknown }).code === 'ENOENT') {
    return new SpoolerError(
      'Windows PowerShell (powershell.exe) was not found: the station cannot reach the spooler.',
    );
  }
  return new SpoolerError(`${what}: ${error instanceof Error ? error.message : String(error)}`);
}

export function windowsSpooler(run: RunCommand): Spooler {
  return {
    kind: 'windows',
    async printers() {
      try {
        return parseWindowsPrinters((await run(POWERSHELL, windowsListArgs())).stdout);
      } catch (error) {
        throw explain(error, 'The printers could not be listed');
      }
    },
    async print(file, options) {
      try {
        const { stdout } = await run(POWERSHELL, windowsPrintArgs(file, options));
        return { jobId: /^job (\S+)/m.exec(stdout)?.[1] ?? null };
      } catch (error) {
        throw explain(error, `${options.printer} did not take the document`);
      }
    },
  };
}
