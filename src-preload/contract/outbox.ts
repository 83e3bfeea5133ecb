// Station API, the outbox: queue a user action (one operation, typed by its type), list the
// queued and rejected operations, acknowledge a rejection.
import { z } from 'zod';
import { operationStatusSchema } from './operations.ts';

export const queuedOperationSchema = z.object({
  opId: z.string(),
  seq: z.number().int(),
  type: z.string(),
  summary: z.string(),
});
export type QueuedOperationView = z.infer<typeof queuedOperationSchema>;

export const operationRecordSchema = z.object({
  seq: z.number().int(),
  opId: z.string(),
  type: z.string(),
  summary: z.string(),
  status: operationStatusSchema,
  settled: z.boolean(),
  reasonCode: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  /** When the server answered the push (applied or rejected). */
  ackedAt: z.string().nullable(),
  /** A rejected operation the user has acknowledged (operations.acknowledge). */
  acknowledged: z.boolean(),
});
export type OperationRecordView = z.infer<typeof operationRecordSchema>;

export const listOperationsParamsSchema = z.object({
  filter: z.enum(['pending', 'rejected', 'all']).default('all'),
});

export const acknowledgeParamsSchema = z.object({ opId: z.string() });
