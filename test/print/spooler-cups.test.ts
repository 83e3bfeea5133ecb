// The CUPS path of the station's spooler against a real queue: AMMS-PDF, a CUPS-PDF queue that
// writes every job as a PDF (.ci/cups-queue.sh creates it; CI runs that script). What comes out of
// the queue is read back: its pages and the QR code on the rendered page. A missing queue fails
// the test with what to do; it is never skipped.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binQrContent } from '../../src-main/print/label-layout.ts';
import { renderJob } from '../../src-main/print/print-jobs.ts';
import { cupsSpooler } from '../../src-main/print/spooler-cups.ts';
import { runCommand } from '../../src-main/print/spooler.ts';
import { pdfPages, pdfQrCodes } from '../helpers/pdf-tools.ts';
import { TEST_PRINTER, waitForPrinted } from '../helpers/cups-queue.ts';

const spooler = cupsSpooler(runCommand);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'amms-spool-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('printing through CUPS', () => {
  it(`lists the ${TEST_PRINTER} queue among the system's printers`, async () => {
    const printers = await spooler.printers();
    expect(
      printers.map((p) => p.name),
      `No CUPS queue ${TEST_PRINTER}: run 'sudo bash .ci/cups-queue.sh' (CI runs it from .ci/run).`,
    ).toContain(TEST_PRINTER);
    expect(printers.find((p) => p.name === TEST_PRINTER)?.state).toMatch(/idle|printing/);
  });

  it('queues a PDF that comes out of the printer with its pages and a readable QR code', async () => {
    const title = `amms-spool-${String(Date.now())}`;
    const items = Array.from({ length: 25 }, (_, i) => ({
      warehouseCode: 'ACME-NBO-WH1',
      warehouseName: 'Main store',
      bin: `A-${String(i + 1).padStart(2, '0')}`,
    }));
    const { bytes, pages } = renderJob({ kind: 'bin-labels', items });
    expect(pages).toBe(2);
    const file = join(dir, 'labels.pdf');
    writeFileSync(file, bytes);
    const { jobId } = await spooler.print(file, { printer: TEST_PRINTER, copies: 1, title, media: 'A4' });
    expect(jobId).toMatch(new RegExp(`^${TEST_PRINTER}-\\d+$`));
    const printed = await waitForPrinted({ jobId });
    expect(pdfPages(printed)).toBe(2);
    // The second sheet holds the 25th label alone.
    expect(pdfQrCodes(printed, { page: 2 })).toEqual([binQrContent('ACME-NBO-WH1', 'A-25')]);
  });

  it('says which printers exist when asked for one that does not', async () => {
    await expect(
      spooler.print(join(dir, 'labels.pdf'), {
        printer: 'NO-SUCH-QUEUE',
        copies: 1,
        title: 't',
        media: 'A4',
      }),
    ).rejects.toThrow(/NO-SUCH-QUEUE did not take the document/);
  });
});
