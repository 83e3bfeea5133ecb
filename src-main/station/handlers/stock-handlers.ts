// The station API's stock calls (the read side of the storekeeper's counter): each reads the
// station cache through its reader connection and needs a logged-in user.
import { OpError } from '../../ops/op-error.ts';
import {
  lowStock,
  openWorkOrders,
  searchParts,
  siteWarehouses,
  stockByBin,
  stockByPart,
  stockMovements,
  technicians,
  walletForTechnician,
} from '../stock-queries.ts';
import type { Handler, HandlerContext } from './handler-types.ts';

type StockMethod =
  | 'parts.search'
  | 'stock.byPart'
  | 'stock.byBin'
  | 'stock.warehouses'
  | 'stock.lowStock'
  | 'stock.movements'
  | 'wallets.forTechnician'
  | 'people.technicians'
  | 'workOrders.open';

/** The reader connection, once a user is logged in. */
function reader(ctx: HandlerContext): HandlerContext['core']['cache']['reader'] {
  if (!ctx.session.user) throw new OpError('not_logged_in', 'Log in first.');
  return ctx.core.cache.reader;
}

export const stockHandlers = {
  'parts.search': (ctx, params) => searchParts(reader(ctx), params.query, params),
  'stock.byPart': (ctx, params) => stockByPart(reader(ctx), params.part_id),
  'stock.byBin': (ctx, params) => stockByBin(reader(ctx), ctx.core.scope.siteId, params),
  'stock.warehouses': (ctx) => siteWarehouses(reader(ctx), ctx.core.scope.siteId),
  'stock.lowStock': (ctx, params) => lowStock(reader(ctx), params),
  'stock.movements': (ctx, params) => stockMovements(reader(ctx), ctx.core.scope, params),
  'wallets.forTechnician': (ctx, params) =>
    walletForTechnician(reader(ctx), ctx.core.scope.siteId, params.technician_id),
  'people.technicians': (ctx, params) => technicians(reader(ctx), ctx.core.scope.siteId, params),
  'workOrders.open': (ctx, params) => openWorkOrders(reader(ctx), ctx.core.scope.tenantId, params),
} satisfies { [M in StockMethod]: Handler<M> };
