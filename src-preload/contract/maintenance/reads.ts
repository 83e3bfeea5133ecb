// Station API, domain "maintenance", reads: work orders (the counter picks the one parts are used
// on), and the maintenance screens' lists.
import { z } from 'zod';
import { after, limit, page, searchText as search } from '../paging.ts';

// workOrders.open ---------------------------------------------------------------------------------

export const openWorkOrdersParamsSchema = z.object({ query: search.optional(), after, limit });
export const openWorkOrderSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  status: z.string(),
  priority: z.string(),
  asset_id: z.string(),
  asset_name: z.string().nullable(),
  assigned_to_name: z.string().nullable(),
  due_date: z.string().nullable(),
  /** Whether wo.consume would accept parts now (a draft only with Agile Mode). */
  takes_parts: z.boolean(),
});
export const openWorkOrdersResultSchema = page(openWorkOrderSchema);
