// The living registry in the station's SQLite mirror: locations, assets, asset_identities,
// asset_meters, asset_specs. See core.ts for the storage contract.
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { assetStatus, locationType } from '../pg/enums.ts';
import { stamps, tenantRow } from './core.ts';

export const locations = sqliteTable(
  'locations',
  {
    ...tenantRow(),
    parentId: text('parent_id'),
    name: text('name').notNull(),
    type: text('type', { enum: locationType.enumValues }).notNull(),
    code: text('code').notNull(),
    siteId: text('site_id').notNull(),
    isActive: integer('is_active', { mode: 'boolean' }).notNull(),
    ...stamps(),
  },
  (t) => [
    index('locations_code_idx').on(t.code),
    index('locations_parent_idx').on(t.parentId),
    // The site's locations: every sync scope condition starts from them.
    index('locations_site_idx').on(t.siteId),
  ],
);

export const assets = sqliteTable(
  'assets',
  {
    ...tenantRow(),
    parentId: text('parent_id'),
    locationId: text('location_id').notNull(),
    name: text('name').notNull(),
    category: text('category'),
    make: text('make'),
    model: text('model'),
    serialNumber: text('serial_number'),
    status: text('status', { enum: assetStatus.enumValues }).notNull(),
    ...stamps(),
  },
  (t) => [index('assets_parent_idx').on(t.parentId), index('assets_location_idx').on(t.locationId)],
);

export const assetIdentities = sqliteTable(
  'asset_identities',
  {
    ...tenantRow(),
    assetId: text('asset_id').notNull(),
    clientCode: text('client_code'),
    qrToken: text('qr_token'),
    barcodeManufacturer: text('barcode_manufacturer'),
    ...stamps(),
  },
  (t) => [
    index('asset_identities_client_code_idx').on(t.clientCode),
    index('asset_identities_qr_token_idx').on(t.qrToken),
    index('asset_identities_barcode_idx').on(t.barcodeManufacturer),
    index('asset_identities_asset_idx').on(t.assetId),
  ],
);

export const assetMeters = sqliteTable(
  'asset_meters',
  {
    ...tenantRow(),
    assetId: text('asset_id').notNull(),
    currentRunHours: real('current_run_hours').notNull(),
    currentOdometer: real('current_odometer'),
    lastUpdatedAt: text('last_updated_at').notNull(),
    ...stamps(),
  },
  (t) => [index('asset_meters_asset_idx').on(t.assetId)],
);

export const assetSpecs = sqliteTable(
  'asset_specs',
  {
    ...tenantRow(),
    assetId: text('asset_id').notNull(),
    specs: text('specs', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    ...stamps(),
  },
  (t) => [index('asset_specs_asset_idx').on(t.assetId)],
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
