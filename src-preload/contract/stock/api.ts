// Station API, domain "stock": the reads of the storekeeper's counter and the Stock screen.
import type { MethodSpec } from '../method.ts';
import { OVERLAY } from '../method.ts';
import {
  lowStockParamsSchema,
  lowStockResultSchema,
  movementsParamsSchema,
  movementsResultSchema,
  partsSearchParamsSchema,
  partsSearchResultSchema,
  stockByBinParamsSchema,
  stockByBinResultSchema,
  stockByPartParamsSchema,
  stockByPartResultSchema,
  techniciansParamsSchema,
  techniciansResultSchema,
  walletParamsSchema,
  walletResultSchema,
  warehousesResultSchema,
} from './reads.ts';
import { z } from 'zod';

const none = z.object({}).strict();

export const stockApi = {
  'parts.search': {
    params: partsSearchParamsSchema,
    result: partsSearchResultSchema,
    reads: ['parts', 'inventory_stock', 'locations', ...OVERLAY],
  },
  'stock.byPart': {
    params: stockByPartParamsSchema,
    result: stockByPartResultSchema,
    reads: ['parts', 'inventory_stock', 'locations', ...OVERLAY],
  },
  'stock.byBin': {
    params: stockByBinParamsSchema,
    result: stockByBinResultSchema,
    reads: ['parts', 'inventory_stock', 'locations', ...OVERLAY],
  },
  'stock.warehouses': {
    params: none,
    result: warehousesResultSchema,
    reads: ['locations', 'inventory_stock', ...OVERLAY],
  },
  'stock.lowStock': {
    params: lowStockParamsSchema,
    result: lowStockResultSchema,
    reads: ['parts', 'inventory_stock', 'locations', ...OVERLAY],
  },
  'stock.movements': {
    params: movementsParamsSchema,
    result: movementsResultSchema,
    reads: ['stock_movements', 'parts', 'locations', 'users', 'work_orders'],
  },
  'wallets.forTechnician': {
    params: walletParamsSchema,
    result: walletResultSchema,
    reads: ['users', 'parts', 'inventory_wallets', ...OVERLAY],
  },
  'people.technicians': {
    params: techniciansParamsSchema,
    result: techniciansResultSchema,
    reads: ['users', 'inventory_wallets', ...OVERLAY],
  },
} as const satisfies Record<string, MethodSpec>;
