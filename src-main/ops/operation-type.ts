// The operation framework: each operation type has a payload schema (in the contract), the roles
// that may do it (the server re-checks the same list in amms_private.op_types), an optimistic
// local apply that validates against the cache and records overlay effects, and a one-line
// summary for the outbox and the status screens. The authoritative apply is the server function
// named in amms_private.op_types.
import type Database from 'better-sqlite3';
import type { UserRole } from '../../db/schema/pg/enums.ts';
import type { OperationPayload, OperationType } from '../../src-preload/contract/operations.ts';

export interface StationScope {
  stationId: string;
  tenantId: string;
  siteId: string;
}

export interface LocalApplyContext {
  db: Database.Database;
  opId: string;
  userId: string;
  station: StationScope;
  /** The station's clock, used only to refuse obviously wrong input (never to order anything). */
  now: Date;
}

export interface OperationDefinition<T extends OperationType> {
  type: T;
  roles: readonly UserRole[];
  summarize(payload: OperationPayload<T>, db: Database.Database): string;
  applyLocal(ctx: LocalApplyContext, payload: OperationPayload<T>): void;
}
