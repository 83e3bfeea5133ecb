// The print worker: a worker thread of the station core that draws PDFs (print-jobs.ts), one job
// at a time, reporting progress as it goes. The PDF's bytes are transferred back, not copied.
import { parentPort } from 'node:worker_threads';
import { renderJob, type PrintJob } from './print-jobs.ts';
import type { WorkerReply, WorkerRequest } from './print-protocol.ts';

const port = parentPort;
if (!port) throw new Error('print-worker must run as a worker thread.');

port.on('message', (request: WorkerRequest) => {
  const started = performance.now();
  try {
    const job: PrintJob = request.job;
    const { bytes, pages } = renderJob(job, (done, total) => {
      port.postMessage({ id: request.id, type: 'progress', done, total } satisfies WorkerReply);
    });
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const reply: WorkerReply = {
      id: request.id,
      type: 'done',
      bytes: buffer,
      pages,
      ms: performance.now() - started,
    };
    port.postMessage(reply, [buffer]);
  } catch (error) {
    port.postMessage({
      id: request.id,
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    } satisfies WorkerReply);
  }
});
