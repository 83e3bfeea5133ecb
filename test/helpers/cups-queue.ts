// The CUPS-PDF test queue (.ci/cups-queue.sh): its name, where its jobs come out as PDF files
// (named "<title>-job_<n>.pdf": the queue labels every file with its job number, so two jobs of one
// title, in this run or an earlier one, never share a file), and a wait for one job's file.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const TEST_PRINTER = process.env.AMMS_TEST_PRINTER ?? 'AMMS-PDF';
export const CUPS_OUT = process.env.AMMS_CUPS_PDF_DIR ?? '/var/spool/amms-cups-pdf';

/**
 * Which job to wait for: by the spooler's job id ("AMMS-PDF-12"), or, where the test only sees the
 * title (a print from the screens), the newest file whose name starts with `title` (as cups-pdf
 * writes it: spaces and punctuation as _) that was written at or after `since` (Date.now() before
 * the print).
 */
export type PrintedJob = { jobId: string | null } | { title: string; since: number };

function sizeOf(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null; // replaced or removed between the listing and the stat
  }
}

function candidate(job: PrintedJob): string | undefined {
  if (!existsSync(CUPS_OUT)) return undefined;
  const names = readdirSync(CUPS_OUT).filter((n) => n.endsWith('.pdf'));
  if ('jobId' in job) {
    const number = /-(\d+)$/.exec(job.jobId ?? '')?.[1];
    if (number === undefined) throw new Error(`Not a CUPS job id: ${String(job.jobId)}`);
    return names.find((n) => n.endsWith(`-job_${number}.pdf`));
  }
  const fresh = names
    .filter((n) => n.startsWith(job.title))
    .map((n) => {
      try {
        return { n, at: statSync(join(CUPS_OUT, n)).mtimeMs };
      } catch {
        return { n, at: -1 };
      }
    })
    // (A second of slack for file systems that keep coarse modification times.)
    .filter((f) => f.at >= job.since - 1000)
    .sort((a, b) => b.at - a.at);
  return fresh[0]?.n;
}

/** The PDF the queue wrote for `job`, once cups-pdf has finished writing it. */
export async function waitForPrinted(job: PrintedJob, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const name = candidate(job);
    if (name) {
      const path = join(CUPS_OUT, name);
      // cups-pdf writes the file in place: wait until its size stops changing.
      const size = sizeOf(path);
      await new Promise((resolve) => setTimeout(resolve, 300));
      if (size !== null && size > 0 && sizeOf(path) === size) return path;
    }
    if (Date.now() > deadline) {
      const what = 'jobId' in job ? String(job.jobId) : `'${job.title}…'`;
      throw new Error(
        `The job ${what} did not come out of ${TEST_PRINTER} into ${CUPS_OUT} within ${String(timeoutMs / 1000)} s (is cupsd running? see .ci/cups-queue.sh).`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
