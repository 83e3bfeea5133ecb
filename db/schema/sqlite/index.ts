// Drizzle definitions of the station's local SQLite mirror of the server tables it needs: same table
// and column names as db/schema/pg, storage contract in core.ts, DDL in mirror-ddl.ts.
// test/db/sqlite-mirror-schema.test.ts proves the mirror matches the migrated PostgreSQL schema.
import { stations, tenants, users } from './core.ts';
import { dailyLogs } from './daily-ops.ts';
import { inventoryStock, inventoryWallets, parts, woConsumables } from './inventory.ts';
import {
  assetMovements,
  shipmentDiscrepancies,
  shipmentPartLines,
  shipmentReceiptLines,
  shipments,
  shipmentSeals,
} from './logistics.ts';
import { pmSchedules, serviceRequests, woTasks, workOrders } from './maintenance.ts';
import { stockMovements } from './movements.ts';
import { assetIdentities, assetMeters, assets, assetSpecs, locations } from './registry.ts';

export * from './core.ts';
export * from './registry.ts';
export * from './maintenance.ts';
export * from './inventory.ts';
export * from './logistics.ts';
export * from './daily-ops.ts';
export * from './movements.ts';
export * from './mirror-ddl.ts';

/** Every mirrored table, keyed by its SQL name, parents before children. */
export const sqliteMirrorTables = {
  tenants,
  users,
  stations,
  locations,
  assets,
  asset_identities: assetIdentities,
  asset_meters: assetMeters,
  asset_specs: assetSpecs,
  parts,
  pm_schedules: pmSchedules,
  work_orders: workOrders,
  wo_tasks: woTasks,
  service_requests: serviceRequests,
  inventory_stock: inventoryStock,
  inventory_wallets: inventoryWallets,
  wo_consumables: woConsumables,
  shipments,
  asset_movements: assetMovements,
  shipment_part_lines: shipmentPartLines,
  shipment_seals: shipmentSeals,
  shipment_receipt_lines: shipmentReceiptLines,
  shipment_discrepancies: shipmentDiscrepancies,
  daily_logs: dailyLogs,
  stock_movements: stockMovements,
} as const;

export type MirrorTableName = keyof typeof sqliteMirrorTables;
export type MirrorTable = (typeof sqliteMirrorTables)[MirrorTableName];
