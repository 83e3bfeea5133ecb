// Station API, domain "maintenance", the asset card: what a supervisor or technician wants to know
// about one machine (its codes and where it is, in transit included; its meters with the last
// reading and average use; the PM status of each schedule; open work orders and requests; its
// components; its recent history).
import { z } from 'zod';
import { entityId } from '../paging.ts';
import { pmBoardRowSchema } from './pm-reads.ts';

export const assetCardParamsSchema = z.object({ asset_id: entityId });

export const assetCardSchema = z.object({
  id: z.string(),
  name: z.string(),
  codes: z.array(z.object({ label: z.string(), value: z.string() })),
  category: z.string().nullable(),
  make_model: z.string().nullable(),
  serial_number: z.string().nullable(),
  status: z.string(),
  /** Site > building > area, from the asset's location. */
  location_path: z.array(z.string()),
  parent: z.object({ id: z.string(), name: z.string() }).nullable(),
  in_transit: z
    .object({ gate_pass_ref: z.string().nullable(), from: z.string(), to: z.string(), status: z.string() })
    .nullable(),
  meters: z.array(
    z.object({
      label: z.string(),
      value: z.number(),
      unit: z.string(),
      /** Hours added by queued daily logs, not confirmed yet. */
      pending: z.number(),
      last_reading_at: z.string().nullable(),
      per_day: z.number().nullable(),
      per_day_days: z.number().nullable(),
    }),
  ),
  schedules: z.array(pmBoardRowSchema),
  work_orders: z.array(
    z.object({ id: z.string(), code: z.string().nullable(), title: z.string(), status: z.string() }),
  ),
  requests: z.array(z.object({ id: z.string(), description: z.string(), reported_at: z.string() })),
  components: z.array(z.object({ id: z.string(), name: z.string(), code: z.string().nullable() })),
  history: z.array(z.object({ at: z.string(), what: z.string() })),
});
export type AssetCard = z.infer<typeof assetCardSchema>;
