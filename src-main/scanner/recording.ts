// Recordings of raw HID reports, so a site can send in what its scanner really does. JSON Lines:
//   {"device": {"vendorId": 3118, "productId": 2951, "usagePage": 140, "usage": 2, ...}}
//   {"t": 0, "data": "02 0d 5d 45 30 ..."}   <- hex bytes as node-hid delivers them, without spaces
// one report per line after the first; t is ms since the recording started (never decreasing); data
// is the report in hex, report ID first where the device uses one.
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { z } from 'zod';

export const recordingDeviceSchema = z.object({
  vendorId: z.number().int().min(0).max(0xffff),
  productId: z.number().int().min(0).max(0xffff),
  usagePage: z.number().int().min(0).max(0xffff),
  usage: z.number().int().min(0).max(0xffff),
  product: z.string().optional(),
  manufacturer: z.string().optional(),
  serialNumber: z.string().optional(),
  interface: z.number().int().optional(),
  release: z.number().int().optional(),
  path: z.string().optional(),
});
export type RecordingDevice = z.infer<typeof recordingDeviceSchema>;

const headerSchema = z.strictObject({ device: recordingDeviceSchema });
const reportSchema = z.strictObject({
  t: z.number().min(0),
  data: z
    .string()
    .regex(
      /^(?:[0-9a-fA-F]{2})+$/,
      'data must be hex bytes without spaces (an even number of 0-9a-f digits)',
    ),
});

export interface RecordedReport {
  /** ms since the recording started. */
  t: number;
  data: Uint8Array;
}

export interface Recording {
  device: RecordingDevice;
  reports: RecordedReport[];
}

/** A recording that cannot be read, with the file and line at fault. */
export class RecordingError extends Error {
  override name = 'RecordingError';
  constructor(
    readonly where: string,
    readonly line: number,
    problem: string,
  ) {
    super(`${where} line ${line}: ${problem}`);
  }
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function fromHex(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid line';
  const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${path}${issue.message}`;
}

/** Parses a recording; `where` names it in errors (a file name). */
export function parseRecording(text: string, where = 'recording'): Recording {
  const lines = text.split(/\r?\n/);
  let device: RecordingDevice | null = null;
  const reports: RecordedReport[] = [];
  let lastT = 0;
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new RecordingError(where, line, 'not valid JSON');
    }
    if (device === null) {
      const header = headerSchema.safeParse(value);
      if (!header.success) {
        throw new RecordingError(
          where,
          line,
          `the first line must be {"device": {vendorId, productId, usagePage, usage, ...}} (${issueText(header.error)})`,
        );
      }
      device = header.data.device;
      continue;
    }
    const report = reportSchema.safeParse(value);
    if (!report.success) {
      throw new RecordingError(
        where,
        line,
        `expected {"t": <ms>, "data": "<hex>"} (${issueText(report.error)})`,
      );
    }
    if (report.data.t < lastT) {
      throw new RecordingError(where, line, `t goes back in time (${report.data.t} after ${lastT})`);
    }
    lastT = report.data.t;
    reports.push({ t: report.data.t, data: fromHex(report.data.data) });
  }
  if (device === null) throw new RecordingError(where, 1, 'the recording is empty (no device line)');
  return { device, reports };
}

export function readRecordingFile(path: string): Recording {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new Error(
      code === 'ENOENT' ? `${path} does not exist.` : `cannot read ${path}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return parseRecording(text, path);
}

export function headerLine(device: RecordingDevice): string {
  return JSON.stringify({ device: recordingDeviceSchema.parse(device) });
}

export function reportLine(t: number, data: Uint8Array): string {
  return JSON.stringify({ t, data: toHex(data) });
}

export function formatRecording(recording: Recording): string {
  return (
    [headerLine(recording.device), ...recording.reports.map((r) => reportLine(r.t, r.data))].join('\n') + '\n'
  );
}

export function writeRecordingFile(path: string, recording: Recording): void {
  writeFileSync(path, formatRecording(recording));
}

/** Writes a recording as reports arrive, one line each, so an interrupted recording keeps what it had. */
export class RecordingWriter {
  private readonly fd: number;
  private readonly startedAt: number;
  count = 0;

  constructor(
    readonly path: string,
    device: RecordingDevice,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, headerLine(device) + '\n');
    this.startedAt = now();
  }

  write(data: Uint8Array): void {
    const t = Math.max(0, Math.round(this.now() - this.startedAt));
    writeSync(this.fd, reportLine(t, data) + '\n');
    this.count += 1;
  }

  close(): void {
    closeSync(this.fd);
  }
}
