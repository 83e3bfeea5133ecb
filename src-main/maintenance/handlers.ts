// The maintenance domain's calls: each reads the station cache through its reader connection and
// needs a logged-in user; dailyLog.save queues the daily log grid's rows.
import type { maintenanceApi } from '../../src-preload/contract/maintenance/api.ts';
import { QUEUE_TABLES } from '../../src-preload/contract/tables.ts';
import { reader, requireUser, type HandlerMap } from '../core/handler-types.ts';
import { saveDailyLogGrid } from './daily-log-save.ts';
import { assetCard } from './reads/asset-card.ts';
import { dailyLogGrid } from './reads/daily-log-grid.ts';
import { logCorrections } from './reads/log-corrections.ts';
import { meterHistory } from './reads/meter-history.ts';
import { openWorkOrders } from './reads/open-work-orders.ts';
import { pmBoard } from './reads/pm-board.ts';
import { requestDetail, requestQueue } from './reads/requests.ts';
import { workOrderDetail } from './reads/work-order-detail.ts';
import { workOrderList } from './reads/work-order-list.ts';

export const maintenanceHandlers: HandlerMap<keyof typeof maintenanceApi> = {
  'workOrders.open': (ctx, params) => openWorkOrders(reader(ctx), ctx.core.scope.tenantId, params),
  'dailyLog.grid': (ctx, params) => dailyLogGrid(reader(ctx), ctx.core.scope.siteId, params.date),
  'dailyLog.save': (ctx, params) => {
    const user = requireUser(ctx);
    const result = saveDailyLogGrid(ctx.core.cache, ctx.core.scope, user.id, params.date, params.rows);
    if (result.queued.length > 0) ctx.core.localChange(QUEUE_TABLES);
    return result;
  },
  'dailyLog.corrections': (ctx, params) => logCorrections(reader(ctx), params.log_id),
  'meters.history': (ctx, params) => meterHistory(reader(ctx), params.asset_id, params.limit),
  'workOrders.list': (ctx, params) => workOrderList(reader(ctx), params, new Date()),
  'workOrders.detail': (ctx, params) =>
    workOrderDetail(reader(ctx), params.wo_id, ctx.core.scope.tenantId, new Date()),
  'pm.board': (ctx, params) =>
    pmBoard(reader(ctx), ctx.core.scope.siteId, new Date(), {
      assetId: params.asset_id,
      limit: params.limit,
    }),
  'requests.queue': (ctx) => requestQueue(reader(ctx)),
  'requests.detail': (ctx, params) => requestDetail(reader(ctx), params.request_id),
  'assets.card': (ctx, params) => assetCard(reader(ctx), params.asset_id, ctx.core.scope.siteId, new Date()),
};
