// Decoder for scanners in keyboard mode, read as HID: boot keyboard input reports (HID 1.11,
// appendix B.1), 8 bytes: modifier bits, a reserved byte, and the usage IDs of up to six keys that
// are down. A composite device puts its report ID (one byte) in front: 9 bytes.
//
// A report says which keys are down, not which were pressed, so characters come from key-down edges:
// a key present in the previous report is held, not pressed again (a scanner typing "1100" must
// release '1' between the two), and keys that appear together are taken in report order (rollover).
// Shift (left or right) and Caps Lock decide the case on a US layout (us-keyboard-layout.ts);
// Ctrl+] gives GS (0x1D), as does Alt + keypad 0029, the two ways scanners type GS1 separators.
// Enter, keypad Enter and Tab end a scan; without a terminator a scan ends after idleMs of silence.
import type { DecodeResult, ReportDecoder } from './report-decoder.ts';
import { checkCode, MAX_CODE_LENGTH } from './scan-event.ts';
import {
  controlCharacter,
  KEY_CAPS_LOCK,
  KEY_ENTER,
  KEY_ERROR_ROLLOVER,
  KEY_KEYPAD_ENTER,
  KEY_TAB,
  keypadDigit,
  MOD_ALT,
  MOD_CTRL,
  MOD_SHIFT,
  usCharacter,
} from './us-keyboard-layout.ts';

export const BOOT_REPORT_LENGTH = 8;
const TERMINATORS: ReadonlySet<number> = new Set([KEY_ENTER, KEY_KEYPAD_ENTER, KEY_TAB]);

export interface HidKeyboardDecoderOptions {
  /** A scan without terminator ends after this much silence (default 200 ms). */
  idleMs?: number;
  /** 'auto' (default): 9-byte reports start with a report ID, 8-byte reports have none. */
  reportId?: 'auto' | 'present' | 'absent';
}

export class HidKeyboardDecoder implements ReportDecoder {
  readonly reader = 'hid-keyboard' as const;
  readonly idleMs: number;
  private readonly reportIdMode: 'auto' | 'present' | 'absent';
  private keyboardReportId: number | null = null;
  private held: number[] = [];
  private heldModifiers = 0;
  private capsLock = false;
  private buffer = '';
  private overflowed = false;
  private altDigits: string | null = null;
  private lastAt = 0;

  constructor(options: HidKeyboardDecoderOptions = {}) {
    this.idleMs = options.idleMs ?? 200;
    this.reportIdMode = options.reportId ?? 'auto';
  }

  hasPending(): boolean {
    return this.buffer.length > 0 || this.overflowed;
  }

  push(report: Uint8Array, at: number): DecodeResult[] {
    const out: DecodeResult[] = [];
    if (this.hasPending() && at - this.lastAt > this.idleMs) out.push(...this.flush());
    this.lastAt = at;
    const body = this.body(report);
    if (body === null) return out;
    const modifiers = body[0] ?? 0;
    const keys = [...body.subarray(2, BOOT_REPORT_LENGTH)].filter((key) => key !== 0);
    // Phantom state: too many keys down, the report carries no key information.
    if (keys.includes(KEY_ERROR_ROLLOVER)) return out;

    if ((this.heldModifiers & MOD_ALT) !== 0 && (modifiers & MOD_ALT) === 0) this.endAltCode();
    for (const key of keys) {
      if (!this.held.includes(key)) this.press(key, modifiers, at, out);
    }
    this.held = keys;
    this.heldModifiers = modifiers;
    return out;
  }

  flush(): DecodeResult[] {
    if (!this.hasPending()) return [];
    return [this.finish(this.lastAt)];
  }

  private press(key: number, modifiers: number, at: number, out: DecodeResult[]): void {
    if (key === KEY_CAPS_LOCK) {
      this.capsLock = !this.capsLock;
      return;
    }
    if (TERMINATORS.has(key)) {
      if (this.hasPending()) out.push(this.finish(at));
      return;
    }
    if ((modifiers & MOD_ALT) !== 0) {
      const digit = keypadDigit(key);
      if (digit !== null) this.altDigits = (this.altDigits ?? '') + digit;
      return;
    }
    const char = usCharacter(key, (modifiers & MOD_SHIFT) !== 0, this.capsLock);
    if (char === null) return;
    if ((modifiers & MOD_CTRL) !== 0) {
      const control = controlCharacter(char);
      if (control !== null) this.append(control);
      return;
    }
    this.append(char);
  }

  /** Alt released after keypad digits: the character with that decimal code (ASCII only). */
  private endAltCode(): void {
    const digits = this.altDigits;
    this.altDigits = null;
    if (digits === null) return;
    const code = Number.parseInt(digits, 10);
    if (code > 0 && code < 0x80) this.append(String.fromCharCode(code));
  }

  private append(text: string): void {
    if (this.overflowed) return;
    this.buffer += text;
    if (this.buffer.length > MAX_CODE_LENGTH) {
      this.buffer = '';
      this.overflowed = true;
    }
  }

  private finish(at: number): DecodeResult {
    const code = this.buffer;
    const overflowed = this.overflowed;
    this.buffer = '';
    this.overflowed = false;
    if (overflowed) {
      return {
        kind: 'error',
        error: 'too_long',
        message: `The scan is longer than ${MAX_CODE_LENGTH} characters. It was ignored.`,
        at,
      };
    }
    const checked = checkCode(code);
    if (!checked.ok) return { kind: 'error', error: checked.error, message: checked.message, at };
    return { kind: 'scan', code: checked.code, symbology: null, aimId: null, at };
  }

  /** The 8 boot-report bytes, or null for a report of another ID or an odd length. */
  private body(report: Uint8Array): Uint8Array | null {
    const hasId =
      this.reportIdMode === 'present' ||
      (this.reportIdMode === 'auto' && report.length === BOOT_REPORT_LENGTH + 1);
    if (!hasId) return report.length >= BOOT_REPORT_LENGTH ? report.subarray(0, BOOT_REPORT_LENGTH) : null;
    if (report.length < BOOT_REPORT_LENGTH + 1) return null;
    // The first numbered report seen is taken to be the keyboard's; other report IDs are skipped.
    this.keyboardReportId ??= report[0] ?? null;
    if (report[0] !== this.keyboardReportId) return null;
    return report.subarray(1, BOOT_REPORT_LENGTH + 1);
  }
}
