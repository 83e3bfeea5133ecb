// The CUPS-PDF test queue (.ci/cups-queue.sh): its name, where its jobs come out as PDF files, and
// a wait for a job's file by the job's title.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const TEST_PRINTER = process.env.AMMS_TEST_PRINTER ?? 'AMMS-PDF';
export const CUPS_OUT = process.env.AMMS_CUPS_PDF_DIR ?? '/var/spool/amms-cups-pdf';

/** The PDF the queue wrote for the job titled `title` (cups-pdf names it after the title). */
export async function waitForPrinted(title: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (existsSync(CUPS_OUT)) {
      const name = readdirSync(CUPS_OUT).find(
        (n) => n === `${title}.pdf` || (n.startsWith(`${title}__`) && n.endsWith('.pdf')),
      );
      if (name) {
        const path = join(CUPS_OUT, name);
        // cups-pdf writes the file in place: wait until its size stops changing.
        const size = statSync(path).size;
        await new Promise((resolve) => setTimeout(resolve, 300));
        if (size > 0 && statSync(path).size === size) return path;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(
        `The job '${title}' did not come out of ${TEST_PRINTER} into ${CUPS_OUT} within ${String(timeoutMs / 1000)} s (is cupsd running? see .ci/cups-queue.sh).`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
