// Station API, domain "maintenance": work orders, daily logs, meters, PM and service requests.
import type { MethodSpec } from '../method.ts';
import { openWorkOrdersParamsSchema, openWorkOrdersResultSchema } from './reads.ts';

export const maintenanceApi = {
  'workOrders.open': {
    params: openWorkOrdersParamsSchema,
    result: openWorkOrdersResultSchema,
    reads: ['work_orders', 'assets', 'users', 'tenants'],
  },
} as const satisfies Record<string, MethodSpec>;
