// The GS1 parser against a table of element strings as scanners deliver them (with and without
// symbology identifiers, GS separators or their textual stand-ins, the parenthesised form, Digital
// Link addresses) and malformed ones, each refused with the reason a person can act on.
import { describe, expect, it } from 'vitest';
import { digitalLinkToHri } from './gs1-digital-link.ts';
import { looksLikeGs1, parseGs1, type Gs1ErrorCode } from './gs1.ts';
import { gs1CheckDigit, gs1Year, gtinForms, hasValidCheckDigit, parseYymmdd } from './gs1-values.ts';

const GS = '\u001d';
const NOW = new Date('2026-11-25T10:00:00Z');

/** Parses and returns `(AI)display` pairs, or throws with the error (so a failing row says why). */
function read(input: string): string {
  const parsed = parseGs1(input, { now: NOW });
  if (!parsed.ok) throw new Error(`${parsed.error.code}: ${parsed.error.message}`);
  return parsed.data.elements.map((e) => `(${e.ai})${e.display}`).join('');
}

describe('well-formed element strings', () => {
  const table: [string, string, string][] = [
    [
      'GS1-128 with ]C1, GTIN + expiry + batch (no separator needed at the end)',
      ']C1010950600013435217250101109876543',
      '(01)09506000134352(17)2025-01-01(10)9876543',
    ],
    [
      'parenthesised human-readable form',
      '(01)09506000134352(17)240630(10)AB-123(21)XYZ',
      '(01)09506000134352(17)2024-06-30(10)AB-123(21)XYZ',
    ],
    ['bare SSCC (AI 00)', '00106141411234567897', '(00)106141411234567897'],
    [
      'GS1 DataMatrix (]d2), variable fields ended by GS, weight with 3 implied decimals',
      `]d201034531200000111719112510ABCD1234${GS}2110${GS}3103000750`,
      '(01)03453120000011(17)2019-11-25(10)ABCD1234(21)10(3103)0.750 kg',
    ],
    [
      'FNC1 in first position transmitted as a leading GS',
      `${GS}0109506000134352${GS}10LOT-7`,
      '(01)09506000134352(10)LOT-7',
    ],
    [
      'textual stand-in <GS> between variable fields',
      '0109506000134352 10ABC<GS>21XYZ'.replace(' ', ''),
      '(01)09506000134352(10)ABC(21)XYZ',
    ],
    ['stand-ins {GS} and ␝', '10ABC{GS}21XYZ\u241d30' + '12', '(10)ABC(21)XYZ(30)12'],
    [
      'GS1 QR (]Q3) with count and customer part number',
      `]Q30209506000134352${GS}3724${GS}241FLT-100001`,
      '(02)09506000134352(37)24(241)FLT-100001',
    ],
    ['GS1 DataBar (]e0) with GTIN only', ']e00109506000134352', '(01)09506000134352'],
    [
      'logistic label: SSCC, gross weight (kg, 1 decimal), ship-to GLN',
      '(00)106141411234567897(3301)012345(410)9506000000008',
      '(00)106141411234567897(3301)1234.5 kg(410)9506000000008',
    ],
    ['day 00 means the end of the month', '(17)250200', '(17)2025-02 (end of month)'],
    ['price with currency and 2 decimals', '(3932)404123456', '(3932)1234.56 (currency 404)'],
    ['expiry date and time', '(7003)2501011330', '(7003)2025-01-01 13:30'],
    [
      'asset identifier (GIAI) and internal data',
      `8004950600013435EX-101${GS}91ABC`,
      '(8004)950600013435EX-101(91)ABC',
    ],
    [
      'spaces in the human-readable form are ignored',
      '(01) 09506000134352 (10) ABC',
      '(01)09506000134352(10)ABC',
    ],
    ['a doubled separator is harmless', `10ABC${GS}${GS}21XYZ`, '(10)ABC(21)XYZ'],
    [
      'a separator after a fixed-length field is harmless',
      `0109506000134352${GS}17251231`,
      '(01)09506000134352(17)2025-12-31',
    ],
  ];
  it.each(table)('%s', (_name, input, expected) => {
    expect(read(input)).toBe(expected);
  });

  it('collects the key data: GTIN, batch, serial, expiry, SSCC, and the (AI) form', () => {
    const parsed = parseGs1(`]d2010950600013435217260630${GS}10B-7${GS}21S-1`, { now: NOW });
    expect(parsed.ok && parsed.data).toMatchObject({
      symbology: 'GS1 DataMatrix',
      gtin: '09506000134352',
      batch: 'B-7',
      serial: 'S-1',
      expiry: '2026-06-30',
      sscc: null,
      hri: '(01)09506000134352(17)260630(10)B-7(21)S-1',
    });
  });

  it('names the symbology from the AIM identifier', () => {
    const names = [']C1', ']d2', ']Q3', ']e0'].map((id) => {
      const parsed = parseGs1(`${id}0109506000134352`, { now: NOW });
      return parsed.ok ? parsed.data.symbology : null;
    });
    expect(names).toEqual(['GS1-128', 'GS1 DataMatrix', 'GS1 QR Code', 'GS1 DataBar']);
  });
});

