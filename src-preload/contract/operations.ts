// Every operation type of the station, joined from the domains' declarations (./<domain>/
// operations.ts). What a user action sends to the core, which queues it in the outbox and later
// pushes it to the server's write entry point. Shared by the renderer (typed submit, form checks),
// the core (validation at the boundary) and the CLI (`amms station submit`).
import { z } from 'zod';
import { logisticsOperations } from './logistics/operations.ts';
import { maintenanceOperations } from './maintenance/operations.ts';
import { describeIssue } from './operation.ts';
import { stockOperations } from './stock/operations.ts';

export const OPERATIONS = { ...stockOperations, ...logisticsOperations, ...maintenanceOperations };

export type Operations = typeof OPERATIONS;
export type OperationType = keyof Operations;
/** A payload as the core holds it after validation (trimmed, defaults applied). */
export type OperationPayload<T extends OperationType> = z.output<Operations[T]['payload']>;
/** A payload as a screen or a script writes it. */
export type OperationInput<T extends OperationType> = z.input<Operations[T]['payload']>;

export const OPERATION_TYPES = Object.keys(OPERATIONS) as OperationType[];

export function isOperationType(value: string): value is OperationType {
  return Object.hasOwn(OPERATIONS, value);
}

/** What the user asks the core to do: one operation, its payload typed by its type. */
export type SubmitRequest = { [T in OperationType]: { type: T; payload: OperationInput<T> } }[OperationType];
type SubmitRequestOutput = { [T in OperationType]: { type: T; payload: OperationPayload<T> } }[OperationType];

export function unknownOperationMessage(type: unknown): string {
  if (typeof type !== 'string' || type === '') return 'The operation has no type (e.g. "wallet.issue").';
  return `"${type}" is not an operation this station knows.`;
}

const variants = OPERATION_TYPES.map((type) =>
  z.object({ type: z.literal(type), payload: OPERATIONS[type].payload as z.ZodType }),
);

export const submitRequestSchema = z.discriminatedUnion(
  'type',
  variants as unknown as [(typeof variants)[number], ...(typeof variants)[number][]],
  // The union's own error is only ever a type no operation has.
  { error: (issue) => unknownOperationMessage((issue.input as { type?: unknown } | null)?.type) },
) as unknown as z.ZodType<SubmitRequestOutput, SubmitRequest>;

/** A readable sentence for a zod issue in a submit request: the operation's own field words. */
export function describeSubmitIssue(path: readonly PropertyKey[], message: string, input: unknown): string {
  const type = (input as { type?: unknown } | null)?.type;
  if (path[0] !== 'payload' || typeof type !== 'string' || !isOperationType(type)) return message;
  return describeIssue(path.slice(1), message, OPERATIONS[type].fields);
}

/** The words for an operation type on screen ("Wallet issue"); unknown types as they are. */
export function operationLabel(type: string): string {
  return isOperationType(type) ? OPERATIONS[type].label : type;
}

/** What a pending operation does to a quantity, in a word ("3 pending issue"). */
export function pendingWord(type: string): string {
  return isOperationType(type) ? OPERATIONS[type].pendingWord : type;
}

export const operationStatusSchema = z.enum(['pending', 'applied', 'rejected']);
export type OperationStatus = z.infer<typeof operationStatusSchema>;
