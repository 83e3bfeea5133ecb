// The stock movement history (migration 0009): one row per movement of a bin or a wallet, written
// only by the operation functions. qty_delta is the signed change of the bin (location_id,
// bin_location) or, for a movement without a bin, of the wallet (technician_id); qty_after is
// that bin's (or wallet's) quantity after it; wallet_qty_after the wallet's when a wallet moved.
import { sql } from 'drizzle-orm';
import { check, foreignKey, index, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { stamps, tenantRow, timestamptz } from './columns.ts';
import { stations, users } from './core.ts';
import { tenantOwned } from './tenants.ts';
import { stockMovementType } from './enums.ts';
import { parts } from './inventory.ts';
import { shipments } from './logistics.ts';
import { workOrders } from './maintenance.ts';
import { locations } from './registry.ts';
import { opLedger } from './sync.ts';

export const stockMovements = pgTable(
  'stock_movements',
  {
    ...tenantRow(),
    opId: uuid('op_id').notNull(),
    stationId: uuid('station_id').notNull(),
    movementType: stockMovementType('movement_type').notNull(),
    partId: uuid('part_id').notNull(),
    locationId: uuid('location_id'),
    binLocation: text('bin_location'),
    technicianId: uuid('technician_id'),
    woId: uuid('wo_id'),
    qtyDelta: numeric('qty_delta', { precision: 14, scale: 3 }).notNull(),
    qtyAfter: numeric('qty_after', { precision: 14, scale: 3 }).notNull(),
    walletQtyAfter: numeric('wallet_qty_after', { precision: 14, scale: 3 }),
    unitCost: numeric('unit_cost', { precision: 12, scale: 2 }),
    supplierRef: text('supplier_ref'),
    reason: text('reason'),
    performedByUserId: uuid('performed_by_user_id').notNull(),
    occurredAt: timestamptz('occurred_at').notNull().defaultNow(),
    ...stamps(),
    /** dispatch and arrival: the truck the parts left on or came off (migration 0013). */
    shipmentId: uuid('shipment_id'),
  },
  (t) => [
    ...tenantOwned('stock_movements', t),
    foreignKey({ name: 'stock_movements_op_fk', columns: [t.opId], foreignColumns: [opLedger.opId] }),
    foreignKey({
      name: 'stock_movements_station_fk',
      columns: [t.tenantId, t.stationId],
      foreignColumns: [stations.tenantId, stations.id],
    }),
    foreignKey({
      name: 'stock_movements_part_fk',
      columns: [t.tenantId, t.partId],
      foreignColumns: [parts.tenantId, parts.id],
    }),
    foreignKey({
      name: 'stock_movements_location_fk',
      columns: [t.tenantId, t.locationId],
      foreignColumns: [locations.tenantId, locations.id],
    }),
    foreignKey({
      name: 'stock_movements_technician_fk',
      columns: [t.tenantId, t.technicianId],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({
      name: 'stock_movements_wo_fk',
      columns: [t.tenantId, t.woId],
      foreignColumns: [workOrders.tenantId, workOrders.id],
    }),
    foreignKey({
      name: 'stock_movements_shipment_fk',
      columns: [t.tenantId, t.shipmentId],
      foreignColumns: [shipments.tenantId, shipments.id],
    }),
    foreignKey({
      name: 'stock_movements_performed_by_fk',
      columns: [t.tenantId, t.performedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    check('stock_movements_bin_with_location', sql`(location_id IS NULL) = (bin_location IS NULL)`),
    check('stock_movements_bin_format', sql`bin_location ~ '^[A-Z0-9][A-Z0-9._/-]{0,39}$'`),
    check('stock_movements_qty_after_nonnegative', sql`qty_after >= 0`),
    check(
      'stock_movements_wallet_after_with_technician',
      sql`(technician_id IS NULL) = (wallet_qty_after IS NULL)`,
    ),
    check('stock_movements_wallet_after_nonnegative', sql`wallet_qty_after >= 0`),
    check('stock_movements_unit_cost_nonnegative', sql`unit_cost >= 0`),
    check(
      'stock_movements_supplier_ref',
      sql`supplier_ref IS NULL OR (movement_type = 'receive' AND char_length(supplier_ref) BETWEEN 1 AND 80)`,
    ),
    check('stock_movements_reason_length', sql`char_length(reason) BETWEEN 1 AND 500`),
    // movement_type as text: migration 0013 added dispatch and arrival in the same transaction.
    check(
      'stock_movements_shape',
      sql`CASE movement_type::text
        WHEN 'receive' THEN location_id IS NOT NULL AND technician_id IS NULL AND wo_id IS NULL AND qty_delta > 0
          AND shipment_id IS NULL
        WHEN 'issue' THEN location_id IS NOT NULL AND technician_id IS NOT NULL AND wo_id IS NULL AND qty_delta < 0
          AND bin_location <> 'QUARANTINE' AND shipment_id IS NULL
        WHEN 'return' THEN location_id IS NOT NULL AND technician_id IS NOT NULL AND wo_id IS NULL AND qty_delta > 0
          AND bin_location <> 'QUARANTINE' AND shipment_id IS NULL
        WHEN 'return_defective' THEN location_id IS NOT NULL AND technician_id IS NOT NULL AND wo_id IS NULL
          AND qty_delta > 0 AND bin_location = 'QUARANTINE' AND shipment_id IS NULL
        WHEN 'consume' THEN wo_id IS NOT NULL AND qty_delta < 0 AND unit_cost IS NOT NULL
          AND (location_id IS NULL) <> (technician_id IS NULL) AND bin_location IS DISTINCT FROM 'QUARANTINE'
          AND shipment_id IS NULL
        WHEN 'adjust' THEN location_id IS NOT NULL AND technician_id IS NULL AND wo_id IS NULL AND reason IS NOT NULL
          AND shipment_id IS NULL
        WHEN 'dispatch' THEN location_id IS NOT NULL AND technician_id IS NULL AND wo_id IS NULL AND qty_delta < 0
          AND bin_location <> 'QUARANTINE' AND shipment_id IS NOT NULL
        WHEN 'arrival' THEN location_id IS NOT NULL AND technician_id IS NULL AND wo_id IS NULL AND qty_delta > 0
          AND shipment_id IS NOT NULL
      END`,
    ),
    index('stock_movements_part_idx').on(t.tenantId, t.partId, t.occurredAt),
    index('stock_movements_bin_idx')
      .on(t.tenantId, t.locationId, t.binLocation, t.occurredAt)
      .where(sql`location_id IS NOT NULL`),
    index('stock_movements_technician_idx')
      .on(t.tenantId, t.technicianId, t.occurredAt)
      .where(sql`technician_id IS NOT NULL`),
    index('stock_movements_wo_idx')
      .on(t.tenantId, t.woId)
      .where(sql`wo_id IS NOT NULL`),
    index('stock_movements_op_idx').on(t.opId),
    index('stock_movements_shipment_idx')
      .on(t.tenantId, t.shipmentId)
      .where(sql`shipment_id IS NOT NULL`),
  ],
);

export type StockMovement = typeof stockMovements.$inferSelect;
export type NewStockMovement = typeof stockMovements.$inferInsert;
