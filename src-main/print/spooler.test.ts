// The spooler commands, as built for each system, and the spoolers' answers as parsed. The CUPS
// path also runs for real against a queue (test/print/spooler-cups.test.ts); the Windows path has
// no Windows to run on in CI, so its commands are checked here argument by argument.
import { describe, expect, it } from 'vitest';
import { cupsPrintArgs, cupsSpooler, parseLpJobId, parseLpstat } from './spooler-cups.ts';
import {
  parseWindowsPrinters,
  POWERSHELL,
  windowsListArgs,
  windowsPrintArgs,
  windowsSpooler,
} from './spooler-windows.ts';
import { SpoolerError, type RunCommand } from './spooler.ts';

const options = { printer: 'Gate printer', copies: 2, title: 'GP-NBO-0042 gate pass', media: 'A5' as const };

describe('CUPS', () => {
  it('queues the file with lp: printer, copies, title, paper size, and the file after --', () => {
    expect(cupsPrintArgs('/station/print/a.pdf', options)).toEqual([
      '-d',
      'Gate printer',
      '-n',
      '2',
      '-t',
      'GP-NBO-0042 gate pass',
      '-o',
      'media=A5',
      '-o',
      'fit-to-page',
      '--',
      '/station/print/a.pdf',
    ]);
    // A file name that looks like an option stays a file name.
    expect(cupsPrintArgs('-n.pdf', options).slice(-2)).toEqual(['--', '-n.pdf']);
    expect(() => cupsPrintArgs('a.pdf', { ...options, copies: 0 })).toThrow(SpoolerError);
  });

  it("reads lpstat's printers, the default and their states, and lp's job id", () => {
    const printers = parseLpstat(
      'AMMS-PDF\nGate_printer\nOffice\n',
      'system default destination: Gate_printer\n',
      'printer AMMS-PDF is idle.  enabled since Sat Dec  5 10:09:40 2026\nprinter Gate_printer now printing Gate_printer-7.  enabled since ...\nprinter Office disabled since Sat Dec  5 2026 -\n\treason unknown\n',
    );
    expect(printers).toEqual([
      { name: 'AMMS-PDF', isDefault: false, state: 'idle' },
      { name: 'Gate_printer', isDefault: true, state: 'printing' },
      { name: 'Office', isDefault: false, state: 'disabled' },
    ]);
    expect(parseLpstat('A\n', 'no system default destination\n', '')[0]?.isDefault).toBe(false);
    expect(parseLpJobId('request id is AMMS-PDF-12 (1 file(s))\n')).toBe('AMMS-PDF-12');
  });

  it('says what is wrong when CUPS is missing or not running, and lists no printers on a bare system', async () => {
    const missing: RunCommand = () =>
      Promise.reject(Object.assign(new Error('spawn lpstat ENOENT'), { code: 'ENOENT' }));
    await expect(cupsSpooler(missing).printers()).rejects.toThrow(/CUPS is not installed/);
    const stopped: RunCommand = () => Promise.reject(new Error('lpstat: Scheduler is not running.'));
    await expect(cupsSpooler(stopped).printers()).rejects.toThrow(/not running/);
    const bare: RunCommand = () => Promise.reject(new Error('lpstat: No destinations added.'));
    await expect(cupsSpooler(bare).printers()).resolves.toEqual([]);
  });
});

describe('Windows spooler', () => {
  it('lists printers from Win32_Printer as JSON', () => {
    expect(windowsListArgs()).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-Command',
      expect.stringContaining('Win32_Printer') as unknown as string,
    ]);
    expect(
      parseWindowsPrinters(
        '[{"Name":"Gate printer","Default":true,"PrinterStatus":3,"WorkOffline":false},{"Name":"\\\\\\\\srv\\\\Office","Default":false,"PrinterStatus":7,"WorkOffline":false},{"Name":"Old","Default":false,"PrinterStatus":3,"WorkOffline":true}]',
      ),
    ).toEqual([
      { name: 'Gate printer', isDefault: true, state: 'idle' },
      { name: '\\\\srv\\Office', isDefault: false, state: 'offline' },
      { name: 'Old', isDefault: false, state: 'offline' },
    ]);
    // One printer: PowerShell writes an object, not an array.
    expect(parseWindowsPrinters('{"Name":"Only","Default":false,"PrinterStatus":4}')).toEqual([
      { name: 'Only', isDefault: false, state: 'printing' },
    ]);
    expect(parseWindowsPrinters('')).toEqual([]);
  });

  it('prints with the script, each value its own argument, a UNC printer name as it is', () => {
    const args = windowsPrintArgs(
      'C:\\Users\\clerk\\AppData\\Roaming\\amms-station\\print\\a b.pdf',
      { ...options, printer: '\\\\srv\\Gate printer' },
      'C:\\app\\resources\\print\\print-pdf.ps1',
    );
    expect(args).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-File',
      'C:\\app\\resources\\print\\print-pdf.ps1',
      '-Path',
      'C:\\Users\\clerk\\AppData\\Roaming\\amms-station\\print\\a b.pdf',
      '-Printer',
      '\\\\srv\\Gate printer',
      '-Copies',
      '2',
      '-Title',
      'GP-NBO-0042 gate pass',
      '-Media',
      'A5',
    ]);
  });

  it('refuses values PowerShell would misread and cleans the title', () => {
    expect(() => windowsPrintArgs('a.pdf', { ...options, printer: '-Copies' }, 's.ps1')).toThrow(
      SpoolerError,
    );
    expect(() => windowsPrintArgs('a.pdf', { ...options, printer: 'Gate "A"' }, 's.ps1')).toThrow(
      SpoolerError,
    );
    expect(() => windowsPrintArgs('a.pdf', { ...options, copies: 100 }, 's.ps1')).toThrow(SpoolerError);
    const args = windowsPrintArgs('a.pdf', { ...options, title: 'Say "hi" $env:PATH `x' }, 's.ps1');
    expect(args[args.indexOf('-Title') + 1]).toBe("Say 'hi' 'env:PATH 'x");
  });

  it('runs powershell.exe with the arguments and reports a missing PowerShell', async () => {
    const calls: [string, readonly string[]][] = [];
    const run: RunCommand = (program, args) => {
      calls.push([program, args]);
      return Promise.resolve({ stdout: '', stderr: '' });
    };
    await windowsSpooler(run).print('a.pdf', options);
    expect(calls[0]?.[0]).toBe(POWERSHELL);
    expect(calls[0]?.[1]).toContain('-File');
    const missing: RunCommand = () => Promise.reject(Object.assign(new Error('spawn'), { code: 'ENOENT' }));
    await expect(windowsSpooler(missing).printers()).rejects.toThrow(/powershell\.exe\) was not found/);
  });
});
