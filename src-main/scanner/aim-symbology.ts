// Symbology names from the identifiers scanners send.
//
// AIM symbology identifiers (ISO/IEC 15424): ']' + a code character naming the symbology + a modifier
// character (options such as FNC1 in first position, which is what makes Code 128 a GS1-128 and a
// DataMatrix a GS1 DataMatrix). HID POS scanners put them in the Symbology Identifier 1..3 bytes of
// the scanned-data report (usage page 0x8C, usages 0xFB..0xFD).
//
// Honeywell (and the engines Access-IS builds on) also send their own one-byte "Code ID" after the
// data; it is used only when the AIM identifier says nothing (']X0' or missing).

/** A well-formed AIM identifier: ']' + letter + letter or digit. */
export function isAimId(text: string): boolean {
  return /^\][A-Za-z][0-9A-Za-z]$/.test(text);
}

/** The symbology named by an AIM identifier; the code refines the EAN/UPC family (]E0 carries all three). */
export function symbologyFromAim(aimId: string | null, code = ''): string | null {
  if (aimId === null || !isAimId(aimId)) return null;
  const letter = aimId[1] ?? '';
  const modifier = aimId[2] ?? '';
  switch (letter) {
    case 'A':
      return 'Code 39';
    case 'C':
      return modifier === '1' ? 'GS1-128' : 'Code 128';
    case 'E':
      if (modifier === '4') return 'EAN-8';
      if (modifier === '0') {
        if (/^\d{12}$/.test(code)) return 'UPC-A';
        if (/^\d{8}$/.test(code)) return 'UPC-E';
        return 'EAN-13';
      }
      if (modifier === '3') return 'EAN-13 + add-on';
      return 'EAN/UPC add-on';
    case 'F':
      return 'Codabar';
    case 'G':
      return 'Code 93';
    case 'H':
      return 'Code 11';
    case 'I':
      return 'Interleaved 2 of 5';
    case 'L':
      return 'PDF417';
    case 'M':
      return 'MSI';
    case 'Q':
      return modifier === '3' || modifier === '4' ? 'GS1 QR' : 'QR';
    case 'R':
    case 'S':
      return 'Straight 2 of 5';
    case 'U':
      return 'MaxiCode';
    case 'd':
      return modifier === '2' || modifier === '5' ? 'GS1 DataMatrix' : 'DataMatrix';
    case 'e':
      return 'GS1 DataBar';
    case 'z':
      return 'Aztec';
    default:
      // ]X (other / unknown), ]Z (keyboard entry) and identifiers this table does not know.
      return null;
  }
}

// Honeywell Code IDs (Honeywell's "Symbology Chart"), as sent in byte 61 of the HID POS report.
const HONEYWELL_CODE_IDS: Record<string, string> = {
  a: 'Codabar',
  b: 'Code 39',
  c: 'UPC-A',
  d: 'EAN-13',
  D: 'EAN-8',
  E: 'UPC-E',
  e: 'Interleaved 2 of 5',
  h: 'Code 11',
  I: 'GS1-128',
  i: 'Code 93',
  j: 'Code 128',
  g: 'MSI',
  r: 'PDF417',
  s: 'QR',
  w: 'DataMatrix',
  x: 'MaxiCode',
  y: 'GS1 DataBar',
  '{': 'GS1 DataBar',
  '}': 'GS1 DataBar',
  z: 'Aztec',
};

/** The symbology named by a Honeywell Code ID byte, or null. */
export function symbologyFromHoneywellCodeId(byte: number): string | null {
  if (byte === 0) return null;
  return HONEYWELL_CODE_IDS[String.fromCharCode(byte)] ?? null;
}
