// Logistics (chain of custody): shipments (the truck) and asset_movements (the transfers on it).
import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { stamps, tenantRow, timestamptz } from './columns.ts';
import { users } from './core.ts';
import { tenantOwned } from './tenants.ts';
import { movementStatus, shipmentStatus } from './enums.ts';
import { assets, locations } from './registry.ts';

export const shipments = pgTable(
  'shipments',
  {
    ...tenantRow(),
    gatePassRef: text('gate_pass_ref').notNull(),
    jmsReference: text('jms_reference'),
    driverName: text('driver_name'),
    vehicleReg: text('vehicle_reg'),
    originLocationId: uuid('origin_location_id').notNull(),
    destinationLocationId: uuid('destination_location_id').notNull(),
    status: shipmentStatus('status').notNull().default('loading'),
    manifestPdfUrl: text('manifest_pdf_url'),
    createdByUserId: uuid('created_by_user_id'),
    dispatchedAt: timestamptz('dispatched_at'),
    dispatchedByUserId: uuid('dispatched_by_user_id'),
    receivedAt: timestamptz('received_at'),
    receivedByUserId: uuid('received_by_user_id'),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('shipments', t),
    unique('shipments_gate_pass_ref_key').on(t.tenantId, t.gatePassRef),
    unique('shipments_id_gate_pass_key').on(t.tenantId, t.id, t.gatePassRef),
    foreignKey({
      name: 'shipments_origin_fk',
      columns: [t.tenantId, t.originLocationId],
      foreignColumns: [locations.tenantId, locations.id],
    }),
    foreignKey({
      name: 'shipments_destination_fk',
      columns: [t.tenantId, t.destinationLocationId],
      foreignColumns: [locations.tenantId, locations.id],
    }),
    foreignKey({
      name: 'shipments_created_by_fk',
      columns: [t.tenantId, t.createdByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({
      name: 'shipments_dispatched_by_fk',
      columns: [t.tenantId, t.dispatchedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({
      name: 'shipments_received_by_fk',
      columns: [t.tenantId, t.receivedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    check('shipments_gate_pass_ref_format', sql`gate_pass_ref ~ '^[A-Z0-9][A-Z0-9-]{3,39}$'`),
    check('shipments_distinct_ends', sql`origin_location_id <> destination_location_id`),
    check(
      'shipments_dispatched_state',
      sql`(status IN ('dispatched', 'received')) = (dispatched_at IS NOT NULL)`,
    ),
    check('shipments_received_state', sql`(status = 'received') = (received_at IS NOT NULL)`),
    index('shipments_origin_idx').on(t.tenantId, t.originLocationId),
    index('shipments_destination_idx').on(t.tenantId, t.destinationLocationId),
  ],
);

/** One asset's transfer; on a shipment it carries the shipment's gate pass (kept in step by ON UPDATE CASCADE). */
export const assetMovements = pgTable(
  'asset_movements',
  {
    ...tenantRow(),
    assetId: uuid('asset_id').notNull(),
    shipmentId: uuid('shipment_id'),
    fromLocationId: uuid('from_location_id').notNull(),
    toLocationId: uuid('to_location_id').notNull(),
    status: movementStatus('status').notNull().default('loaded'),
    gatePassRef: text('gate_pass_ref'),
    movedAt: timestamptz('moved_at').notNull().defaultNow(),
    receivedAt: timestamptz('received_at'),
    receivedByUserId: uuid('received_by_user_id'),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('asset_movements', t),
    foreignKey({
      name: 'asset_movements_asset_fk',
      columns: [t.tenantId, t.assetId],
      foreignColumns: [assets.tenantId, assets.id],
    }),
    foreignKey({
      name: 'asset_movements_shipment_fk',
      columns: [t.tenantId, t.shipmentId, t.gatePassRef],
      foreignColumns: [shipments.tenantId, shipments.id, shipments.gatePassRef],
    }).onUpdate('cascade'),
    foreignKey({
      name: 'asset_movements_from_fk',
      columns: [t.tenantId, t.fromLocationId],
      foreignColumns: [locations.tenantId, locations.id],
    }),
    foreignKey({
      name: 'asset_movements_to_fk',
      columns: [t.tenantId, t.toLocationId],
      foreignColumns: [locations.tenantId, locations.id],
    }),
    foreignKey({
      name: 'asset_movements_received_by_fk',
      columns: [t.tenantId, t.receivedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    check('asset_movements_distinct_ends', sql`from_location_id <> to_location_id`),
    check('asset_movements_shipment_has_gate_pass', sql`shipment_id IS NULL OR gate_pass_ref IS NOT NULL`),
    check('asset_movements_received_state', sql`(status = 'received') = (received_at IS NOT NULL)`),
    index('asset_movements_asset_idx').on(t.tenantId, t.assetId),
    index('asset_movements_shipment_idx').on(t.tenantId, t.shipmentId),
    index('asset_movements_from_idx').on(t.tenantId, t.fromLocationId),
    index('asset_movements_to_idx').on(t.tenantId, t.toLocationId),
    // An asset is on at most one truck at a time.
    uniqueIndex('asset_movements_one_open_per_asset')
      .on(t.tenantId, t.assetId)
      .where(sql`status IN ('loaded', 'in_transit')`),
  ],
);

export type Shipment = typeof shipments.$inferSelect;
export type NewShipment = typeof shipments.$inferInsert;
export type AssetMovement = typeof assetMovements.$inferSelect;
export type NewAssetMovement = typeof assetMovements.$inferInsert;
