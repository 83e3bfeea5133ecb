// Keyset paging shared by every long list of the station API: `limit` (at most 200) and the opaque
// `next` cursor of the previous page passed back as `after`; `next` is null on the last page.
import { z } from 'zod';

export const MAX_PAGE = 200;

export const entityId = z.string().min(1).max(64);
export const after = z.string().max(2000).optional();
export const limit = z
  .number()
  .int()
  .min(1, { message: 'must be at least 1' })
  .max(MAX_PAGE, { message: `must be at most ${MAX_PAGE}` })
  .default(50);
export const searchText = z.string().trim().max(100, { message: 'can be at most 100 characters' });

/** A page of rows and the cursor of the next page (null when this is the last). */
export function page<T extends z.ZodType>(row: T) {
  return z.object({ rows: z.array(row), next: z.string().nullable() });
}
