// Station API, domain "lookup": find what a scanned or typed code stands for, from the cache.
import { z } from 'zod';

export const lookupParamsSchema = z.object({
  code: z.string().max(4096),
});

export const lookupKindSchema = z.enum(['asset', 'part', 'location', 'user', 'work_order', 'shipment']);
export type LookupKind = z.infer<typeof lookupKindSchema>;

export const lookupMatchSchema = z.object({
  kind: lookupKindSchema,
  id: z.string(),
  title: z.string(),
  subtitle: z.string(),
  /** Which code matched, e.g. "QR token", "SKU", "client code". */
  matchedBy: z.string(),
  details: z.array(z.object({ label: z.string(), value: z.string() })),
});
export type LookupMatch = z.infer<typeof lookupMatchSchema>;

export const lookupResultSchema = z.object({
  code: z.string(),
  matches: z.array(lookupMatchSchema),
  /** When nothing matched: a message the user can act on. */
  message: z.string().nullable(),
});
export type LookupResult = z.infer<typeof lookupResultSchema>;
