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
  'print.printers',
  'print.setDefault',
  'print.send',
  'print.file',
  'labels.make',
  'documents.forShipment',
  'documents.open',
  'documents.print',
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
  'dailyLog.grid',
  'dailyLog.save',
  'dailyLog.corrections',
  'meters.history',
  'workOrders.list',
  'workOrders.detail',
  'pm.board',
  'requests.queue',
  'requests.detail',
  'assets.card',
  'scanner.devices',
  'scanner.choose',
  'scanner.status',
  'scanner.wedge',
] as const;

export const EVENT_NAMES = [
  'sync.status',
  'data.changed',
  'scanner.scan',
  'scanner.status',
  'print.progress',
] as const;

export function isMethodName(value: unknown): boolean {
  return typeof value === 'string' && (METHOD_NAMES as readonly string[]).includes(value);
}

export function isEventName(value: unknown): boolean {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}
