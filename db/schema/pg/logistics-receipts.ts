// What hangs on a shipment besides its asset movements (migration 0013): part lines, seals, the
// blind receipt at the destination and the discrepancies it found. Each row stays on its shipment
// (a trigger refuses changing shipment_id), which is how stations follow them (sync scope).
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { stamps, tenantRow, timestamptz } from './columns.ts';
import { stations, users } from './core.ts';
import { tenantOwned } from './tenants.ts';
import { discrepancyCode, movementStatus, receiptCondition, sealCheckResult } from './enums.ts';
import { parts } from './inventory.ts';
import { assetMovements, shipments } from './logistics.ts';
import { assets, locations } from './registry.ts';

const BIN_FORMAT = '^[A-Z0-9][A-Z0-9._/-]{0,39}$';

/** Parts on a truck: out of their bin at dispatch, in transit (qty - received_qty), into a bin at receipt. */
export const shipmentPartLines = pgTable(
  'shipment_part_lines',
  {
    ...tenantRow(),
    shipmentId: uuid('shipment_id').notNull(),
    partId: uuid('part_id').notNull(),
    sourceLocationId: uuid('source_location_id').notNull(),
    sourceBin: text('source_bin').notNull(),
    qty: numeric('qty', { precision: 14, scale: 3 }).notNull(),
    status: movementStatus('status').notNull().default('loaded'),
    receivedQty: numeric('received_qty', { precision: 14, scale: 3 })
      .notNull()
      .default(sql`0`),
    receivedLocationId: uuid('received_location_id'),
    receivedBin: text('received_bin'),
    receivedAt: timestamptz('received_at'),
    receivedByUserId: uuid('received_by_user_id'),
    loadedByUserId: uuid('loaded_by_user_id'),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('shipment_part_lines', t),
    foreignKey({
      name: 'shipment_part_lines_shipment_fk',
      columns: [t.tenantId, t.shipmentId],
      foreignColumns: [shipments.tenantId, shipments.id],
    }),
    foreignKey({
      name: 'shipment_part_lines_part_fk',
      columns: [t.tenantId, t.partId],
      foreignColumns: [parts.tenantId, parts.id],
    }),
    foreignKey({
      name: 'shipment_part_lines_source_fk',
      columns: [t.tenantId, t.sourceLocationId],
      foreignColumns: [locations.tenantId, locations.id],
    }),
    foreignKey({
      name: 'shipment_part_lines_received_location_fk',
      columns: [t.tenantId, t.receivedLocationId],
      foreignColumns: [locations.tenantId, locations.id],
    }),
    foreignKey({
      name: 'shipment_part_lines_received_by_fk',
      columns: [t.tenantId, t.receivedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({
      name: 'shipment_part_lines_loaded_by_fk',
      columns: [t.tenantId, t.loadedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    check('shipment_part_lines_qty_positive', sql`qty > 0`),
    check('shipment_part_lines_received_qty_range', sql`received_qty >= 0 AND received_qty <= qty`),
    check('shipment_part_lines_source_bin_format', sql.raw(`source_bin ~ '${BIN_FORMAT}'`)),
    check('shipment_part_lines_received_bin_format', sql.raw(`received_bin ~ '${BIN_FORMAT}'`)),
    check(
      'shipment_part_lines_received_bin_with_location',
      sql`(received_location_id IS NULL) = (received_bin IS NULL)`,
    ),
    check('shipment_part_lines_received_something', sql`(received_qty > 0) = (received_at IS NOT NULL)`),
    index('shipment_part_lines_shipment_idx').on(t.tenantId, t.shipmentId),
    index('shipment_part_lines_part_idx').on(t.tenantId, t.partId),
    index('shipment_part_lines_loaded_bin_idx')
      .on(t.tenantId, t.partId, t.sourceLocationId, t.sourceBin)
      .where(sql`status = 'loaded'`),
  ],
);

/** Seals put on at dispatch, each checked at arrival. */
export const shipmentSeals = pgTable(
  'shipment_seals',
  {
    ...tenantRow(),
    shipmentId: uuid('shipment_id').notNull(),
    seq: integer('seq').notNull(),
    sealNumber: text('seal_number').notNull(),
    sealedByUserId: uuid('sealed_by_user_id'),
    sealedAt: timestamptz('sealed_at').notNull().defaultNow(),
    checkResult: sealCheckResult('check_result'),
    foundNumber: text('found_number'),
    checkedByUserId: uuid('checked_by_user_id'),
    checkedAt: timestamptz('checked_at'),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('shipment_seals', t),
    unique('shipment_seals_number_key').on(t.tenantId, t.shipmentId, t.sealNumber),
    unique('shipment_seals_seq_key').on(t.tenantId, t.shipmentId, t.seq),
    foreignKey({
      name: 'shipment_seals_shipment_fk',
      columns: [t.tenantId, t.shipmentId],
      foreignColumns: [shipments.tenantId, shipments.id],
    }),
    foreignKey({
      name: 'shipment_seals_sealed_by_fk',
      columns: [t.tenantId, t.sealedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({
      name: 'shipment_seals_checked_by_fk',
      columns: [t.tenantId, t.checkedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    check('shipment_seals_seq_positive', sql`seq > 0`),
    check('shipment_seals_number_format', sql`seal_number ~ '^[A-Z0-9][A-Z0-9./-]{0,39}$'`),
    check('shipment_seals_found_number_format', sql`found_number ~ '^[A-Z0-9][A-Z0-9./-]{0,39}$'`),
    check('shipment_seals_checked_state', sql`(check_result IS NULL) = (checked_at IS NULL)`),
    check(
      'shipment_seals_mismatch_found',
      sql`(check_result IS NOT DISTINCT FROM 'mismatch') = (found_number IS NOT NULL)
    AND found_number IS DISTINCT FROM seal_number`,
    ),
    index('shipment_seals_shipment_idx').on(t.tenantId, t.shipmentId),
  ],
);

/** The blind receipt: one row per asset or part quantity scanned off the truck at the destination. */
export const shipmentReceiptLines = pgTable(
  'shipment_receipt_lines',
  {
    ...tenantRow(),
    shipmentId: uuid('shipment_id').notNull(),
    stationId: uuid('station_id'),
    assetId: uuid('asset_id'),
    movementId: uuid('movement_id'),
    partId: uuid('part_id'),
    qty: numeric('qty', { precision: 14, scale: 3 }),
    extraQty: numeric('extra_qty', { precision: 14, scale: 3 }),
    locationId: uuid('location_id'),
    binLocation: text('bin_location'),
    condition: receiptCondition('condition').notNull().default('ok'),
    note: text('note'),
    receivedByUserId: uuid('received_by_user_id').notNull(),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('shipment_receipt_lines', t),
    foreignKey({
      name: 'shipment_receipt_lines_shipment_fk',
      columns: [t.tenantId, t.shipmentId],
      foreignColumns: [shipments.tenantId, shipments.id],
    }),
    foreignKey({
      name: 'shipment_receipt_lines_station_fk',
      columns: [t.tenantId, t.stationId],
      foreignColumns: [stations.tenantId, stations.id],
    }),
    foreignKey({
      name: 'shipment_receipt_lines_asset_fk',
      columns: [t.tenantId, t.assetId],
      foreignColumns: [assets.tenantId, assets.id],
    }),
    foreignKey({
      name: 'shipment_receipt_lines_movement_fk',
      columns: [t.tenantId, t.movementId],
      foreignColumns: [assetMovements.tenantId, assetMovements.id],
    }),
    foreignKey({
      name: 'shipment_receipt_lines_part_fk',
      columns: [t.tenantId, t.partId],
      foreignColumns: [parts.tenantId, parts.id],
    }),
    foreignKey({
      name: 'shipment_receipt_lines_location_fk',
      columns: [t.tenantId, t.locationId],
      foreignColumns: [locations.tenantId, locations.id],
    }),
    foreignKey({
      name: 'shipment_receipt_lines_received_by_fk',
      columns: [t.tenantId, t.receivedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    check(
      'shipment_receipt_lines_asset_or_part',
      sql`(asset_id IS NOT NULL AND part_id IS NULL AND qty IS NULL AND extra_qty IS NULL AND location_id IS NULL
      AND bin_location IS NULL)
    OR (part_id IS NOT NULL AND asset_id IS NULL AND movement_id IS NULL AND qty > 0 AND extra_qty >= 0
      AND extra_qty <= qty AND location_id IS NOT NULL AND bin_location IS NOT NULL)`,
    ),
    check('shipment_receipt_lines_bin_format', sql.raw(`bin_location ~ '${BIN_FORMAT}'`)),
    check(
      'shipment_receipt_lines_damaged_has_note',
      sql`condition = 'ok' OR btrim(coalesce(note, '')) <> ''`,
    ),
    check('shipment_receipt_lines_note_length', sql`char_length(note) BETWEEN 1 AND 500`),
    index('shipment_receipt_lines_shipment_idx').on(t.tenantId, t.shipmentId),
    uniqueIndex('shipment_receipt_lines_asset_once')
      .on(t.tenantId, t.shipmentId, t.assetId)
      .where(sql`asset_id IS NOT NULL`),
  ],
);

/** What finishing a receipt found; both ends of the truck see them. */
export const shipmentDiscrepancies = pgTable(
  'shipment_discrepancies',
  {
    ...tenantRow(),
    shipmentId: uuid('shipment_id').notNull(),
    code: discrepancyCode('code').notNull(),
    assetId: uuid('asset_id'),
    partId: uuid('part_id'),
    qty: numeric('qty', { precision: 14, scale: 3 }),
    movementId: uuid('movement_id'),
    partLineId: uuid('part_line_id'),
    receiptLineId: uuid('receipt_line_id'),
    sealId: uuid('seal_id'),
    otherShipmentId: uuid('other_shipment_id'),
    expected: text('expected'),
    found: text('found'),
    note: text('note'),
    recordedByUserId: uuid('recorded_by_user_id').notNull(),
    recordedAt: timestamptz('recorded_at').notNull().defaultNow(),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('shipment_discrepancies', t),
    foreignKey({
      name: 'shipment_discrepancies_shipment_fk',
      columns: [t.tenantId, t.shipmentId],
      foreignColumns: [shipments.tenantId, shipments.id],
    }),
    foreignKey({
      name: 'shipment_discrepancies_asset_fk',
      columns: [t.tenantId, t.assetId],
      foreignColumns: [assets.tenantId, assets.id],
    }),
    foreignKey({
      name: 'shipment_discrepancies_part_fk',
      columns: [t.tenantId, t.partId],
      foreignColumns: [parts.tenantId, parts.id],
    }),
    foreignKey({
      name: 'shipment_discrepancies_movement_fk',
      columns: [t.tenantId, t.movementId],
      foreignColumns: [assetMovements.tenantId, assetMovements.id],
    }),
    foreignKey({
      name: 'shipment_discrepancies_part_line_fk',
      columns: [t.tenantId, t.partLineId],
      foreignColumns: [shipmentPartLines.tenantId, shipmentPartLines.id],
    }),
    foreignKey({
      name: 'shipment_discrepancies_receipt_line_fk',
      columns: [t.tenantId, t.receiptLineId],
      foreignColumns: [shipmentReceiptLines.tenantId, shipmentReceiptLines.id],
    }),
    foreignKey({
      name: 'shipment_discrepancies_seal_fk',
      columns: [t.tenantId, t.sealId],
      foreignColumns: [shipmentSeals.tenantId, shipmentSeals.id],
    }),
    foreignKey({
      name: 'shipment_discrepancies_other_shipment_fk',
      columns: [t.tenantId, t.otherShipmentId],
      foreignColumns: [shipments.tenantId, shipments.id],
    }),
    foreignKey({
      name: 'shipment_discrepancies_recorded_by_fk',
      columns: [t.tenantId, t.recordedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    check('shipment_discrepancies_qty_positive', sql`qty > 0`),
    check('shipment_discrepancies_note_length', sql`char_length(note) BETWEEN 1 AND 500`),
    check(
      'shipment_discrepancies_shape',
      sql`CASE code
      WHEN 'missing' THEN seal_id IS NULL AND ((asset_id IS NOT NULL AND part_id IS NULL AND qty IS NULL)
        OR (part_id IS NOT NULL AND asset_id IS NULL AND qty IS NOT NULL))
      WHEN 'extra' THEN seal_id IS NULL AND receipt_line_id IS NOT NULL AND ((asset_id IS NOT NULL AND part_id IS NULL AND qty IS NULL)
        OR (part_id IS NOT NULL AND asset_id IS NULL AND qty IS NOT NULL))
      WHEN 'damaged' THEN seal_id IS NULL AND receipt_line_id IS NOT NULL AND note IS NOT NULL
        AND (asset_id IS NOT NULL) <> (part_id IS NOT NULL)
      WHEN 'wrong_item' THEN seal_id IS NULL AND receipt_line_id IS NOT NULL AND asset_id IS NOT NULL
      WHEN 'seal_broken' THEN seal_id IS NOT NULL AND asset_id IS NULL AND part_id IS NULL
      WHEN 'seal_mismatch' THEN seal_id IS NOT NULL AND asset_id IS NULL AND part_id IS NULL
        AND expected IS NOT NULL AND found IS NOT NULL
    END`,
    ),
    index('shipment_discrepancies_shipment_idx').on(t.tenantId, t.shipmentId),
    index('shipment_discrepancies_asset_idx')
      .on(t.tenantId, t.assetId)
      .where(sql`asset_id IS NOT NULL`),
  ],
);

export type ShipmentPartLine = typeof shipmentPartLines.$inferSelect;
export type ShipmentSeal = typeof shipmentSeals.$inferSelect;
export type ShipmentReceiptLine = typeof shipmentReceiptLines.$inferSelect;
export type ShipmentDiscrepancy = typeof shipmentDiscrepancies.$inferSelect;
