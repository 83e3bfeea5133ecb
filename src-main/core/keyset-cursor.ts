// Opaque keyset cursors: the key of the last row of a page, as base64url JSON. A cursor that does
// not decode to the expected shape is refused with a readable error rather than restarting silently.
import { OpError } from './errors.ts';

export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** The cursor's fields, checked to be the listed string or number fields (undefined without a cursor). */
export function decodeCursor<K extends string>(
  after: string | undefined,
  fields: Record<K, 'string' | 'number'>,
): Record<K, string | number> | undefined {
  if (after === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  const ok =
    value !== null &&
    typeof value === 'object' &&
    Object.entries(fields).every(([k, type]) => typeof (value as Record<string, unknown>)[k] === type);
  if (!ok) badCursor();
  return value as Record<K, string | number>;
}

export function badCursor(): never {
  throw new OpError('invalid_cursor', 'That page cursor is not valid here; start the list again.');
}

/** The exclusive upper bound of the strings that start with prefix (for index range scans). */
export function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}
