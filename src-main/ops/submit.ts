// Queues user operations exactly as the UI and the CLI do: validate the payload (the contract's
// zod schema), check the user's role (the contract's list, which the server re-checks), apply the
// optimistic effect and write the outbox row, all in one SQLite transaction. A batch is all or
// nothing: one bad entry and nothing from it is queued.
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import {
  isOperationType,
  OPERATIONS,
  unknownOperationMessage,
  type OperationPayload,
  type OperationType,
} from '../../src-preload/contract/operations.ts';
import { describeIssue } from '../../src-preload/contract/operation.ts';
import { ROLE_LABELS } from '../../src-preload/contract/roles.ts';
import type { StationCache } from '../cache/station-cache.ts';
import { OpError } from '../core/errors.ts';
import type { StationScope } from '../core/scope.ts';
import { requireUser } from './cache-lookups.ts';
import type { OperationHandler, OperationRegistry } from './operation-type.ts';

export interface SubmitInput {
  type: string;
  userId: string;
  payload: unknown;
  /** Optional client-chosen id (UUID); one is generated otherwise. */
  opId?: string;
}

export interface QueuedOperation {
  opId: string;
  seq: number;
  type: OperationType;
  summary: string;
}

/** A batch entry that failed, with its position (0-based). */
export class BatchError extends OpError {
  constructor(
    readonly index: number,
    cause: OpError,
  ) {
    super(cause.code, cause.message);
  }
}

interface Prepared {
  opId: string;
  type: OperationType;
  userId: string;
  payload: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function prepare(input: SubmitInput): Prepared {
  if (!isOperationType(input.type))
    throw new OpError('unknown_operation', unknownOperationMessage(input.type));
  const spec = OPERATIONS[input.type];
  const parsed = spec.payload.safeParse(input.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OpError(
      'invalid_input',
      issue ? describeIssue(issue.path, issue.message, spec.fields) : 'The input is not valid.',
    );
  }
  if (input.opId !== undefined && !UUID.test(input.opId)) {
    throw new OpError('invalid_input', 'The operation id must be a UUID.');
  }
  return { opId: input.opId ?? uuidv7(), type: input.type, userId: input.userId, payload: parsed.data };
}

function queue(
  registry: OperationRegistry,
  cache: StationCache,
  station: StationScope,
  op: Prepared,
  now: Date,
): QueuedOperation {
  const db = cache.writer;
  const user = requireUser(db, op.userId);
  const roles: readonly string[] = OPERATIONS[op.type].roles;
  if (!roles.includes(user.role)) {
    const role = (ROLE_LABELS as Record<string, string>)[user.role] ?? user.role;
    throw new OpError('forbidden', `${user.full_name} (${role.toLowerCase()}) is not allowed to do this.`);
  }
  if (db.prepare('SELECT 1 FROM outbox WHERE op_id = ?').get(op.opId) !== undefined) {
    throw new OpError('duplicate_operation', `Operation ${op.opId} is already queued.`);
  }
  // Handlers declare their methods with method syntax, so one of a single type stands for all.
  const handler: OperationHandler<OperationType> = registry[op.type];
  const ctx = { db, opId: op.opId, userId: user.id, station, now };
  const given = op.payload as OperationPayload<OperationType>;
  const payload = handler.resolve ? handler.resolve(ctx, given) : given;
  handler.applyLocal(ctx, payload);
  const summary = handler.summarize(payload, db);
  const result = db
    .prepare(
      `INSERT INTO outbox (op_id, type, user_id, payload, summary, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(op.opId, op.type, user.id, JSON.stringify(payload), summary, now.toISOString());
  return { opId: op.opId, seq: Number(result.lastInsertRowid), type: op.type, summary };
}

export function submitOperation(
  registry: OperationRegistry,
  cache: StationCache,
  station: StationScope,
  input: SubmitInput,
  now: Date = new Date(),
): QueuedOperation {
  const op = prepare(input);
  return cache.transaction(() => queue(registry, cache, station, op, now));
}

export function submitBatch(
  registry: OperationRegistry,
  cache: StationCache,
  station: StationScope,
  inputs: SubmitInput[],
  now: Date = new Date(),
): QueuedOperation[] {
  const prepared = inputs.map((input, index) => {
    try {
      return prepare(input);
    } catch (error) {
      throw error instanceof OpError ? new BatchError(index, error) : error;
    }
  });
  return cache.transaction(() =>
    prepared.map((op, index) => {
      try {
        return queue(registry, cache, station, op, now);
      } catch (error) {
        throw error instanceof OpError ? new BatchError(index, error) : error;
      }
    }),
  );
}
