// Decoder for HID POS barcode scanners (HID usage page 0x8C, "Bar Code Scanner", HID Point of Sale
// Usage Tables 1.02). A scan arrives in Scanned Data Reports (usage 0x12): the AIM symbology
// identifier (Symbology Identifier 1..3, usages 0xFB..0xFD), the data bytes (Decoded Data, 0xFE) and a
// flag saying more of the same scan follows in the next report (Decode Data Continued, 0xFF). Long
// codes (2D symbols) span several reports; they are joined here before decoding as UTF-8, so a
// multi-byte character split across two reports survives.
//
// The usage tables name the fields but not their order; scanners use a 64-byte input report with
// report ID 2 in one of two layouts (byte offsets include the report ID):
//
//   'aim-header' (Hand Held Products/Honeywell/Metrologic "HID POS" interface, Access-IS readers,
//                 and the default for other vendors, e.g. Zebra and Datalogic in HID POS mode):
//       0       report ID 0x02
//       1       length: number of data bytes in this report (0..56)
//       2..4    AIM symbology identifier, e.g. ']' 'E' '0'
//       5..60   data (56 bytes, NUL padded)
//       61      vendor symbology byte (Honeywell Code ID, e.g. 'd' = EAN-13)
//       62      reserved
//       63      bit 0: Decode Data Continued
//
//   'newland'    (Newland and scanners built on Newland engines, in "USB HID-POS" mode):
//       0       report ID 0x02
//       1       length: number of data bytes in this report (0..56)
//       2..57   data (56 bytes)
//       58..61  reserved
//       62      vendor symbology identifier or 0x00 (not interpreted)
//       63      bit 0: Decode Data Continued
//
// Where the platform delivers the report without its ID (63 bytes), the same offsets apply minus one.
// Reports with another report ID (trigger reports, vendor reports) are ignored. A trailing CR/LF
// suffix, which some scanners add even in HID POS mode, is taken off.
import { isAimId, symbologyFromAim, symbologyFromHoneywellCodeId } from './aim-symbology.ts';
import { decodeDeviceBytes, MAX_CODE_LENGTH } from './scan-event.ts';
import type { DecodeResult, ReportDecoder } from './report-decoder.ts';

export type HidPosLayout = 'aim-header' | 'newland';

/** Vendors whose HID POS reports use the Newland layout (no AIM header). */
export const NEWLAND_LAYOUT_VENDORS: ReadonlySet<number> = new Set([0x1eab]);

export const HID_POS_REPORT_ID = 0x02;
/** Bytes of the scanned-data report after the report ID. */
export const HID_POS_BODY_LENGTH = 63;
/** Data bytes per report. */
export const HID_POS_DATA_CAPACITY = 56;
/** Bytes buffered for one scan before it is refused as a runaway (4 bytes per character at most). */
const MAX_SCAN_BYTES = MAX_CODE_LENGTH * 4;

export interface HidPosDecoderOptions {
  /** Picks the layout: Newland's vendor id means 'newland'; otherwise it is recognised per report. */
  vendorId?: number;
  /** Force a layout instead. */
  layout?: HidPosLayout;
  /** 'auto' (default): a 63-byte report has no ID, any other length starts with one. */
  reportId?: 'auto' | 'present' | 'absent';
  /** Give up on a multi-report scan whose next report does not come within this time (default 1000 ms). */
  idleMs?: number;
}

interface ReportPart {
  data: Uint8Array;
  aimId: string | null;
  vendorSymbology: string | null;
  continued: boolean;
}

export class HidPosDecoder implements ReportDecoder {
  readonly reader = 'hid-pos' as const;
  readonly idleMs: number;
  private readonly options: HidPosDecoderOptions;
  private parts: Uint8Array[] = [];
  private bytes = 0;
  private first: ReportPart | null = null;
  private discarding = false;
  private lastAt = 0;

  constructor(options: HidPosDecoderOptions = {}) {
    this.options = options;
    this.idleMs = options.idleMs ?? 1000;
  }

  hasPending(): boolean {
    return this.first !== null || this.discarding;
  }

