// What a decoder of raw HID input reports looks like, and which reader a device needs (the decoder
// itself is made by decoder-for.ts). Decoders are pure:
// reports and their times go in, scans and refusals come out; no timers, no I/O. The same decoders
// serve the live node-hid reader and the replay of a recording.
import type { ScanErrorCode } from './scan-event.ts';

export type ReaderKind = 'hid-pos' | 'hid-keyboard';

export type DecodeResult =
  | { kind: 'scan'; code: string; symbology: string | null; aimId: string | null; at: number }
  | { kind: 'error'; error: ScanErrorCode; message: string; at: number };

export interface ReportDecoder {
  readonly reader: ReaderKind;
  /** After this much silence a pending scan is flushed (keyboard) or given up (HID POS). */
  readonly idleMs: number;
  /** One input report as node-hid delivers it (report ID first where the device uses one). */
  push(report: Uint8Array, at: number): DecodeResult[];
  /** True while part of a scan is buffered. */
  hasPending(): boolean;
  /** Ends what is buffered: after idleMs of silence, when the device goes away, or at the end of a replay. */
  flush(): DecodeResult[];
}

/** The HID usage a device presents, as node-hid lists it. */
export interface DeviceUsage {
  vendorId: number;
  usagePage?: number | undefined;
  usage?: number | undefined;
}

export const USAGE_PAGE_BARCODE_SCANNER = 0x8c;
export const USAGE_PAGE_GENERIC_DESKTOP = 0x01;
export const USAGE_KEYBOARD = 0x06;

export interface DecoderOptions {
  /** Keyboard mode: flush a scan without terminator after this much silence (default 200 ms). */
  keyboardIdleMs?: number;
}

/** Which reader a device's usage calls for, or null when it is neither a HID POS scanner nor a keyboard. */
export function readerFor(device: DeviceUsage): ReaderKind | null {
  if (device.usagePage === USAGE_PAGE_BARCODE_SCANNER) return 'hid-pos';
  if (device.usagePage === USAGE_PAGE_GENERIC_DESKTOP && device.usage === USAGE_KEYBOARD)
    return 'hid-keyboard';
  return null;
}
