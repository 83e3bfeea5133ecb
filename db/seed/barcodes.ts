// EAN-13 / GTIN-13 barcodes: check digit computation and validation (GS1 mod-10: weights 1 and 3
// alternating from the left over the first twelve digits). Used by the demo-data generator and
// reusable wherever a scanned manufacturer barcode needs a sanity check.

const TWELVE_DIGITS = /^\d{12}$/;
const THIRTEEN_DIGITS = /^\d{13}$/;

/** The check digit for the first twelve digits of an EAN-13. */
export function ean13CheckDigit(first12: string): number {
  if (!TWELVE_DIGITS.test(first12)) {
    throw new Error(`An EAN-13 check digit needs exactly 12 digits, not '${first12}'.`);
  }
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const digit = first12.charCodeAt(i) - 48;
    sum += i % 2 === 0 ? digit : digit * 3;
  }
  return (10 - (sum % 10)) % 10;
}

/** The full 13-digit code: the twelve digits followed by their check digit. */
export function withEan13CheckDigit(first12: string): string {
  return first12 + String(ean13CheckDigit(first12));
}

/** True when `code` is thirteen digits whose last digit is the correct check digit. */
export function isValidEan13(code: string): boolean {
  if (!THIRTEEN_DIGITS.test(code)) return false;
  return ean13CheckDigit(code.slice(0, 12)) === code.charCodeAt(12) - 48;
}

/**
 * An EAN-13 from a GS1 company prefix (7 to 10 digits) and an item reference, padded to fill the
 * twelve digits. Distinct item references under one prefix give distinct codes.
 */
export function makeEan13(companyPrefix: string, itemReference: number): string {
  if (!/^\d{7,10}$/.test(companyPrefix)) {
    throw new Error(`A GS1 company prefix has 7 to 10 digits, not '${companyPrefix}'.`);
  }
  const width = 12 - companyPrefix.length;
  const item = String(itemReference);
  if (!Number.isSafeInteger(itemReference) || itemReference < 0 || item.length > width) {
    throw new Error(
      `Item reference ${itemReference} does not fit in ${width} digits after ${companyPrefix}.`,
    );
  }
  return withEan13CheckDigit(companyPrefix + item.padStart(width, '0'));
}
