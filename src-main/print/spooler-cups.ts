// CUPS (Linux, macOS): `lpstat -e` lists the queues, `lpstat -d` names the default, `lpstat -p`
// says how each is; `lp -d QUEUE -n COPIES -t TITLE -o media=A4 -- FILE` queues the PDF (CUPS
// converts it for the printer). Commands run without a shell and in the C locale.
import type { PrinterInfo, PrintOptions, RunCommand, Spooler } from './spooler.ts';
import { SpoolerError } from './spooler.ts';

/** lp's arguments for one PDF (exported for the tests). */
export function cupsPrintArgs(file: string, options: PrintOptions): string[] {
  if (!Number.isInteger(options.copies) || options.copies < 1 || options.copies > 99) {
    throw new SpoolerError('Copies must be a whole number from 1 to 99.');
  }
  return [
    '-d',
    options.printer,
    '-n',
    String(options.copies),
    '-t',
    options.title,
    '-o',
    `media=${options.media}`,
    '-o',
    'fit-to-page',
    '--',
    file,
  ];
}

/** "request id is AMMS-PDF-12 (1 file(s))" -> AMMS-PDF-12. */
export function parseLpJobId(stdout: string): string | null {
  return /request id is (\S+)/.exec(stdout)?.[1] ?? null;
}

/** Printers from `lpstat -e`, `lpstat -d` and `lpstat -p` output (C locale). */
export function parseLpstat(destinations: string, defaultLine: string, statusLines: string): PrinterInfo[] {
  const defaultName = /system default destination:\s*(\S+)/.exec(defaultLine)?.[1] ?? null;
  const states = new Map<string, string>();
  for (const line of statusLines.split('\n')) {
    const match = /^printer (\S+) (?:is (\w+)|(disabled)|now (printing))/.exec(line);
    if (match?.[1]) states.set(match[1], match[2] ?? match[3] ?? match[4] ?? 'unknown');
  }
  return destinations
    .split('\n')
    .map((line) => line.trim())
    .filter((name) => name !== '')
    .map((name) => ({ name, isDefault: name === defaultName, state: states.get(name) ?? null }));
}

function explain(error: unknown, what: string): Error {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') {
    return new SpoolerError(
      'No print spooler on this computer: CUPS is not installed (install the cups package, or print from the saved PDF).',
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/scheduler is not running|Unable to connect to server|cannot connect/i.test(message)) {
    return new SpoolerError(
      'The print spooler (CUPS) is not running on this computer. Start it, then try again.',
    );
  }
  return new SpoolerError(`${what}: ${message}`);
}

export function cupsSpooler(run: RunCommand): Spooler {
  return {
    kind: 'cups',
    async printers() {
      try {
        const [destinations, defaults, status] = await Promise.all([
          run('lpstat', ['-e']),
          run('lpstat', ['-d']).catch(() => ({ stdout: '', stderr: '' })),
          run('lpstat', ['-p']).catch(() => ({ stdout: '', stderr: '' })),
        ]);
        return parseLpstat(destinations.stdout, defaults.stdout, status.stdout);
      } catch (error) {
        // lpstat -e exits 1 with "No destinations added." on a system without printers.
        if (/no destinations/i.test(error instanceof Error ? error.message : '')) return [];
        throw explain(error, 'The printers could not be listed');
      }
    },
    async print(file, options) {
      try {
        const { stdout } = await run('lp', cupsPrintArgs(file, options));
        return { jobId: parseLpJobId(stdout) };
      } catch (error) {
        throw explain(error, `${options.printer} did not take the document`);
      }
    },
  };
}
