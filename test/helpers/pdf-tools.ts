// Reading PDFs back with Debian's tools, as a person would see them: the text (poppler's
// pdftotext), the page count (pdfinfo), and the QR codes of a rendered page (pdftoppm at print
// resolution, then zbarimg from zbar-tools).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function asFile(pdf: Uint8Array | string): { path: string; done: () => void } {
  if (typeof pdf === 'string') return { path: pdf, done: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'amms-pdf-'));
  const path = join(dir, 'document.pdf');
  writeFileSync(path, pdf);
  return {
    path,
    done: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The text of the PDF (layout kept: columns stay on their line). */
export function pdfText(pdf: Uint8Array | string, options: { raw?: boolean; page?: number } = {}): string {
  const file = asFile(pdf);
  try {
    const pages = options.page === undefined ? [] : ['-f', String(options.page), '-l', String(options.page)];
    return execFileSync('pdftotext', [options.raw ? '-raw' : '-layout', ...pages, file.path, '-'], {
      encoding: 'utf8',
    });
  } finally {
    file.done();
  }
}

export function pdfPages(pdf: Uint8Array | string): number {
  const file = asFile(pdf);
  try {
    const info = execFileSync('pdfinfo', [file.path], { encoding: 'utf8' });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  } finally {
    file.done();
  }
}

/** Every QR code zbarimg finds on the rendered page(s) (first page unless given), as text. */
export function pdfQrCodes(
  pdf: Uint8Array | string,
  options: { page?: number; dpi?: number } = {},
): string[] {
  const file = asFile(pdf);
  const dir = mkdtempSync(join(tmpdir(), 'amms-ppm-'));
  try {
    const page = String(options.page ?? 1);
    execFileSync(
      'pdftoppm',
      ['-r', String(options.dpi ?? 200), '-f', page, '-l', page, '-png', file.path, join(dir, 'page')],
      {
        stdio: ['ignore', 'ignore', 'ignore'],
      },
    );
    const images = readdirSync(dir).map((name) => join(dir, name));
    let out = '';
    try {
      out = execFileSync('zbarimg', ['--quiet', '--raw', '-Sqrcode.enable', ...images], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch (error) {
      // zbarimg exits 4 when it finds no symbol.
      if ((error as { status?: number }).status !== 4) throw error;
    }
    return out.split('\n').filter((line) => line !== '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    file.done();
  }
}
