// The stock domain's calls (the read side of the storekeeper's counter and the Stock screen): each
// reads the station cache through its reader connection and needs a logged-in user.
import type { stockApi } from '../../src-preload/contract/stock/api.ts';
import { reader, type HandlerMap } from '../core/handler-types.ts';
import { stockByBin } from './reads/by-bin.ts';
import { stockByPart } from './reads/by-part.ts';
import { lowStock } from './reads/low-stock.ts';
import { stockMovements } from './reads/movements.ts';
import { searchParts } from './reads/parts-search.ts';
import { technicians, walletForTechnician } from './reads/people.ts';
import { siteWarehouses } from './reads/warehouses.ts';

export const stockHandlers: HandlerMap<keyof typeof stockApi> = {
  'parts.search': (ctx, params) => searchParts(reader(ctx), params.query, params),
  'stock.byPart': (ctx, params) => stockByPart(reader(ctx), params.part_id),
  'stock.byBin': (ctx, params) => stockByBin(reader(ctx), ctx.core.scope.siteId, params),
  'stock.warehouses': (ctx) => siteWarehouses(reader(ctx), ctx.core.scope.siteId),
  'stock.lowStock': (ctx, params) => lowStock(reader(ctx), params),
  'stock.movements': (ctx, params) => stockMovements(reader(ctx), ctx.core.scope, params),
  'wallets.forTechnician': (ctx, params) =>
    walletForTechnician(reader(ctx), ctx.core.scope.siteId, params.technician_id),
  'people.technicians': (ctx, params) => technicians(reader(ctx), ctx.core.scope.siteId, params),
};
