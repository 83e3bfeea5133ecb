// The maintenance domain's calls: each reads the station cache through its reader connection and
// needs a logged-in user.
import type { maintenanceApi } from '../../src-preload/contract/maintenance/api.ts';
import { reader, type HandlerMap } from '../core/handler-types.ts';
import { openWorkOrders } from './reads/open-work-orders.ts';

export const maintenanceHandlers: HandlerMap<keyof typeof maintenanceApi> = {
  'workOrders.open': (ctx, params) => openWorkOrders(reader(ctx), ctx.core.scope.tenantId, params),
};
