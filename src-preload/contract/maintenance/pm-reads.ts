// Station API, domain "maintenance", the PM board: the site's PM schedules that are overdue, due in
// the next 7 or 30 days (by date or by the forecast from the asset's average use), and folded
// into a bigger service, each with the engine's sentence why.
import { z } from 'zod';

export const pmBoardParamsSchema = z.object({
  /** Only this asset's schedules. */
  asset_id: z.string().max(64).optional(),
  /** At most this many rows of each bucket, most urgent first (default 200; the counts are whole). */
  limit: z.number().int().min(1).max(100_000).optional(),
});

export const pmBucketSchema = z.enum(['overdue', 'week', 'month', 'suppressed', 'later', 'inactive']);
export type PmBucket = z.infer<typeof pmBucketSchema>;

export const pmBoardRowSchema = z.object({
  id: z.string(),
  bucket: pmBucketSchema,
  asset_id: z.string(),
  asset_label: z.string(),
  name: z.string(),
  /** The nearer of the due date and the forecast date. */
  next_due: z.string().nullable(),
  due_meter: z.number().nullable(),
  meter_now: z.number().nullable(),
  unit: z.string(),
  why: z.string().nullable(),
  open_wo: z.object({ id: z.string(), code: z.string(), status: z.string() }).nullable(),
});
export type PmBoardRow = z.infer<typeof pmBoardRowSchema>;

export const pmBoardResultSchema = z.object({
  today: z.string(),
  rows: z.array(pmBoardRowSchema),
  counts: z.record(pmBucketSchema, z.number()),
});
