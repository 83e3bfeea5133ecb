// The core's side of an operation type (its declaration, with payload schema and roles, is in the
// contract: src-preload/contract/<domain>/operations.ts): an optimistic local apply that validates
// against the cache and records overlay effects, and a one-line summary for the outbox and the
// status screens. The authoritative apply is the server function named in amms_private.op_types
// (db/functions/<domain>/).
import type { CacheDb } from '../cache/db.ts';
import type { OperationPayload, OperationType } from '../../src-preload/contract/operations.ts';
import type { StationScope } from '../core/scope.ts';

export interface LocalApplyContext {
  db: CacheDb;
  opId: string;
  userId: string;
  station: StationScope;
  /** The station's clock, used only to refuse obviously wrong input (never to order anything). */
  now: Date;
}

export interface OperationHandler<T extends OperationType> {
  /**
   * Optional: the payload to apply and queue, from the one the user gave. Codes people type or
   * scan become the ids the server reads, and what the station makes itself is filled in (e.g. a
   * gate pass reference). Runs in the queueing transaction, before applyLocal; an OpError refuses
   * the operation. Without it the validated payload is queued as it is.
   */
  resolve?(ctx: LocalApplyContext, payload: OperationPayload<T>): OperationPayload<T>;
  summarize(payload: OperationPayload<T>, db: CacheDb): string;
  applyLocal(ctx: LocalApplyContext, payload: OperationPayload<T>): void;
}

/** A domain's handlers: one for each of its operation types, none forgotten, none extra. */
export type OperationHandlers<T extends OperationType> = { [K in T]: OperationHandler<K> };

/** Every operation type's handler (src-main/station/operations.ts joins the domains'). */
export type OperationRegistry = OperationHandlers<OperationType>;
