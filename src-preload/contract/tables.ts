// The station cache's tables, as the station API's reads declare them (api entries' `reads`): the
// mirror of the server's tables and the station's own outbox and pending effects. The core's
// data.changed event names the tables a change touched; every read that declares one of them is
// refreshed (src-renderer/src/api/refresh.ts).
export const CACHE_TABLES = [
  'tenants',
  'locations',
  'users',
  'stations',
  'assets',
  'asset_identities',
  'asset_meters',
  'asset_specs',
  'pm_schedules',
  'work_orders',
  'wo_tasks',
  'service_requests',
  'parts',
  'inventory_stock',
  'inventory_wallets',
  'wo_consumables',
  'shipments',
  'asset_movements',
  'shipment_part_lines',
  'shipment_seals',
  'shipment_receipt_lines',
  'shipment_discrepancies',
  'daily_logs',
  'stock_movements',
  'outbox',
  'pending_effects',
] as const;

export type CacheTable = (typeof CACHE_TABLES)[number];

/** What a queued, pushed, rejected or settled operation changes: the overlay of every screen. */
export const QUEUE_TABLES: readonly CacheTable[] = ['outbox', 'pending_effects'];
