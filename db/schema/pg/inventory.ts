// Resources and inventory: parts, inventory_stock, inventory_wallets (the technician wallet), wo_consumables.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  numeric,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { stamps, tenantRow, timestamptz } from './columns.ts';
import { users } from './core.ts';
import { tenantOwned } from './tenants.ts';
import { consumableSource, partUnit } from './enums.ts';
import { workOrders } from './maintenance.ts';
import { locations } from './registry.ts';

/** The item master. */
export const parts = pgTable(
  'parts',
  {
    ...tenantRow(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    category: text('category'),
    minLevel: numeric('min_level', { precision: 14, scale: 3 })
      .notNull()
      .default(sql`0`),
    unit: partUnit('unit').notNull().default('piece'),
    unitCost: numeric('unit_cost', { precision: 12, scale: 2 })
      .notNull()
      .default(sql`0`),
    barcode: text('barcode'),
    isActive: boolean('is_active').notNull().default(true),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('parts', t),
    unique('parts_sku_key').on(t.tenantId, t.sku),
    check('parts_sku_format', sql`sku ~ '^[A-Z0-9][A-Z0-9._/-]{0,39}$'`),
    check('parts_name_not_blank', sql`btrim(name) <> ''`),
    check('parts_min_level_nonnegative', sql`min_level >= 0`),
    check('parts_unit_cost_nonnegative', sql`unit_cost >= 0`),
    check('parts_barcode_format', sql`barcode ~ '^[\\x21-\\x7e]{4,64}$'`),
    uniqueIndex('parts_barcode_key')
      .on(t.tenantId, t.barcode)
      .where(sql`barcode IS NOT NULL`),
  ],
);

/** Quantity of a part in a bin of a warehouse (a trigger rejects non-warehouse locations). */
export const inventoryStock = pgTable(
  'inventory_stock',
  {
    ...tenantRow(),
    partId: uuid('part_id').notNull(),
    locationId: uuid('location_id').notNull(),
    qtyOnHand: numeric('qty_on_hand', { precision: 14, scale: 3 })
      .notNull()
      .default(sql`0`),
    binLocation: text('bin_location').notNull(),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('inventory_stock', t),
    unique('inventory_stock_part_bin_key').on(t.tenantId, t.partId, t.locationId, t.binLocation),
    foreignKey({
      name: 'inventory_stock_part_fk',
      columns: [t.tenantId, t.partId],
      foreignColumns: [parts.tenantId, parts.id],
    }),
    foreignKey({
      name: 'inventory_stock_location_fk',
      columns: [t.tenantId, t.locationId],
      foreignColumns: [locations.tenantId, locations.id],
    }),
    check('inventory_stock_qty_nonnegative', sql`qty_on_hand >= 0`),
    check('inventory_stock_bin_format', sql`bin_location ~ '^[A-Z0-9][A-Z0-9._/-]{0,39}$'`),
    index('inventory_stock_location_idx').on(t.tenantId, t.locationId, t.binLocation),
  ],
);

/** Parts a technician holds (a trigger rejects holders that are not technicians). */
export const inventoryWallets = pgTable(
  'inventory_wallets',
  {
    ...tenantRow(),
    userId: uuid('user_id').notNull(),
    partId: uuid('part_id').notNull(),
    qtyHeld: numeric('qty_held', { precision: 14, scale: 3 })
      .notNull()
      .default(sql`0`),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('inventory_wallets', t),
    unique('inventory_wallets_user_part_key').on(t.tenantId, t.userId, t.partId),
    foreignKey({
      name: 'inventory_wallets_user_fk',
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({
      name: 'inventory_wallets_part_fk',
      columns: [t.tenantId, t.partId],
      foreignColumns: [parts.tenantId, parts.id],
    }),
    check('inventory_wallets_qty_nonnegative', sql`qty_held >= 0`),
    index('inventory_wallets_part_idx').on(t.tenantId, t.partId),
  ],
);

/** Parts used on a work order, from a technician's wallet or a warehouse bin. */
export const woConsumables = pgTable(
  'wo_consumables',
  {
    ...tenantRow(),
    woId: uuid('wo_id').notNull(),
    partId: uuid('part_id').notNull(),
    qtyUsed: numeric('qty_used', { precision: 14, scale: 3 }).notNull(),
    costAtTime: numeric('cost_at_time', { precision: 12, scale: 2 }).notNull(),
    source: consumableSource('source').notNull(),
    sourceUserId: uuid('source_user_id'),
    sourceLocationId: uuid('source_location_id'),
    sourceBin: text('source_bin'),
    consumedByUserId: uuid('consumed_by_user_id').notNull(),
    consumedAt: timestamptz('consumed_at').notNull().defaultNow(),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('wo_consumables', t),
    foreignKey({
      name: 'wo_consumables_wo_fk',
      columns: [t.tenantId, t.woId],
      foreignColumns: [workOrders.tenantId, workOrders.id],
    }),
    foreignKey({
      name: 'wo_consumables_part_fk',
      columns: [t.tenantId, t.partId],
      foreignColumns: [parts.tenantId, parts.id],
    }),
    foreignKey({
      name: 'wo_consumables_source_user_fk',
      columns: [t.tenantId, t.sourceUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({
      name: 'wo_consumables_source_location_fk',
      columns: [t.tenantId, t.sourceLocationId],
      foreignColumns: [locations.tenantId, locations.id],
    }),
    foreignKey({
      name: 'wo_consumables_consumed_by_fk',
      columns: [t.tenantId, t.consumedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    check('wo_consumables_qty_positive', sql`qty_used > 0`),
    check('wo_consumables_cost_nonnegative', sql`cost_at_time >= 0`),
    check(
      'wo_consumables_source_matches',
      sql`(source = 'wallet' AND source_user_id IS NOT NULL AND source_location_id IS NULL AND source_bin IS NULL)
        OR (source = 'warehouse' AND source_location_id IS NOT NULL AND source_bin IS NOT NULL AND source_user_id IS NULL)`,
    ),
    index('wo_consumables_wo_idx').on(t.tenantId, t.woId),
  ],
);

export type Part = typeof parts.$inferSelect;
export type NewPart = typeof parts.$inferInsert;
export type InventoryStock = typeof inventoryStock.$inferSelect;
export type NewInventoryStock = typeof inventoryStock.$inferInsert;
export type InventoryWallet = typeof inventoryWallets.$inferSelect;
export type NewInventoryWallet = typeof inventoryWallets.$inferInsert;
export type WoConsumable = typeof woConsumables.$inferSelect;
export type NewWoConsumable = typeof woConsumables.$inferInsert;
