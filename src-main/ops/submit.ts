// Queues user operations exactly as the UI and the CLI do: validate the payload (zod), check the
// user's role, apply the optimistic effect and write the outbox row, all in one SQLite
// transaction. A batch is all or nothing: one bad entry and nothing from it is queued.
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import {
  isOperationType,
  operationPayloads,
  type OperationPayload,
  type OperationType,
} from '../../src-preload/contract/operations.ts';
import type { StationCache } from '../cache/station-cache.ts';
import { requireUser } from './cache-lookups.ts';
import { describeIssue, OpError } from './op-error.ts';
import type { OperationDefinition, StationScope } from './operation-type.ts';
import { OPERATIONS } from './registry.ts';

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
  definition: OperationDefinition<OperationType>;
}

function prepare(input: SubmitInput): Prepared {
  if (!isOperationType(input.type))
    throw new OpError('unknown_operation', `"${input.type}" is not an operation this station knows.`);
  const parsed = operationPayloads[input.type].safeParse(input.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OpError(
      'invalid_input',
      issue ? describeIssue(issue.path, issue.message) : 'The input is not valid.',
    );
  }
  if (
    input.opId !== undefined &&
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(input.opId)
  ) {
    throw new OpError('invalid_input', 'The operation id must be a UUID.');
  }
  return {
    opId: input.opId ?? uuidv7(),
    type: input.type,
    userId: input.userId,
    payload: parsed.data,
    definition: OPERATIONS[input.type],
  };
}

function queue(cache: StationCache, station: StationScope, op: Prepared, now: Date): QueuedOperation {
  const db = cache.writer;
  const user = requireUser(db, op.userId);
  if (!op.definition.roles.includes(user.role as never)) {
    throw new OpError(
      'forbidden',
      `${user.full_name} (${user.role.replace('_', ' ')}) is not allowed to do this.`,
    );
  }
  if (db.prepare('SELECT 1 FROM outbox WHERE op_id = ?').get(op.opId) !== undefined) {
    throw new OpError('duplicate_operation', `Operation ${op.opId} is already queued.`);
  }
  const payload = op.payload as OperationPayload<OperationType>;
  op.definition.applyLocal({ db, opId: op.opId, userId: user.id, station, now }, payload);
  const summary = op.definition.summarize(payload, db);
  const result = db
    .prepare(
      `INSERT INTO outbox (op_id, type, user_id, payload, summary, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(op.opId, op.type, user.id, JSON.stringify(payload), summary, now.toISOString());
  return { opId: op.opId, seq: Number(result.lastInsertRowid), type: op.type, summary };
}

export function submitOperation(
  cache: StationCache,
  station: StationScope,
  input: SubmitInput,
  now: Date = new Date(),
): QueuedOperation {
  const op = prepare(input);
  return cache.transaction(() => queue(cache, station, op, now));
}

export function submitBatch(
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
        return queue(cache, station, op, now);
      } catch (error) {
        throw error instanceof OpError ? new BatchError(index, error) : error;
      }
    }),
  );
}
