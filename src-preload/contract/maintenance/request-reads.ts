// Station API, domain "maintenance", the Requests screen: the triage queue and one request with its
// photo and the possible duplicates (open requests and open work orders of the same asset).
import { z } from 'zod';
import { entityId } from '../paging.ts';

export const requestRowSchema = z.object({
  id: z.string(),
  asset_id: z.string(),
  asset_label: z.string(),
  description: z.string(),
  reported_by: z.string(),
  reported_at: z.string(),
  status: z.enum(['pending', 'rejected', 'converted']),
  pending: z.boolean(),
  has_photo: z.boolean(),
  /** Open requests and work orders of the same asset. */
  duplicates: z.number(),
});
export type RequestRow = z.infer<typeof requestRowSchema>;

export const requestQueueParamsSchema = z.object({});
export const requestQueueResultSchema = z.object({ rows: z.array(requestRowSchema) });

export const requestDetailParamsSchema = z.object({ request_id: entityId });
export const requestDetailSchema = z.object({
  row: requestRowSchema,
  /** A data: URL of the photo (null: none, or not at this station). */
  photo: z.string().nullable(),
  photo_url: z.string().nullable(),
  rejection_reason: z.string().nullable(),
  converted_wo_code: z.string().nullable(),
  duplicates: z.array(
    z.object({
      kind: z.enum(['request', 'work_order']),
      id: z.string(),
      label: z.string(),
      status: z.string(),
      description: z.string(),
    }),
  ),
});
export type RequestDetail = z.infer<typeof requestDetailSchema>;
