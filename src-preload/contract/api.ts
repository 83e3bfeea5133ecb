// The station API: every call the renderer can make, with its parameter and result schemas and the
// cache tables it reads, and the events the core pushes. The shell's calls are declared here, each
// domain's in ./<domain>/api.ts. One contract for both transports (Electron IPC and the WebSocket
// web host); the core's handlers are declared to satisfy it (src-main/station/handlers.ts).
import { z } from 'zod';
import { documentsApi } from './documents/api.ts';
import { lookupParamsSchema, lookupResultSchema } from './lookup.ts';
import { logisticsApi } from './logistics/api.ts';
import { maintenanceApi } from './maintenance/api.ts';
import { OVERLAY, type MethodSpec } from './method.ts';
import { describeIssue } from './operation.ts';
import { describeSubmitIssue, submitRequestSchema } from './operations.ts';
import {
  acknowledgeParamsSchema,
  listOperationsParamsSchema,
  operationRecordSchema,
  queuedOperationSchema,
} from './outbox.ts';
import { loginParamsSchema, sessionUserSchema } from './session.ts';
import { stationInfoSchema } from './station-info.ts';
import { printApi } from './print/api.ts';
import { printProgressSchema } from './print/reads.ts';
import { stockApi } from './stock/api.ts';
import {
  scanEventSchema,
  scannerChooseParamsSchema,
  scannerDevicesResultSchema,
  scannerStatusSchema,
  scannerWedgeParamsSchema,
  scannerWedgeResultSchema,
} from './scanner.ts';
import { syncStatusSchema } from './sync.ts';
import { CACHE_TABLES, type CacheTable } from './tables.ts';

const none = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

/** The shell's calls: station, session, sync, lookup, the outbox, the scanner. */
const shellApi = {
  'station.info': { params: none, result: stationInfoSchema },
  'session.login': { params: loginParamsSchema, result: sessionUserSchema },
  'session.logout': { params: none, result: ok },
  'session.current': { params: none, result: sessionUserSchema.nullable() },
  'sync.status': { params: none, result: syncStatusSchema },
  'sync.now': { params: none, result: ok },
  'lookup.code': {
    params: lookupParamsSchema,
    result: lookupResultSchema,
    reads: [
      'assets',
      'asset_identities',
      'locations',
      'parts',
      'inventory_stock',
      'users',
      'work_orders',
      'shipments',
    ],
  },
  'operations.submit': {
    params: submitRequestSchema,
    result: queuedOperationSchema,
    /** A bad payload is described with the operation's own words for its fields. */
    describeIssue: describeSubmitIssue,
  },
  'operations.list': {
    params: listOperationsParamsSchema,
    result: z.array(operationRecordSchema),
    reads: OVERLAY,
  },
  'operations.acknowledge': { params: acknowledgeParamsSchema, result: ok },
  'scanner.devices': { params: none, result: scannerDevicesResultSchema },
  'scanner.choose': { params: scannerChooseParamsSchema, result: scannerStatusSchema },
  'scanner.status': { params: none, result: scannerStatusSchema },
  'scanner.wedge': { params: scannerWedgeParamsSchema, result: scannerWedgeResultSchema },
} as const satisfies Record<string, MethodSpec>;

export const stationApi = {
  ...shellApi,
  ...printApi,
  ...documentsApi,
  ...stockApi,
  ...logisticsApi,
  ...maintenanceApi,
};

/** The shell's calls (the others belong to a domain). */
export type ShellMethod = keyof typeof shellApi;

export type StationApi = typeof stationApi;
export type Method = keyof StationApi;
export type ParamsOf<M extends Method> = z.input<StationApi[M]['params']>;
export type ResultOf<M extends Method> = z.infer<StationApi[M]['result']>;

export const stationEvents = {
  'sync.status': syncStatusSchema,
  /**
   * Which cache tables a change touched ('*': all of them, e.g. after the initial sync), and where
   * it came from: an operation queued at this station ('here'), or a sync cycle ('sync': pulled
   * rows, a push's outcome).
   */
  'data.changed': z.object({
    tables: z.array(z.union([z.enum(CACHE_TABLES), z.literal('*')])),
    origin: z.enum(['here', 'sync']),
  }),
  'scanner.scan': scanEventSchema,
  'scanner.status': scannerStatusSchema,
  /** A document being drawn: how far (for the request that asked for it). */
  'print.progress': printProgressSchema,
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

/** The cache tables a call reads (empty: it reads none). */
export function methodReads(method: Method): readonly CacheTable[] {
  const spec: MethodSpec = stationApi[method];
  return spec.reads ?? [];
}

/** A readable sentence for a parameter the contract refused. */
export function describeParamsIssue(
  method: Method,
  path: readonly PropertyKey[],
  message: string,
  input: unknown,
): string {
  const spec: MethodSpec = stationApi[method];
  return spec.describeIssue ? spec.describeIssue(path, message, input) : describeIssue(path, message);
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
