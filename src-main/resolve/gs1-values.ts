// Checks and readable forms of GS1 data values: the mod-10 check digit (GTIN-8/12/13/14, SSCC, GLN,
// GSIN, GRAI, GSRN), YYMMDD dates (two-digit years resolved per GS1 Gen Specs 7.12; day 00 means
// the end of the month), times, and implied-decimal measures.

/** The GS1 mod-10 check digit for `digits` (the data without its check digit). */
export function gs1CheckDigit(digits: string): number {
  let sum = 0;
  // Weights 3, 1, 3, ... from the rightmost data digit.
  for (let i = digits.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += (digits.charCodeAt(i) - 48) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `code` is all digits and its last digit is the GS1 check digit of the others. */
export function hasValidCheckDigit(code: string): boolean {
  if (!/^\d{2,}$/.test(code)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/**
 * The forms a GTIN can be stored under: GTIN-14 and, when its leading zeros allow, GTIN-13 (EAN-13),
 * GTIN-12 (UPC-A) and GTIN-8 (EAN-8). Leading zeros do not change the check digit. Null when `code`
 * is not an 8, 12, 13 or 14 digit GTIN with a valid check digit.
 */
export function gtinForms(code: string): string[] | null {
  if (!/^(\d{8}|\d{12,14})$/.test(code) || !hasValidCheckDigit(code)) return null;
  const gtin14 = code.padStart(14, '0');
  const forms = [gtin14];
  if (gtin14.startsWith('0')) forms.push(gtin14.slice(1));
  if (gtin14.startsWith('00')) forms.push(gtin14.slice(2));
  if (gtin14.startsWith('000000')) forms.push(gtin14.slice(6));
  return forms;
}

export interface Gs1Date {
  /** 'YYYY-MM-DD'; for day 00, the last day of the month. */
  iso: string;
  /** The label gave day 00: any day of that month, read as its last day. */
  endOfMonth: boolean;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The full year of a two-digit GS1 year: within 49 years ahead of or 50 behind `now`. */
export function gs1Year(yy: number, now: Date): number {
  const current = now.getUTCFullYear();
  const century = current - (current % 100);
  const difference = yy - (current % 100);
  if (difference >= 51) return century - 100 + yy;
  if (difference <= -50) return century + 100 + yy;
  return century + yy;
}

/** Parses YYMMDD; null when the month or day does not exist (day 00 only when `zeroDay`). */
export function parseYymmdd(text: string, now: Date, zeroDay: boolean): Gs1Date | null {
  if (!/^\d{6}$/.test(text)) return null;
  const year = gs1Year(Number(text.slice(0, 2)), now);
  const month = Number(text.slice(2, 4));
  const day = Number(text.slice(4, 6));
  if (month < 1 || month > 12) return null;
  const last = daysInMonth(year, month);
  if (day > last || (day === 0 && !zeroDay)) return null;
  const dd = day === 0 ? last : day;
  return {
    iso: `${String(year)}-${text.slice(2, 4)}-${String(dd).padStart(2, '0')}`,
    endOfMonth: day === 0,
  };
}

/** True for a valid HHMM time. */
export function isHhmm(text: string): boolean {
  return /^([01]\d|2[0-3])[0-5]\d$/.test(text);
}

/** Digits with `decimals` implied decimal places, e.g. ('000750', 3) -> '0.750'. */
export function impliedDecimal(digits: string, decimals: number): string {
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  if (decimals === 0) return trimmed;
  const padded = trimmed.padStart(decimals + 1, '0');
  return `${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`;
}

/** GS1 character set 82 (the characters an X field may hold). */
export const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