  push(report: Uint8Array, at: number): DecodeResult[] {
    const out: DecodeResult[] = [];
    if (this.hasPending() && at - this.lastAt > this.idleMs) out.push(...this.flush());
    this.lastAt = at;
    const body = this.body(report);
    if (body === null) return out;
    const part = this.parse(body);
    if (typeof part === 'string') {
      this.reset();
      out.push({ kind: 'error', error: 'malformed_report', message: part, at });
      return out;
    }
    if (this.discarding) {
      if (!part.continued) this.reset();
      return out;
    }
    this.first ??= part;
    this.parts.push(part.data);
    this.bytes += part.data.length;
    if (this.bytes > MAX_SCAN_BYTES) {
      this.reset();
      this.discarding = part.continued;
      out.push({
        kind: 'error',
        error: 'too_long',
        message: `The scan is longer than ${MAX_CODE_LENGTH} characters. It was ignored.`,
        at,
      });
      return out;
    }
    if (!part.continued) out.push(this.finish(at));
    return out;
  }

  flush(): DecodeResult[] {
    if (!this.hasPending()) return [];
    const discarding = this.discarding;
    this.reset();
    if (discarding) return [];
    return [
      {
        kind: 'error',
        error: 'incomplete',
        message: 'The scanner announced more data for this scan but did not send it. Scan the code again.',
        at: this.lastAt,
      },
    ];
  }

  private reset(): void {
    this.parts = [];
    this.bytes = 0;
    this.first = null;
    this.discarding = false;
  }

  private finish(at: number): DecodeResult {
    const first = this.first;
    const joined = new Uint8Array(this.bytes);
    let offset = 0;
    for (const data of this.parts) {
      joined.set(data, offset);
      offset += data.length;
    }
    this.reset();
    let end = joined.length;
    if (end > 0 && joined[end - 1] === 0x0a) end -= 1;
    if (end > 0 && joined[end - 1] === 0x0d) end -= 1;
    const checked = decodeDeviceBytes(joined.subarray(0, end));
    if (!checked.ok) return { kind: 'error', error: checked.error, message: checked.message, at };
    const aimId = first?.aimId ?? null;
    const symbology = symbologyFromAim(aimId, checked.code) ?? first?.vendorSymbology ?? null;
    return { kind: 'scan', code: checked.code, symbology, aimId, at };
  }

  /** The report without its ID, or null for a report that is not a scanned-data report. */
  private body(report: Uint8Array): Uint8Array | null {
    const mode = this.options.reportId ?? 'auto';
    const hasId = mode === 'present' || (mode === 'auto' && report.length !== HID_POS_BODY_LENGTH);
    if (!hasId) return report;
    if (report[0] !== HID_POS_REPORT_ID) return null;
    return report.subarray(1);
  }

  private layoutOf(body: Uint8Array): HidPosLayout {
    if (this.options.layout) return this.options.layout;
    if (this.options.vendorId !== undefined && NEWLAND_LAYOUT_VENDORS.has(this.options.vendorId)) {
      return 'newland';
    }
    // An AIM header starts with ']'; a scanner with AIM identifiers switched off sends three zeros.
    if (body[1] === 0x5d) return 'aim-header';
    if (body[1] === 0 && body[2] === 0 && body[3] === 0) return 'aim-header';
    return 'newland';
  }

  private parse(body: Uint8Array): ReportPart | string {
    if (body.length < 2) return `A scanned-data report of ${body.length + 1} bytes is too short to read.`;
    const length = body[0] ?? 0;
    if (length > HID_POS_DATA_CAPACITY) {
      return `A scanned-data report says it holds ${length} bytes; at most ${HID_POS_DATA_CAPACITY} fit.`;
    }
    const layout = this.layoutOf(body);
    const start = layout === 'aim-header' ? 4 : 1;
    if (body.length < start + length) {
      return `A scanned-data report says it holds ${length} bytes but is only ${body.length + 1} bytes long.`;
    }
    const flags = body[HID_POS_BODY_LENGTH - 1] ?? 0;
    let aimId: string | null = null;
    let vendorSymbology: string | null = null;
    if (layout === 'aim-header') {
      const aim = String.fromCharCode(body[1] ?? 0, body[2] ?? 0, body[3] ?? 0);
      aimId = isAimId(aim) ? aim : null;
      vendorSymbology = symbologyFromHoneywellCodeId(body[60] ?? 0);
    }
    return {
      data: body.slice(start, start + length),
      aimId,
      vendorSymbology,
      continued: (flags & 0x01) === 0x01,
    };
  }
}
