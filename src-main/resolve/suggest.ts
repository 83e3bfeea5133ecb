// Near misses of a code that matched nothing: the strings worth probing (pure functions; the
// resolver probes them through the indexes) and how far each is from what arrived.
//
// 1. Rewrites: the usual scanner and typing slips undone: O/0, I/1, L/1, S/5, B/8, Z/2 read in the
//    class of their neighbours (a letter among digits is a digit), a missing or doubled dash,
//    spaces, underscores or dots where a dash belongs, lower case.
// 2. Neighbours: codes one edit away in the last segment (a wrong, missing, extra or swapped
//    character), probed only in tables that hold codes starting like this one (same shape).

/** Pairs a scanner or a tired eye confuses (lower-case l is upper-cased first). */
const LETTER_TO_DIGIT: Record<string, string> = { O: '0', I: '1', L: '1', S: '5', B: '8', Z: '2' };
const DIGIT_TO_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '5': 'S', '8': 'B', '2': 'Z' };
const CONFUSABLE = new Set(['O0', 'I1', 'L1', 'S5', 'B8', 'Z2']);

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => c >= 'A' && c <= 'Z';
const SEPARATORS = /[-/ ._]/;

interface Variant {
  text: string;
  cost: number;
}

/**
 * Readings of one segment as letters followed by digits (the shape of EX-101, T0001, WH1), each
 * with the number of confusable characters it reinterprets; the segment as it is comes first.
 */
function segmentVariants(segment: string): Variant[] {
  const found = new Map<string, number>([[segment, 0]]);
  for (let split = 0; split <= segment.length; split++) {
    let text = '';
    let cost = 0;
    for (let i = 0; i < segment.length; i++) {
      const c = segment[i] ?? '';
      const wanted = i < split ? isLetter : isDigit;
      const swap = i < split ? DIGIT_TO_LETTER[c] : LETTER_TO_DIGIT[c];
      if (wanted(c)) text += c;
      else if (swap !== undefined) {
        text += swap;
        cost += 1;
      } else {
        cost = Infinity;
        break;
      }
    }
    if (cost !== Infinity && !found.has(text)) found.set(text, cost);
  }
  return [...found].map(([text, cost]) => ({ text, cost })).sort((a, b) => a.cost - b.cost);
}

/** A letter run followed by digits without a dash: "P101" -> "P-101", "WO000123" -> "WO-000123". */
function insertDash(code: string): string {
  return code.replace(/^([A-Z]{1,6})(\d)/, '$1-$2');
}

/** Every segment's readings combined, fewest reinterpreted characters first (a small beam). */
function confusionVariants(code: string, beam: number): Variant[] {
  let combos: Variant[] = [{ text: '', cost: 0 }];
  for (const segment of code.split(/([-/ ._]+)/).filter((s) => s !== '')) {
    const options = SEPARATORS.test(segment) ? [{ text: segment, cost: 0 }] : segmentVariants(segment);
    combos = combos
      .flatMap((combo) => options.map((o) => ({ text: combo.text + o.text, cost: combo.cost + o.cost })))
      .sort((a, b) => a.cost - b.cost)
      .slice(0, beam);
  }
  return combos;
}

/**
 * The rewrites of `code` worth an exact probe, most likely first (fewest changes), without `code`
 * itself or its upper-case form (the lookup already tried those).
 */
export function rewrites(code: string, limit = 16): string[] {
  const upper = code.toUpperCase();
  const dashed = upper.replace(/[ ._]+/g, '-').replace(/-{2,}/g, '-');
  const bases: Variant[] = [
    { text: upper, cost: 0 },
    { text: dashed, cost: 1 },
    { text: insertDash(dashed), cost: 1 + (dashed === upper ? 0 : 1) },
  ];
  const variants = bases
    .flatMap((base) => confusionVariants(base.text, limit).map((v) => ({ ...v, cost: v.cost + base.cost })))
    .sort((a, b) => a.cost - b.cost);
  const out = new Set(variants.map((v) => v.text));
  out.delete(code);
  out.delete(upper);
  return [...out].slice(0, limit);
}

/** Where the last segment starts: the head before it is what same-shape codes share. */
export function headLength(code: string): number {
  const lastSeparator = Math.max(code.lastIndexOf('-'), code.lastIndexOf('/'));
  if (lastSeparator >= 0) return lastSeparator + 1;
  return /^[A-Z]*/.exec(code)?.[0].length ?? 0;
}

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Codes one edit from `code` within its last segment, keeping each character's class. */
export function neighbours(code: string, limit = 256): string[] {
  const head = code.slice(0, headLength(code));
  const tail = code.slice(head.length);
  const out = new Set<string>();
  for (let i = 0; i < tail.length && out.size < limit; i++) {
    const c = tail[i] ?? '';
    const before = head + tail.slice(0, i);
    const after = tail.slice(i + 1);
    const alphabet = isDigit(c) ? DIGITS : isLetter(c) ? LETTERS : '';
    for (const r of alphabet) if (r !== c) out.add(before + r + after); // wrong character
    out.add(before + after); // extra character
    if (i + 1 < tail.length) out.add(before + (tail[i + 1] ?? '') + c + tail.slice(i + 2)); // swapped
  }
  for (let i = 0; i <= tail.length && out.size < limit; i++) {
    const left = tail[i - 1] ?? '';
    const right = tail[i] ?? '';
    if (!isDigit(left) && !isDigit(right)) continue;
    for (const d of DIGITS) out.add(head + tail.slice(0, i) + d + tail.slice(i)); // missing digit
  }
  out.delete(code);
  return [...out].slice(0, limit);
}

function substitution(a: string, b: string): number {
  if (a === b) return 0;
  return CONFUSABLE.has(a + b) || CONFUSABLE.has(b + a) ? 0.5 : 1;
}

function gap(c: string): number {
  return SEPARATORS.test(c) ? 0.5 : 1;
}

/**
 * Edit distance (optimal string alignment, case-insensitive) where a confusable pair or a
 * separator costs half an edit: "P-1O1" -> "P-101" is 0.5, "P101" -> "P-101" is 0.5.
 */
export function codeDistance(left: string, right: string): number {
  const a = left.toUpperCase();
  const b = right.toUpperCase();
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Float64Array(rows * cols);
  for (let i = 1; i < rows; i++) d[i * cols] = (d[(i - 1) * cols] ?? 0) + gap(a[i - 1] ?? '');
  for (let j = 1; j < cols; j++) d[j] = (d[j - 1] ?? 0) + gap(b[j - 1] ?? '');
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const ca = a[i - 1] ?? '';
      const cb = b[j - 1] ?? '';
      let best = Math.min(
        (d[(i - 1) * cols + j] ?? 0) + gap(ca),
        (d[i * cols + j - 1] ?? 0) + gap(cb),
        (d[(i - 1) * cols + j - 1] ?? 0) + substitution(ca, cb),
      );
      if (i > 1 && j > 1 && ca === b[j - 2] && a[i - 2] === cb) {
        best = Math.min(best, (d[(i - 2) * cols + j - 2] ?? 0) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1] ?? 0;
}

/** The largest distance still offered as "did you mean": one edit, two for long codes. */
export function maxDistance(code: string): number {
  return code.length >= 8 ? 2 : 1;
}

/** "A", "A or B", "A, B or C". */
export function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}
