// The living registry: locations, assets, asset_identities, asset_meters, asset_specs.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  jsonb,
  numeric,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { stamps, tenantRow, timestamptz } from './columns.ts';
import { tenantOwned } from './tenants.ts';
import { assetStatus, locationType } from './enums.ts';

/** Site > Building > Room/Area/Warehouse; site_id (the root site) is maintained by a trigger. */
export const locations = pgTable(
  'locations',
  {
    ...tenantRow(),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    type: locationType('type').notNull(),
    code: text('code').notNull(),
    siteId: uuid('site_id').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('locations', t),
    unique('locations_code_key').on(t.tenantId, t.code),
    foreignKey({
      name: 'locations_parent_fk',
      columns: [t.tenantId, t.parentId],
      foreignColumns: [t.tenantId, t.id],
    }),
    foreignKey({
      name: 'locations_site_fk',
      columns: [t.tenantId, t.siteId],
      foreignColumns: [t.tenantId, t.id],
    }),
    check('locations_not_own_parent', sql`parent_id IS DISTINCT FROM id`),
    check('locations_name_not_blank', sql`btrim(name) <> ''`),
    check('locations_code_format', sql`code ~ '^[A-Z0-9][A-Z0-9._/-]{0,39}$'`),
    index('locations_parent_idx').on(t.tenantId, t.parentId),
    index('locations_site_idx').on(t.tenantId, t.siteId),
  ],
);

export const assets = pgTable(
  'assets',
  {
    ...tenantRow(),
    parentId: uuid('parent_id'),
    locationId: uuid('location_id').notNull(),
    name: text('name').notNull(),
    category: text('category'),
    make: text('make'),
    model: text('model'),
    serialNumber: text('serial_number'),
    status: assetStatus('status').notNull().default('in_service'),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('assets', t),
    foreignKey({
      name: 'assets_parent_fk',
      columns: [t.tenantId, t.parentId],
      foreignColumns: [t.tenantId, t.id],
    }),
    foreignKey({
      name: 'assets_location_fk',
      columns: [t.tenantId, t.locationId],
      foreignColumns: [locations.tenantId, locations.id],
    }),
    check('assets_not_own_parent', sql`parent_id IS DISTINCT FROM id`),
    check('assets_name_not_blank', sql`btrim(name) <> ''`),
    index('assets_parent_idx').on(t.tenantId, t.parentId),
    index('assets_location_idx').on(t.tenantId, t.locationId),
  ],
);

export const assetIdentities = pgTable(
  'asset_identities',
  {
    ...tenantRow(),
    assetId: uuid('asset_id').notNull(),
    clientCode: text('client_code'),
    qrToken: text('qr_token'),
    barcodeManufacturer: text('barcode_manufacturer'),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('asset_identities', t),
    foreignKey({
      name: 'asset_identities_asset_fk',
      columns: [t.tenantId, t.assetId],
      foreignColumns: [assets.tenantId, assets.id],
    }).onDelete('cascade'),
    check(
      'asset_identities_has_a_code',
      sql`client_code IS NOT NULL OR qr_token IS NOT NULL OR barcode_manufacturer IS NOT NULL`,
    ),
    check('asset_identities_client_code_format', sql`client_code ~ '^[A-Z0-9][A-Z0-9./-]{0,39}$'`),
    check('asset_identities_qr_token_format', sql`qr_token ~ '^[A-Za-z0-9_-]{16,64}$'`),
    check('asset_identities_barcode_format', sql`barcode_manufacturer ~ '^[\\x21-\\x7e]{4,64}$'`),
    index('asset_identities_asset_idx').on(t.tenantId, t.assetId),
    uniqueIndex('asset_identities_client_code_key')
      .on(t.tenantId, t.clientCode)
      .where(sql`client_code IS NOT NULL`),
    uniqueIndex('asset_identities_qr_token_key')
      .on(t.tenantId, t.qrToken)
      .where(sql`qr_token IS NOT NULL`),
    uniqueIndex('asset_identities_barcode_key')
      .on(t.tenantId, t.barcodeManufacturer)
      .where(sql`barcode_manufacturer IS NOT NULL`),
  ],
);

export const assetMeters = pgTable(
  'asset_meters',
  {
    ...tenantRow(),
    assetId: uuid('asset_id').notNull(),
    currentRunHours: numeric('current_run_hours', { precision: 12, scale: 2 })
      .notNull()
      .default(sql`0`),
    currentOdometer: numeric('current_odometer', { precision: 12, scale: 1 }),
    lastUpdatedAt: timestamptz('last_updated_at').notNull().defaultNow(),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('asset_meters', t),
    unique('asset_meters_asset_key').on(t.assetId),
    foreignKey({
      name: 'asset_meters_asset_fk',
      columns: [t.tenantId, t.assetId],
      foreignColumns: [assets.tenantId, assets.id],
    }).onDelete('cascade'),
    check('asset_meters_run_hours_nonnegative', sql`current_run_hours >= 0`),
    check('asset_meters_odometer_nonnegative', sql`current_odometer >= 0`),
  ],
);

export const assetSpecs = pgTable(
  'asset_specs',
  {
    ...tenantRow(),
    assetId: uuid('asset_id').notNull(),
    specs: jsonb('specs')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('asset_specs', t),
    unique('asset_specs_asset_key').on(t.assetId),
    foreignKey({
      name: 'asset_specs_asset_fk',
      columns: [t.tenantId, t.assetId],
      foreignColumns: [assets.tenantId, assets.id],
    }).onDelete('cascade'),
    check('asset_specs_specs_is_object', sql`jsonb_typeof(specs) = 'object'`),
  ],
);

export type Location = typeof locations.$inferSelect;
export type NewLocation = typeof locations.$inferInsert;
export type Asset = typeof assets.$inferSelect;
export type NewAsset = typeof assets.$inferInsert;
export type AssetIdentity = typeof assetIdentities.$inferSelect;
export type NewAssetIdentity = typeof assetIdentities.$inferInsert;
export type AssetMeter = typeof assetMeters.$inferSelect;
export type NewAssetMeter = typeof assetMeters.$inferInsert;
export type AssetSpec = typeof assetSpecs.$inferSelect;
export type NewAssetSpec = typeof assetSpecs.$inferInsert;
