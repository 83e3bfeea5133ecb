// Parser for PostgreSQL's COPY ... TO STDOUT text format: rows end with \n, fields are separated
// by tabs, \N is NULL, and backslash escapes stand for special characters. Used by the initial
// sync and by every pull (one code path, so both produce identical values).
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';

const SIMPLE_ESCAPES: Record<string, string> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** Decodes one field; returns null for \N. */
export function decodeCopyField(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  let out = '';
  for (let i = 0; i < field.length; i++) {
    const ch = field[i];
    if (ch !== '\\') {
      out += ch ?? '';
      continue;
    }
    const next = field[i + 1] ?? '';
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i++;
    } else if (next >= '0' && next <= '7') {
      const match = /^[0-7]{1,3}/.exec(field.slice(i + 1, i + 4));
      const digits = match?.[0] ?? next;
      out += String.fromCharCode(parseInt(digits, 8));
      i += digits.length;
    } else if (next === 'x' && /^[0-9a-fA-F]/.test(field[i + 2] ?? '')) {
      const match = /^[0-9a-fA-F]{1,2}/.exec(field.slice(i + 2, i + 4));
      const digits = match?.[0] ?? '';
      out += String.fromCharCode(parseInt(digits, 16));
      i += 1 + digits.length;
    } else {
      // Any other escaped character stands for itself.
      out += next;
      i++;
    }
  }
  return out;
}

export function decodeCopyLine(line: string): (string | null)[] {
  return line.split('\t').map(decodeCopyField);
}

/**
 * Reads a COPY text stream and calls onRows with batches of decoded rows. Resolves when the
 * stream ends. onRows may be synchronous (better-sqlite3 writes) and runs between chunks, so
 * memory stays bounded by one network chunk plus one batch.
 */
export async function readCopyStream(
  stream: Readable,
  onRows: (rows: (string | null)[][]) => void,
  batchSize = 2000,
): Promise<number> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let batch: (string | null)[][] = [];
  let count = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = carry + decoder.write(chunk);
    let start = 0;
    let end = text.indexOf('\n', start);
    while (end !== -1) {
      batch.push(decodeCopyLine(text.slice(start, end)));
      count++;
      if (batch.length >= batchSize) {
        onRows(batch);
        batch = [];
      }
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    carry = text.slice(start);
  }
  carry += decoder.end();
  if (carry.length > 0) {
    batch.push(decodeCopyLine(carry));
    count++;
  }
  if (batch.length > 0) onRows(batch);
  return count;
}
