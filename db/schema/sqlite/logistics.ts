// Logistics in the station's SQLite mirror: shipments, the asset movements on them, and what hangs
// on a shipment (part lines, seals, receipt lines, discrepancies; migration 0013). A station holds
// the shipments leaving from or arriving at its site, with all of these (src-main/cache/sync-scope.ts).
// See core.ts for the storage contract.
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import {
  assetStatus,
  discrepancyCode,
  movementStatus,
  receiptCondition,
  sealCheckResult,
  shipmentStatus,
} from '../pg/enums.ts';
import { stamps, tenantRow } from './core.ts';

export const shipments = sqliteTable(
  'shipments',
  {
    ...tenantRow(),
    gatePassRef: text('gate_pass_ref').notNull(),
    jmsReference: text('jms_reference'),
    driverName: text('driver_name'),
    vehicleReg: text('vehicle_reg'),
    originLocationId: text('origin_location_id').notNull(),
    destinationLocationId: text('destination_location_id').notNull(),
    status: text('status', { enum: shipmentStatus.enumValues }).notNull(),
    manifestPdfUrl: text('manifest_pdf_url'),
    createdByUserId: text('created_by_user_id'),
    dispatchedAt: text('dispatched_at'),
    dispatchedByUserId: text('dispatched_by_user_id'),
    receivedAt: text('received_at'),
    receivedByUserId: text('received_by_user_id'),
    ...stamps(),
    driverIdNumber: text('driver_id_number'),
    trailerReg: text('trailer_reg'),
    notes: text('notes'),
    isReturnable: integer('is_returnable', { mode: 'boolean' }).notNull(),
    expectedReturnDate: text('expected_return_date'),
    returnOfShipmentId: text('return_of_shipment_id'),
    returnedAt: text('returned_at'),
    returnedByShipmentId: text('returned_by_shipment_id'),
    cancelledAt: text('cancelled_at'),
    cancelledByUserId: text('cancelled_by_user_id'),
    cancelReason: text('cancel_reason'),
    receivingStationId: text('receiving_station_id'),
    receivingStartedAt: text('receiving_started_at'),
    receiptNote: text('receipt_note'),
  },
  (t) => [
    index('shipments_gate_pass_ref_idx').on(t.gatePassRef),
    // A shipment is in the station's scope by its ends; a pull drops it through them when one
    // leaves the site.
    index('shipments_origin_idx').on(t.originLocationId),
    index('shipments_destination_idx').on(t.destinationLocationId),
  ],
);

export const assetMovements = sqliteTable(
  'asset_movements',
  {
    ...tenantRow(),
    assetId: text('asset_id').notNull(),
    shipmentId: text('shipment_id'),
    fromLocationId: text('from_location_id').notNull(),
    toLocationId: text('to_location_id').notNull(),
    status: text('status', { enum: movementStatus.enumValues }).notNull(),
    gatePassRef: text('gate_pass_ref'),
    movedAt: text('moved_at').notNull(),
    receivedAt: text('received_at'),
    receivedByUserId: text('received_by_user_id'),
    ...stamps(),
    parentMovementId: text('parent_movement_id'),
    detachedFromAssetId: text('detached_from_asset_id'),
    assetStatusBefore: text('asset_status_before', { enum: assetStatus.enumValues }),
    loadedByUserId: text('loaded_by_user_id'),
    isExtra: integer('is_extra', { mode: 'boolean' }).notNull(),
  },
  (t) => [
    index('asset_movements_shipment_idx').on(t.shipmentId),
    index('asset_movements_asset_idx').on(t.assetId),
    // In scope by their ends too (see shipments).
    index('asset_movements_from_idx').on(t.fromLocationId),
    index('asset_movements_to_idx').on(t.toLocationId),
  ],
);

