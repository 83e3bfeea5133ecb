// Messages between the print room (core thread) and the print worker.
import type { PrintJob } from './print-jobs.ts';

export interface WorkerRequest {
  id: number;
  job: PrintJob;
}

export type WorkerReply =
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'done'; bytes: ArrayBuffer; pages: number; ms: number }
  | { id: number; type: 'error'; message: string };
