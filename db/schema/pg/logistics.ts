// Logistics (chain of custody): shipments (the truck) and asset_movements (the transfers on it).
// Part lines, seals, receipts and discrepancies are in logistics-receipts.ts (migration 0013).
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { stamps, tenantRow, timestamptz } from './columns.ts';
import { stations, users } from './core.ts';
import { tenantOwned } from './tenants.ts';
import { assetStatus, movementStatus, shipmentStatus } from './enums.ts';
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
    // Migration 0013.
    driverIdNumber: text('driver_id_number'),
    trailerReg: text('trailer_reg'),
    notes: text('notes'),
    isReturnable: boolean('is_returnable').notNull().default(false),
    expectedReturnDate: date('expected_return_date'),
    returnOfShipmentId: uuid('return_of_shipment_id'),
    returnedAt: timestamptz('returned_at'),
    returnedByShipmentId: uuid('returned_by_shipment_id'),
    cancelledAt: timestamptz('cancelled_at'),
    cancelledByUserId: uuid('cancelled_by_user_id'),
    cancelReason: text('cancel_reason'),
    receivingStationId: uuid('receiving_station_id'),
    receivingStartedAt: timestamptz('receiving_started_at'),
    receiptNote: text('receipt_note'),
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
    foreignKey({
      name: 'shipments_return_of_fk',
      columns: [t.tenantId, t.returnOfShipmentId],
      foreignColumns: [t.tenantId, t.id],
    }),
    foreignKey({
      name: 'shipments_returned_by_fk',
      columns: [t.tenantId, t.returnedByShipmentId],
      foreignColumns: [t.tenantId, t.id],
    }),
    foreignKey({
      name: 'shipments_cancelled_by_fk',
      columns: [t.tenantId, t.cancelledByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({
      name: 'shipments_receiving_station_fk',
      columns: [t.tenantId, t.receivingStationId],
      foreignColumns: [stations.tenantId, stations.id],
    }),
    check('shipments_gate_pass_ref_format', sql`gate_pass_ref ~ '^[A-Z0-9][A-Z0-9-]{3,39}$'`),
    check('shipments_distinct_ends', sql`origin_location_id <> destination_location_id`),
    check(
      'shipments_dispatched_state',
      sql`(status IN ('dispatched', 'received', 'received_with_discrepancies')) = (dispatched_at IS NOT NULL)`,
    ),
    check(
      'shipments_received_state',
      sql`(status IN ('received', 'received_with_discrepancies')) = (received_at IS NOT NULL)`,
    ),
    check('shipments_cancelled_state', sql`(status = 'cancelled') = (cancelled_at IS NOT NULL)`),
    check('shipments_returnable_has_date', sql`is_returnable = (expected_return_date IS NOT NULL)`),
    check(
      'shipments_returned_state',
      sql`(returned_at IS NULL) = (returned_by_shipment_id IS NULL) AND (returned_at IS NULL OR is_returnable)`,
    ),
    check(
      'shipments_not_own_return',
      sql`return_of_shipment_id IS DISTINCT FROM id AND returned_by_shipment_id IS DISTINCT FROM id`,
    ),
    check('shipments_receiving_claim', sql`(receiving_station_id IS NULL) = (receiving_started_at IS NULL)`),
    check('shipments_driver_id_number_format', sql`driver_id_number ~ '^[A-Z0-9][A-Z0-9 /-]{2,29}$'`),
    check('shipments_vehicle_reg_format', sql`vehicle_reg ~ '^[A-Z0-9][A-Z0-9 -]{1,19}$'`),
    check('shipments_trailer_reg_format', sql`trailer_reg ~ '^[A-Z0-9][A-Z0-9 -]{1,19}$'`),
    check('shipments_driver_name_length', sql`char_length(btrim(driver_name)) BETWEEN 1 AND 100`),
    check('shipments_jms_reference_length', sql`char_length(btrim(jms_reference)) BETWEEN 1 AND 40`),
    check('shipments_notes_length', sql`char_length(notes) BETWEEN 1 AND 500`),
    check('shipments_cancel_reason_length', sql`char_length(cancel_reason) BETWEEN 1 AND 500`),
    check('shipments_receipt_note_length', sql`char_length(receipt_note) BETWEEN 1 AND 500`),
    index('shipments_origin_idx').on(t.tenantId, t.originLocationId),
    index('shipments_destination_idx').on(t.tenantId, t.destinationLocationId),
    index('shipments_returnable_open_idx')
      .on(t.tenantId, t.originLocationId, t.expectedReturnDate)
      .where(sql`is_returnable AND returned_at IS NULL`),
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
    // Migration 0013.
    parentMovementId: uuid('parent_movement_id'),
    detachedFromAssetId: uuid('detached_from_asset_id'),
    assetStatusBefore: assetStatus('asset_status_before'),
    loadedByUserId: uuid('loaded_by_user_id'),
    isExtra: boolean('is_extra').notNull().default(false),
  },
  (t) => [
    ...tenantOwned('asset_movements', t),
    foreignKey({
      name: 'asset_movements_parent_movement_fk',
      columns: [t.tenantId, t.parentMovementId],
      foreignColumns: [t.tenantId, t.id],
    }),
    foreignKey({
      name: 'asset_movements_detached_from_fk',
      columns: [t.tenantId, t.detachedFromAssetId],
      foreignColumns: [assets.tenantId, assets.id],
    }),
    foreignKey({
      name: 'asset_movements_loaded_by_fk',
      columns: [t.tenantId, t.loadedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    check('asset_movements_not_own_parent', sql`parent_movement_id IS DISTINCT FROM id`),
    check(
      'asset_movements_with_unit_or_detached',
      sql`parent_movement_id IS NULL OR detached_from_asset_id IS NULL`,
    ),
    check('asset_movements_extra_on_shipment', sql`NOT is_extra OR shipment_id IS NOT NULL`),
    index('asset_movements_parent_idx')
      .on(t.tenantId, t.parentMovementId)
      .where(sql`parent_movement_id IS NOT NULL`),
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
