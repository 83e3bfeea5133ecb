// The names of the station API's calls and events as plain data (no zod), for the sandboxed
// preload's allowlist. api.test.ts proves they match the contract.
export const METHOD_NAMES = [
  'station.info',
  'session.login',
  'session.logout',
  'session.current',
  'sync.status',
  'sync.now',
  'lookup.code',
  'operations.submit',
  'operations.list',
  'operations.acknowledge',
  'parts.search',
  'stock.byPart',
  'stock.byBin',
  'stock.warehouses',
  'stock.lowStock',
  'stock.movements',
  'wallets.forTechnician',
  'people.technicians',
  'shipments.list',
  'shipments.detail',
  'shipments.destinations',
  'workOrders.open',
  'scanner.devices',
  'scanner.choose',
  'scanner.status',
  'scanner.wedge',
] as const;

export const EVENT_NAMES = ['sync.status', 'data.changed', 'scanner.scan', 'scanner.status'] as const;

export function isMethodName(value: unknown): boolean {
  return typeof value === 'string' && (METHOD_NAMES as readonly string[]).includes(value);
}

export function isEventName(value: unknown): boolean {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}
