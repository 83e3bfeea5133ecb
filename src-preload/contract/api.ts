// The station API: every call the renderer can make, with its parameter and result schemas, and
// the events the core pushes. One contract for both transports (Electron IPC and the WebSocket
// web host); the core's handlers are declared to satisfy it (src-main/station/handlers).
import { z } from 'zod';
import { lookupParamsSchema, lookupResultSchema } from './lookup.ts';
import {
  acknowledgeParamsSchema,
  listOperationsParamsSchema,
  operationRecordSchema,
  queuedOperationSchema,
  submitParamsSchema,
} from './operations-api.ts';
import { loginParamsSchema, sessionUserSchema } from './session.ts';
import { stationInfoSchema } from './station-info.ts';
import {
  lowStockParamsSchema,
  lowStockResultSchema,
  movementsParamsSchema,
  movementsResultSchema,
  openWorkOrdersParamsSchema,
  openWorkOrdersResultSchema,
  partsSearchParamsSchema,
  partsSearchResultSchema,
  stockByBinParamsSchema,
  stockByBinResultSchema,
  stockByPartParamsSchema,
  stockByPartResultSchema,
  techniciansParamsSchema,
  techniciansResultSchema,
  walletParamsSchema,
  walletResultSchema,
  warehousesResultSchema,
} from './stock.ts';
import {
  scanEventSchema,
  scannerChooseParamsSchema,
  scannerDevicesResultSchema,
  scannerStatusSchema,
  scannerWedgeParamsSchema,
  scannerWedgeResultSchema,
} from './scanner.ts';
import { syncStatusSchema } from './sync.ts';

const none = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

export const stationApi = {
  'station.info': { params: none, result: stationInfoSchema },
  'session.login': { params: loginParamsSchema, result: sessionUserSchema },
  'session.logout': { params: none, result: ok },
  'session.current': { params: none, result: sessionUserSchema.nullable() },
  'sync.status': { params: none, result: syncStatusSchema },
  'sync.now': { params: none, result: ok },
  'lookup.code': { params: lookupParamsSchema, result: lookupResultSchema },
  'operations.submit': { params: submitParamsSchema, result: queuedOperationSchema },
  'operations.list': { params: listOperationsParamsSchema, result: z.array(operationRecordSchema) },
  'operations.acknowledge': { params: acknowledgeParamsSchema, result: ok },
  'parts.search': { params: partsSearchParamsSchema, result: partsSearchResultSchema },
  'stock.byPart': { params: stockByPartParamsSchema, result: stockByPartResultSchema },
  'stock.byBin': { params: stockByBinParamsSchema, result: stockByBinResultSchema },
  'stock.warehouses': { params: none, result: warehousesResultSchema },
  'stock.lowStock': { params: lowStockParamsSchema, result: lowStockResultSchema },
  'stock.movements': { params: movementsParamsSchema, result: movementsResultSchema },
  'wallets.forTechnician': { params: walletParamsSchema, result: walletResultSchema },
  'people.technicians': { params: techniciansParamsSchema, result: techniciansResultSchema },
  'workOrders.open': { params: openWorkOrdersParamsSchema, result: openWorkOrdersResultSchema },
  'scanner.devices': { params: none, result: scannerDevicesResultSchema },
  'scanner.choose': { params: scannerChooseParamsSchema, result: scannerStatusSchema },
  'scanner.status': { params: none, result: scannerStatusSchema },
  'scanner.wedge': { params: scannerWedgeParamsSchema, result: scannerWedgeResultSchema },
} as const;

export type StationApi = typeof stationApi;
export type Method = keyof StationApi;
export type ParamsOf<M extends Method> = z.input<StationApi[M]['params']>;
export type ResultOf<M extends Method> = z.infer<StationApi[M]['result']>;

export const stationEvents = {
  'sync.status': syncStatusSchema,
  'data.changed': z.object({ tables: z.array(z.string()) }),
  'scanner.scan': scanEventSchema,
  'scanner.status': scannerStatusSchema,
} as const;
export type StationEvents = typeof stationEvents;
export type EventName = keyof StationEvents;
export type EventOf<E extends EventName> = z.infer<StationEvents[E]>;

/** Errors cross the boundary as data, with a code a screen can act on and a readable message. */
export interface ApiError {
  code: string;
  message: string;
}
export type ApiResponse<T> = { ok: true; result: T } | { ok: false; error: ApiError };

export function isMethod(value: unknown): value is Method {
  return typeof value === 'string' && Object.hasOwn(stationApi, value);
}

/** Messages of the web transport. */
export const wireRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  params: z.unknown(),
});
export type WireRequest = z.infer<typeof wireRequestSchema>;
export type WireMessage =
  | { type: 'response'; id: number; response: ApiResponse<unknown> }
  | { type: 'event'; event: EventName; data: unknown }
  | { type: 'welcome'; resumeToken: string };
