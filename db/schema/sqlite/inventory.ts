// Resources and inventory in the station's SQLite mirror: parts, inventory_stock, inventory_wallets,
// wo_consumables. See core.ts for the storage contract.
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { consumableSource, partUnit } from '../pg/enums.ts';
import { stamps, tenantRow } from './core.ts';

export const parts = sqliteTable(
  'parts',
  {
    ...tenantRow(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    category: text('category'),
    minLevel: real('min_level').notNull(),
    unit: text('unit', { enum: partUnit.enumValues }).notNull(),
    unitCost: real('unit_cost').notNull(),
    barcode: text('barcode'),
    isActive: integer('is_active', { mode: 'boolean' }).notNull(),
    ...stamps(),
  },
  (t) => [
    index('parts_sku_idx').on(t.sku),
    index('parts_barcode_idx').on(t.barcode),
    index('parts_name_idx').on(t.name),
  ],
);

export const inventoryStock = sqliteTable(
  'inventory_stock',
  {
    ...tenantRow(),
    partId: text('part_id').notNull(),
    locationId: text('location_id').notNull(),
    qtyOnHand: real('qty_on_hand').notNull(),
    binLocation: text('bin_location').notNull(),
    ...stamps(),
  },
  (t) => [
    index('inventory_stock_part_idx').on(t.partId),
    index('inventory_stock_location_idx').on(t.locationId, t.binLocation),
  ],
);

export const inventoryWallets = sqliteTable(
  'inventory_wallets',
  {
    ...tenantRow(),
    userId: text('user_id').notNull(),
    partId: text('part_id').notNull(),
    qtyHeld: real('qty_held').notNull(),
    ...stamps(),
  },
  (t) => [index('inventory_wallets_user_idx').on(t.userId), index('inventory_wallets_part_idx').on(t.partId)],
);

export const woConsumables = sqliteTable(
  'wo_consumables',
  {
    ...tenantRow(),
    woId: text('wo_id').notNull(),
    partId: text('part_id').notNull(),
    qtyUsed: real('qty_used').notNull(),
    costAtTime: real('cost_at_time').notNull(),
    source: text('source', { enum: consumableSource.enumValues }).notNull(),
    sourceUserId: text('source_user_id'),
    sourceLocationId: text('source_location_id'),
    sourceBin: text('source_bin'),
    consumedByUserId: text('consumed_by_user_id').notNull(),
    consumedAt: text('consumed_at').notNull(),
    ...stamps(),
  },
  (t) => [index('wo_consumables_wo_idx').on(t.woId)],
);

export type Part = typeof parts.$inferSelect;
export type NewPart = typeof parts.$inferInsert;
export type InventoryStock = typeof inventoryStock.$inferSelect;
export type NewInventoryStock = typeof inventoryStock.$inferInsert;
export type InventoryWallet = typeof inventoryWallets.$inferSelect;
export type NewInventoryWallet = typeof inventoryWallets.$inferInsert;
export type WoConsumable = typeof woConsumables.$inferSelect;
export type NewWoConsumable = typeof woConsumables.$inferInsert;
