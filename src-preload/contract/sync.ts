// Station API, domain "sync": the always-visible sync bar.
import { z } from 'zod';

export const syncPhaseSchema = z.enum([
  'starting',
  'connecting',
  'initial',
  'pushing',
  'pulling',
  'idle',
  'offline',
  'incompatible',
]);

export const syncStatusSchema = z.object({
  online: z.boolean(),
  phase: syncPhaseSchema,
  lastSyncAt: z.string().nullable(),
  pending: z.number().int(),
  rejected: z.number().int(),
  initial: z.object({ table: z.string(), rowsDone: z.number(), rowsTotal: z.number() }).nullable(),
  error: z.string().nullable(),
});
export type SyncStatusView = z.infer<typeof syncStatusSchema>;
