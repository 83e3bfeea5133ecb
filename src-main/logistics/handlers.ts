// The logistics domain's calls (the clerk's Shipments, Load and Receive truck screens): each reads
// the station cache through its reader connection, with what is queued on top, and needs a
// logged-in user.
import type { logisticsApi } from '../../src-preload/contract/logistics/api.ts';
import { reader, type HandlerMap } from '../core/handler-types.ts';
import { destinations } from './reads/destinations.ts';
import { shipmentDetail } from './reads/shipment-detail.ts';
import { shipmentsList } from './reads/shipments-list.ts';

export const logisticsHandlers: HandlerMap<keyof typeof logisticsApi> = {
  'shipments.list': (ctx) => shipmentsList(reader(ctx), ctx.core.scope),
  'shipments.detail': (ctx, params) =>
    shipmentDetail(reader(ctx), ctx.core.scope, params.shipment_id, new Date(), params.history ?? true),
  'shipments.destinations': (ctx) => destinations(reader(ctx), ctx.core.scope.siteId),
};
