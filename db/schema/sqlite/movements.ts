// The stock movement history in the station's SQLite mirror (the station's site only, see
// src-main/cache/sync-scope.ts), so the counter can show it offline. See core.ts for the storage
// contract and db/schema/pg/movements.ts for the meaning of the columns.
import { index, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { stockMovementType } from '../pg/enums.ts';
import { stamps, tenantRow } from './core.ts';

export const stockMovements = sqliteTable(
  'stock_movements',
  {
    ...tenantRow(),
    opId: text('op_id').notNull(),
    stationId: text('station_id').notNull(),
    movementType: text('movement_type', { enum: stockMovementType.enumValues }).notNull(),
    partId: text('part_id').notNull(),
    locationId: text('location_id'),
    binLocation: text('bin_location'),
    technicianId: text('technician_id'),
    woId: text('wo_id'),
    qtyDelta: real('qty_delta').notNull(),
    qtyAfter: real('qty_after').notNull(),
    walletQtyAfter: real('wallet_qty_after'),
    unitCost: real('unit_cost'),
    supplierRef: text('supplier_ref'),
    reason: text('reason'),
    performedByUserId: text('performed_by_user_id').notNull(),
    occurredAt: text('occurred_at').notNull(),
    ...stamps(),
    shipmentId: text('shipment_id'),
  },
  (t) => [
    index('stock_movements_part_idx').on(t.partId, t.occurredAt),
    index('stock_movements_bin_idx').on(t.locationId, t.binLocation, t.occurredAt),
    index('stock_movements_technician_idx').on(t.technicianId, t.occurredAt),
    index('stock_movements_wo_idx').on(t.woId),
  ],
);

export type StockMovement = typeof stockMovements.$inferSelect;
export type NewStockMovement = typeof stockMovements.$inferInsert;
