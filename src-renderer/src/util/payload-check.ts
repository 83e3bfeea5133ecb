// Client-side checks of an operation's payload with the contract's schema (the same the core runs)
// and its words for each field, turned into one readable sentence for the screen's error area.
import type { z } from 'zod';
import {
  OPERATIONS,
  type OperationPayload,
  type OperationType,
} from '../../../src-preload/contract/operations.ts';

export type Checked<T> = { ok: true; payload: T } | { ok: false; message: string };

/** Checks a value against a schema, naming fields with the given words ("Line 2: Quantity …"). */
export function checkWith<S extends z.ZodType>(
  schema: S,
  fields: Readonly<Record<string, string>>,
  value: unknown,
): Checked<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, payload: parsed.data };
  const [issue] = parsed.error.issues;
  if (!issue) return { ok: false, message: 'Check the form.' };
  const key = [...issue.path].reverse().find((p) => typeof p === 'string') ?? '';
  const line = issue.path.find((p) => typeof p === 'number');
  const word = fields[key] ?? key.replace(/_/g, ' ');
  const label = `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
  const where = line === undefined ? '' : `Line ${line + 1}: `;
  if (key.endsWith('_id')) return { ok: false, message: `${where}${label}: choose one first.` };
  return { ok: false, message: `${where}${label} ${issue.message}.` };
}

/** Checks an operation's payload as the core will. */
export function checkPayload<T extends OperationType>(type: T, value: unknown): Checked<OperationPayload<T>> {
  const spec = OPERATIONS[type];
  return checkWith(spec.payload, spec.fields, value) as Checked<OperationPayload<T>>;
}
