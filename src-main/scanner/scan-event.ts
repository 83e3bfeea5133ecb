// One scan, whoever read it (HID POS, HID keyboard mode, the renderer's keyboard wedge, a replayed
// recording), and the rules every code passes before a screen sees it.

/** Which reader produced a scan. */
export type ScanSourceKind = 'hid-pos' | 'hid-keyboard' | 'wedge' | 'replay';

export interface ScanEvent {
  /** The scanned text. GS (0x1D) is kept where GS1 data carries it; no other control characters. */
  code: string;
  /** A readable symbology name ('EAN-13', 'Code 128', 'GS1-128', 'QR', 'DataMatrix', ...), when known. */
  symbology: string | null;
  /** The AIM symbology identifier (ISO/IEC 15424), e.g. ']E0', when the reader reports one. */
  aimId: string | null;
  source: ScanSourceKind;
  /** The stable id of the device that read it (see hid-devices.ts), or null (wedge). */
  deviceId: string | null;
  /** When the scan completed, in ms since the epoch (for a replay: start time + recorded offset). */
  at: number;
}

export type ScanErrorCode =
  | 'empty'
  | 'too_long'
  | 'control_character'
  | 'invalid_utf8'
  | 'incomplete'
  | 'malformed_report'
  | 'device_error';

/** A scan that was read but refused, or a reader problem: shown to the user, never turned into a code. */
export interface ScanError {
  code: ScanErrorCode;
  message: string;
  source: ScanSourceKind;
  deviceId: string | null;
  at: number;
}

export type ScannerState = 'connected' | 'disconnected' | 'unavailable' | 'permission_denied';

export interface ScannerStatus {
  state: ScannerState;
  /** A sentence a storekeeper can act on. */
  message: string;
  deviceId: string | null;
}

/** Longest code accepted, in characters. Anything longer is a stuck key or a runaway reader. */
export const MAX_CODE_LENGTH = 4096;
/** Group Separator: GS1 data (GS1-128, GS1 DataMatrix, GS1 QR) separates variable-length fields with it. */
export const GS = '\u001d';

export type CodeCheck = { ok: true; code: string } | { ok: false; error: ScanErrorCode; message: string };

/** Shows a control character the way a support person can read it: <GS>, <CR>, \x07. */
export function describeControl(char: string): string {
  const names: Record<number, string> = { 0x09: 'TAB', 0x0a: 'LF', 0x0d: 'CR', 0x1b: 'ESC', 0x1d: 'GS' };
  const cp = char.codePointAt(0) ?? 0;
  return names[cp] ? `<${names[cp]}>` : `\\x${cp.toString(16).padStart(2, '0')}`;
}

/** Makes a code printable for logs and the CLI: GS as <GS>. */
export function printableCode(code: string): string {
  return code.replaceAll(GS, '<GS>');
}

// C0 controls, DEL and C1 controls; GS is allowed separately.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** Checks a decoded code against the rules: not empty, at most 4096 characters, no control characters but GS. */
export function checkCode(code: string): CodeCheck {
  if (code.length === 0) return { ok: false, error: 'empty', message: 'The scan was empty.' };
  if (code.length > MAX_CODE_LENGTH) {
    return {
      ok: false,
      error: 'too_long',
      message: `The scan was ${code.length} characters long; the limit is ${MAX_CODE_LENGTH}. It was ignored.`,
    };
  }
  for (const char of code) {
    if (char !== GS && CONTROL.test(char)) {
      return {
        ok: false,
        error: 'control_character',
        message: `The scan contains the control character ${describeControl(char)}, which no code may contain. It was ignored.`,
      };
    }
  }
  return { ok: true, code };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes the bytes a device sent as UTF-8 (ASCII is a subset) and checks the result. */
export function decodeDeviceBytes(bytes: Uint8Array): CodeCheck {
  let code: string;
  try {
    code = utf8.decode(bytes);
  } catch {
    return {
      ok: false,
      error: 'invalid_utf8',
      message:
        'The scanner sent bytes that are not valid UTF-8 text (check its character-set setting). The scan was ignored.',
    };
  }
  return checkCode(code);
}
