// Builds HID input reports byte by byte from the published layouts, for tests and for the fixtures in
// test/fixtures/hid/ (see its README). Written from the layout tables, independently of the decoders.

export const HID_POS_REPORT_ID = 0x02;

export interface PosReportOptions {
  /** The AIM identifier, e.g. ']E0' ('' for three zero bytes). */
  aim: string;
  data: Uint8Array;
  continued: boolean;
  /** Honeywell Code ID in byte 61, e.g. 'd' for EAN-13. */
  codeId?: string;
  /** Newland layout: no AIM header, data from byte 2, vendor symbology byte 62. */
  layout?: 'aim-header' | 'newland';
  /** Leave the report ID out (a 63-byte report). */
  withoutReportId?: boolean;
}

/** One 64-byte scanned-data report (63 without the ID). */
export function posReport(options: PosReportOptions): Uint8Array {
  if (options.data.length > 56) throw new Error('at most 56 data bytes fit in one report');
  const report = new Uint8Array(64);
  report[0] = HID_POS_REPORT_ID;
  report[1] = options.data.length;
  if ((options.layout ?? 'aim-header') === 'aim-header') {
    for (let i = 0; i < 3; i += 1) report[2 + i] = options.aim.charCodeAt(i) || 0;
    report.set(options.data, 5);
    report[61] = options.codeId ? options.codeId.charCodeAt(0) : 0;
  } else {
    report.set(options.data, 2);
  }
  report[63] = options.continued ? 0x01 : 0x00;
  return options.withoutReportId ? report.slice(1) : report;
}

/** A whole scan as reports of at most 56 data bytes, all but the last with the continued flag. */
export function posScan(
  aim: string,
  payload: string | Uint8Array,
  extra: Omit<PosReportOptions, 'aim' | 'data' | 'continued'> = {},
): Uint8Array[] {
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  const reports: Uint8Array[] = [];
  let offset = 0;
  do {
    const data = bytes.subarray(offset, offset + 56);
    offset += 56;
    reports.push(posReport({ aim, data, continued: offset < bytes.length, ...extra }));
  } while (offset < bytes.length);
  return reports;
}

export const LEFT_SHIFT = 0x02;
export const RIGHT_SHIFT = 0x20;
export const LEFT_CTRL = 0x01;
export const LEFT_ALT = 0x04;
export const ENTER = 0x28;
export const TAB = 0x2b;
export const KEYPAD_ENTER = 0x58;
export const CAPS_LOCK = 0x39;

/** A boot keyboard report: modifiers, reserved, six key slots; with reportId, 9 bytes. */
export function keyReport(modifiers: number, keys: number[] = [], reportId?: number): Uint8Array {
  if (keys.length > 6) throw new Error('a boot report holds six keys');
  const body = new Uint8Array(8);
  body[0] = modifiers;
  body.set(keys, 2);
  if (reportId === undefined) return body;
  const report = new Uint8Array(9);
  report[0] = reportId;
  report.set(body, 1);
  return report;
}

const SHIFTED_DIGITS = ')!@#$%^&*(';
const PUNCTUATION: Record<string, [number, boolean]> = {
  ' ': [0x2c, false],
  '-': [0x2d, false],
  _: [0x2d, true],
  '=': [0x2e, false],
  '+': [0x2e, true],
  '/': [0x38, false],
  '?': [0x38, true],
  '.': [0x37, false],
  ':': [0x33, true],
  ';': [0x33, false],
};

/** The usage and whether Shift is needed to type a character on a US layout. */
export function usKey(char: string): [number, boolean] {
  const code = char.charCodeAt(0);
  if (char >= 'a' && char <= 'z') return [0x04 + code - 0x61, false];
  if (char >= 'A' && char <= 'Z') return [0x04 + code - 0x41, true];
  if (char >= '1' && char <= '9') return [0x1e + code - 0x31, false];
  if (char === '0') return [0x27, false];
  const shiftedDigit = SHIFTED_DIGITS.indexOf(char);
  if (shiftedDigit >= 0) return [shiftedDigit === 0 ? 0x27 : 0x1e + shiftedDigit - 1, true];
  const punctuation = PUNCTUATION[char];
  if (punctuation) return punctuation;
  throw new Error(`no US key for ${JSON.stringify(char)}`);
}

/** Keypad usage for a digit (Num Lock on). */
export function keypadKey(digit: string): number {
  return digit === '0' ? 0x62 : 0x59 + Number(digit) - 1;
}

/** Types text the plain way: each key pressed (with Shift when needed) and released. */
export function typeText(text: string, shiftKey = LEFT_SHIFT, reportId?: number): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (const char of text) {
    const [usage, shift] = usKey(char);
    reports.push(keyReport(shift ? shiftKey : 0, [usage], reportId), keyReport(0, [], reportId));
  }
  return reports;
}

/** Presses and releases one key (a terminator). */
export function tap(usage: number, reportId?: number): Uint8Array[] {
  return [keyReport(0, [usage], reportId), keyReport(0, [], reportId)];
}
