// Logistics in the station's SQLite mirror: shipments and asset_movements. See core.ts for the
// storage contract.
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { movementStatus, shipmentStatus } from '../pg/enums.ts';
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
  },
  (t) => [
    index('asset_movements_shipment_idx').on(t.shipmentId),
    index('asset_movements_asset_idx').on(t.assetId),
    // In scope by their ends too (see shipments).
    index('asset_movements_from_idx').on(t.fromLocationId),
    index('asset_movements_to_idx').on(t.toLocationId),
  ],
);

export type Shipment = typeof shipments.$inferSelect;
export type NewShipment = typeof shipments.$inferInsert;
export type AssetMovement = typeof assetMovements.$inferSelect;
export type NewAssetMovement = typeof assetMovements.$inferInsert;
