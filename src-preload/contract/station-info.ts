// The station API contract, domain "station info". Shared by the core, the preload and the
// renderer; the core's handlers are declared to satisfy it and both transports carry it.
import { z } from 'zod';

export const stationInfoSchema = z.object({
  appVersion: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  transport: z.enum(['electron', 'web']),
  stationName: z.string(),
  tenantSlug: z.string(),
  siteCode: z.string(),
});
export type StationInfo = z.infer<typeof stationInfoSchema>;