describe('malformed element strings are refused with the reason', () => {
  const table: [string, string, Gs1ErrorCode, RegExp][] = [
    ['unknown AI', ']C12312345', 'unknown_ai', /No application identifier .* starts with "23"/],
    [
      'letters where an AI should be',
      ']C1AB1234',
      'unknown_ai',
      /application identifier \(digits\) was expected/,
    ],
    ['GTIN too short', ']C10109506000', 'too_short', /\(01\) .* needs 14 characters; it has 8\./],
    ['fixed-length field cut by GS', `01095060001${GS}10ABC`, 'too_short', /needs 14 characters; it has 9/],
    ['GTIN check digit wrong', '(01)09506000134353', 'bad_check_digit', /wrong check digit/],
    ['SSCC check digit wrong', '00106141411234567891', 'bad_check_digit', /\(00\) .* wrong check digit/],
    ['GLN check digit wrong', '(414)9506000000009', 'bad_check_digit', /\(414\)/],
    ['month 13', '(17)251301', 'invalid_date', /251301 is not a valid date/],
    ['30 February', '(17)250230', 'invalid_date', /not a valid date/],
    ['day 00 where a real day is required', '(7003)2501001330', 'invalid_date', /not a valid date/],
    ['time 25:00', '(7003)2501012500', 'invalid_date', /not a valid time/],
    [
      'batch longer than 20 (separator missing before the next AI)',
      '10ABCDEFGHIJKLMNOPQ17250101',
      'too_long',
      /at most 20 .* separator missing/,
    ],
    [
      'character outside GS1 set 82',
      '(10)AB#CD',
      'bad_characters',
      /\(10\) .* may contain only letters, digits and GS1 punctuation/,
    ],
    ['letters in a numeric field', '(30)12A', 'bad_characters', /only digits/],
    ['empty variable field', `21${GS}10ABC`, 'too_short', /\(21\) .* is empty/],
    ['only a symbology identifier', ']C1', 'empty', /no data/],
    ['the same AI twice with different values', '(10)A(10)B', 'duplicate_ai', /appears twice/],
    ['unknown AI in parentheses', '(23)123', 'unknown_ai', /\(23\)/],
  ];
  it.each(table)('%s', (_name, input, code, message) => {
    const parsed = parseGs1(input, { now: NOW });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe(code);
    expect(parsed.error.message).toMatch(message);
  });
});

describe('check digits, GTIN forms and dates', () => {
  it('computes the GS1 mod-10 check digit for GTIN-8/12/13/14, SSCC and GLN', () => {
    expect(gs1CheckDigit('1234567')).toBe(0); // GTIN-8 12345670
    expect(gs1CheckDigit('400638133393')).toBe(1); // EAN-13 4006381333931
    expect(gs1CheckDigit('0950600013435')).toBe(2); // GTIN-14 09506000134352
    expect(gs1CheckDigit('10614141123456789')).toBe(7); // SSCC 106141411234567897
    expect(gs1CheckDigit('950600000000')).toBe(8); // GLN 9506000000008
    expect(hasValidCheckDigit('036000291452')).toBe(true); // UPC-A
    expect(hasValidCheckDigit('036000291453')).toBe(false);
  });

  it('gives every form a GTIN may be stored under, and none for a wrong check digit', () => {
    expect(gtinForms('4006381333931')).toEqual(['04006381333931', '4006381333931']);
    expect(gtinForms('00036000291452')).toEqual(['00036000291452', '0036000291452', '036000291452']);
    expect(gtinForms('12345670')).toEqual(['00000012345670', '0000012345670', '000012345670', '12345670']);
    expect(gtinForms('4006381333932')).toBeNull();
    expect(gtinForms('400638133393')).toBeNull();
  });

  it('reads two-digit years within 49 years ahead and 50 behind today (GS1 Gen Specs 7.12)', () => {
    expect(gs1Year(75, NOW)).toBe(2075);
    expect(gs1Year(77, NOW)).toBe(1977);
    expect(gs1Year(0, NOW)).toBe(2000);
    expect(gs1Year(26, new Date('2080-01-01T00:00:00Z'))).toBe(2126);
  });

  it('reads day 00 as the last day of the month, leap years included', () => {
    expect(parseYymmdd('240200', NOW, true)).toEqual({ iso: '2024-02-29', endOfMonth: true });
    expect(parseYymmdd('240200', NOW, false)).toBeNull();
    expect(parseYymmdd('240229', NOW, false)).toEqual({ iso: '2024-02-29', endOfMonth: false });
    expect(parseYymmdd('250229', NOW, false)).toBeNull();
  });
});

describe('recognising GS1 input and Digital Link addresses', () => {
  it('knows GS1 by symbology identifier, separator or parenthesised AI, and nothing else', () => {
    expect([']C1010', `10A${GS}21B`, '10A<GS>21B', '(01)0950'].map(looksLikeGs1)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['EX-101', ']E04006381333931', '4006381333931', 'https://x/a/b'].map(looksLikeGs1)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('turns a Digital Link path and query into the element string', () => {
    const url = new URL('https://id.example.com/products/01/09506000134352/10/AB%2F12/21/X1?17=260131&x=1');
    expect(digitalLinkToHri(url)).toBe('(01)09506000134352(10)AB/12(21)X1(17)260131');
    expect(digitalLinkToHri(new URL('https://example.com/gtin/09506000134352/lot/L1'))).toBe(
      '(01)09506000134352(10)L1',
    );
    expect(digitalLinkToHri(new URL('https://example.com/a/AbCdEfGhIjKlMnOpQrStUvWx'))).toBeNull();
  });
});
