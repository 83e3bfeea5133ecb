// The print room of a station core: PDFs are drawn in a worker thread (print-worker.ts), one job
// at a time, so that the core's event loop (calls, sync, scans) never waits on a long manifest.
// The worker starts on the first job and is kept for the next ones (its fonts stay loaded). A job
// reports progress; a worker that dies fails its jobs and the next job starts a fresh one.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RenderProgress } from './pdf-writer.ts';
import type { PrintJob, RenderedPdf } from './print-jobs.ts';
import type { WorkerReply, WorkerRequest } from './print-protocol.ts';

interface PendingJob {
  resolve: (pdf: RenderedPdf & { ms: number }) => void;
  reject: (error: Error) => void;
  onProgress: RenderProgress | undefined;
}

/**
 * The worker's entry: the built print-worker.js beside this module (the Electron build), else the
 * TypeScript source run through tsx (the CLI, tests and `npm run station:web` run the sources).
 */
export function startPrintWorker(): Worker {
  for (const built of ['./print-worker.js', '../print-worker.js']) {
    const url = new URL(built, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return new Worker(url);
  }
  const source = new URL('./print-worker.ts', import.meta.url).href;
  const api = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/index\.cjs$/, 'index.mjs');
  const boot = `import(${JSON.stringify(pathToFileURL(api).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true });
}

export class PrintRoom {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, PendingJob>();
  private closed = false;

  constructor(private readonly startWorker: () => Worker = startPrintWorker) {}

  /** Draws a document in the worker; resolves with its bytes, page count and drawing time (ms). */
  render(job: PrintJob, onProgress?: RenderProgress): Promise<RenderedPdf & { ms: number }> {
    if (this.closed) return Promise.reject(new Error('The print room is closed.'));
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      worker.ref();
      worker.postMessage({ id, job } satisfies WorkerRequest);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.startWorker();
    worker.on('message', (reply: WorkerReply) => {
      const job = this.pending.get(reply.id);
      if (!job) return;
      if (reply.type === 'progress') {
        job.onProgress?.(reply.done, reply.total);
        return;
      }
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.type === 'done')
        job.resolve({ bytes: new Uint8Array(reply.bytes), pages: reply.pages, ms: reply.ms });
      else job.reject(new Error(reply.message));
    });
    const fail = (error: Error): void => {
      if (this.worker === worker) this.worker = null;
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      fail(new Error(`The print worker stopped (exit code ${String(code)}).`));
    });
    // An idle worker does not keep a CLI run alive (it is held while a job runs).
    this.worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
