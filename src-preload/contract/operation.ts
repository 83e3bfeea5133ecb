// How a domain declares an operation type, once: its payload schema, the roles that may do it
// (the server's amms_private.op_types must list the same: test/db/role-parity.test.ts), what it is
// called on screen, and the words for each payload field in messages. The core, the renderer and
// the CLI all read these declarations (src-preload/contract/operations.ts joins the domains').
import type { z } from 'zod';
import type { UserRoleName } from './roles.ts';

/** Every key of a payload, nested objects and array elements included (e.g. lines[].qty). */
export type FieldKey<T> = T extends readonly (infer E)[]
  ? FieldKey<E>
  : T extends object
    ? { [K in keyof T & string]: K | FieldKey<NonNullable<T[K]>> }[keyof T & string]
    : never;

/** A word for every payload field (lower case; capitalised where it starts a sentence). */
export type FieldLabels<T> = { readonly [K in FieldKey<T>]: string };

export interface OperationSpec<T extends string = string, S extends z.ZodType = z.ZodType> {
  type: T;
  /** What the operation is called in lists ("Wallet issue"). */
  label: string;
  /** What a pending one does to a quantity, in a word ("3 pending issue"). */
  pendingWord: string;
  roles: readonly UserRoleName[];
  payload: S;
  fields: FieldLabels<z.input<S>>;
}

/** Declares one operation type; the compiler checks that every payload field has its word. */
export function defineOperation<const T extends string, S extends z.ZodType>(
  spec: OperationSpec<T, S>,
): OperationSpec<T, S> {
  return spec;
}

/** A domain's operations keyed by their type, so that the type string is written once. */
export function operationMap<const Specs extends readonly OperationSpec[]>(
  ...specs: Specs
): { [S in Specs[number] as S['type']]: S } {
  return Object.fromEntries(specs.map((spec) => [spec.type, spec])) as {
    [S in Specs[number] as S['type']]: S;
  };
}

/**
 * "Line 2: quantity must be more than zero" from a zod issue's path and message, with the
 * operation's words for its fields (an unlisted key is read with its underscores as spaces).
 */
export function describeIssue(
  path: readonly PropertyKey[],
  message: string,
  fields: Readonly<Record<string, string>> = {},
): string {
  const words: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (key === 'lines' && typeof path[i + 1] === 'number') {
      words.push(`Line ${Number(path[i + 1]) + 1}:`);
      i++;
    } else if (typeof key === 'string') {
      words.push(fields[key] ?? key.replace(/_/g, ' '));
    }
  }
  const subject = words.join(' ');
  return subject ? `${subject.charAt(0).toUpperCase()}${subject.slice(1)} ${message}` : message;
}