export const shipmentPartLines = sqliteTable(
  'shipment_part_lines',
  {
    ...tenantRow(),
    shipmentId: text('shipment_id').notNull(),
    partId: text('part_id').notNull(),
    sourceLocationId: text('source_location_id').notNull(),
    sourceBin: text('source_bin').notNull(),
    qty: real('qty').notNull(),
    status: text('status', { enum: movementStatus.enumValues }).notNull(),
    receivedQty: real('received_qty').notNull(),
    receivedLocationId: text('received_location_id'),
    receivedBin: text('received_bin'),
    receivedAt: text('received_at'),
    receivedByUserId: text('received_by_user_id'),
    loadedByUserId: text('loaded_by_user_id'),
    ...stamps(),
  },
  (t) => [
    index('shipment_part_lines_shipment_idx').on(t.shipmentId),
    // What is loaded from a bin counts against it at the next load (pending included).
    index('shipment_part_lines_bin_idx').on(t.partId, t.sourceLocationId, t.sourceBin),
  ],
);

export const shipmentSeals = sqliteTable(
  'shipment_seals',
  {
    ...tenantRow(),
    shipmentId: text('shipment_id').notNull(),
    seq: integer('seq').notNull(),
    sealNumber: text('seal_number').notNull(),
    sealedByUserId: text('sealed_by_user_id'),
    sealedAt: text('sealed_at').notNull(),
    checkResult: text('check_result', { enum: sealCheckResult.enumValues }),
    foundNumber: text('found_number'),
    checkedByUserId: text('checked_by_user_id'),
    checkedAt: text('checked_at'),
    ...stamps(),
  },
  (t) => [index('shipment_seals_shipment_idx').on(t.shipmentId)],
);

export const shipmentReceiptLines = sqliteTable(
  'shipment_receipt_lines',
  {
    ...tenantRow(),
    shipmentId: text('shipment_id').notNull(),
    stationId: text('station_id'),
    assetId: text('asset_id'),
    movementId: text('movement_id'),
    partId: text('part_id'),
    qty: real('qty'),
    extraQty: real('extra_qty'),
    locationId: text('location_id'),
    binLocation: text('bin_location'),
    condition: text('condition', { enum: receiptCondition.enumValues }).notNull(),
    note: text('note'),
    receivedByUserId: text('received_by_user_id').notNull(),
    receivedAt: text('received_at').notNull(),
    ...stamps(),
  },
  (t) => [index('shipment_receipt_lines_shipment_idx').on(t.shipmentId)],
);

export const shipmentDiscrepancies = sqliteTable(
  'shipment_discrepancies',
  {
    ...tenantRow(),
    shipmentId: text('shipment_id').notNull(),
    code: text('code', { enum: discrepancyCode.enumValues }).notNull(),
    assetId: text('asset_id'),
    partId: text('part_id'),
    qty: real('qty'),
    movementId: text('movement_id'),
    partLineId: text('part_line_id'),
    receiptLineId: text('receipt_line_id'),
    sealId: text('seal_id'),
    otherShipmentId: text('other_shipment_id'),
    expected: text('expected'),
    found: text('found'),
    note: text('note'),
    recordedByUserId: text('recorded_by_user_id').notNull(),
    recordedAt: text('recorded_at').notNull(),
    ...stamps(),
  },
  (t) => [index('shipment_discrepancies_shipment_idx').on(t.shipmentId)],
);

export type Shipment = typeof shipments.$inferSelect;
export type NewShipment = typeof shipments.$inferInsert;
export type AssetMovement = typeof assetMovements.$inferSelect;
export type NewAssetMovement = typeof assetMovements.$inferInsert;
export type ShipmentPartLine = typeof shipmentPartLines.$inferSelect;
export type ShipmentSeal = typeof shipmentSeals.$inferSelect;
export type ShipmentReceiptLine = typeof shipmentReceiptLines.$inferSelect;
export type ShipmentDiscrepancy = typeof shipmentDiscrepancies.$inferSelect;
