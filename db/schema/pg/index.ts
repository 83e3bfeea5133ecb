// Drizzle definitions of the central PostgreSQL schema, for typed queries. The SQL migrations in
// db/migrations stay the source of truth; test/db/drizzle-schema.test.ts proves the two agree.
import { auditLogs, stations, users } from './core.ts';
import { tenants } from './tenants.ts';
import { dailyLogs } from './daily-ops.ts';
import { inventoryStock, inventoryWallets, parts, woConsumables } from './inventory.ts';
import { assetMovements, shipments } from './logistics.ts';
import {
  shipmentDiscrepancies,
  shipmentPartLines,
  shipmentReceiptLines,
  shipmentSeals,
} from './logistics-receipts.ts';
import { pmSchedules, serviceRequests, woTasks, workOrders } from './maintenance.ts';
import { stockMovements } from './movements.ts';
import { assetIdentities, assetMeters, assets, assetSpecs, locations } from './registry.ts';
import { opLedger, syncTombstones } from './sync.ts';

export * from './enums.ts';
export * from './columns.ts';
export * from './core.ts';
export * from './tenants.ts';
export * from './registry.ts';
export * from './maintenance.ts';
export * from './inventory.ts';
export * from './logistics.ts';
export * from './logistics-receipts.ts';
export * from './daily-ops.ts';
export * from './sync.ts';
export * from './movements.ts';

/** Every table, keyed by its SQL name. */
export const pgTables = {
  tenants,
  users,
  stations,
  audit_logs: auditLogs,
  locations,
  assets,
  asset_identities: assetIdentities,
  asset_meters: assetMeters,
  asset_specs: assetSpecs,
  pm_schedules: pmSchedules,
  work_orders: workOrders,
  wo_tasks: woTasks,
  service_requests: serviceRequests,
  parts,
  inventory_stock: inventoryStock,
  inventory_wallets: inventoryWallets,
  wo_consumables: woConsumables,
  shipments,
  asset_movements: assetMovements,
  daily_logs: dailyLogs,
  sync_tombstones: syncTombstones,
  op_ledger: opLedger,
  stock_movements: stockMovements,
  shipment_part_lines: shipmentPartLines,
  shipment_seals: shipmentSeals,
  shipment_receipt_lines: shipmentReceiptLines,
  shipment_discrepancies: shipmentDiscrepancies,
} as const;

export type PgTableName = keyof typeof pgTables;
