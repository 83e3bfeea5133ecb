// The HID POS decoder on report bytes built from the published layouts: reassembly, report IDs,
// layouts, and the refusals (partial scans, bad UTF-8, control characters, runaway bursts).
import { describe, expect, it } from 'vitest';
import { HidPosDecoder } from '../../src-main/scanner/hid-pos-decoder.ts';
import type { DecodeResult } from '../../src-main/scanner/report-decoder.ts';
import { posReport, posScan } from './report-builders.ts';

function feed(decoder: HidPosDecoder, reports: Uint8Array[], start = 0, step = 2): DecodeResult[] {
  return reports.flatMap((report, i) => decoder.push(report, start + i * step));
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('HidPosDecoder', () => {
  it('reads a single-report scan: length byte, AIM identifier, data', () => {
    const results = feed(new HidPosDecoder(), posScan(']E0', '5901234123457'));
    expect(results).toEqual([
      { kind: 'scan', code: '5901234123457', symbology: 'EAN-13', aimId: ']E0', at: 0 },
    ]);
  });

  it('joins reports while the continued flag is set and emits once, at the last report', () => {
    const code = 'X'.repeat(56) + 'Y'.repeat(56) + 'Z'.repeat(3);
    const reports = posScan(']d1', code);
    expect(reports.map((r) => r[63])).toEqual([1, 1, 0]);
    const decoder = new HidPosDecoder();
    expect(decoder.push(reports[0] ?? new Uint8Array(), 0)).toEqual([]);
    expect(decoder.hasPending()).toBe(true);
    expect(decoder.push(reports[1] ?? new Uint8Array(), 1)).toEqual([]);
    expect(decoder.push(reports[2] ?? new Uint8Array(), 2)).toEqual([
      { kind: 'scan', code, symbology: 'DataMatrix', aimId: ']d1', at: 2 },
    ]);
    expect(decoder.hasPending()).toBe(false);
  });

  it('reads reports without their report ID (63 bytes) the same way', () => {
    const reports = posScan(']C0', 'A'.repeat(60), { withoutReportId: true });
    expect(reports[0]?.length).toBe(63);
    expect(feed(new HidPosDecoder(), reports)).toEqual([
      { kind: 'scan', code: 'A'.repeat(60), symbology: 'Code 128', aimId: ']C0', at: 2 },
    ]);
  });

  it('skips reports with another report ID (e.g. a trigger report)', () => {
    const trigger = new Uint8Array(64);
    trigger[0] = 0x04;
    trigger[1] = 0x01;
    const results = feed(new HidPosDecoder(), [trigger, ...posScan(']E0', '5901234123457')]);
    expect(results.map((r) => (r.kind === 'scan' ? r.code : r.error))).toEqual(['5901234123457']);
  });

  it('reads the Newland layout (no AIM header) for Newland scanners, even when the data starts with ]', () => {
    const decoder = new HidPosDecoder({ vendorId: 0x1eab });
    const results = feed(decoder, posScan('', ']E0123', { layout: 'newland' }));
    expect(results).toEqual([{ kind: 'scan', code: ']E0123', symbology: null, aimId: null, at: 0 }]);
  });

  it('recognises the Newland layout from other vendors by the missing AIM header', () => {
    const results = feed(new HidPosDecoder(), posScan('', 'ABC-123', { layout: 'newland' }));
    expect(results).toEqual([{ kind: 'scan', code: 'ABC-123', symbology: null, aimId: null, at: 0 }]);
  });

  it('falls back to the Honeywell Code ID when the AIM identifier names no symbology', () => {
    const results = feed(new HidPosDecoder(), posScan(']X0', 'HELLO', { codeId: 's' }));
    expect(results).toEqual([{ kind: 'scan', code: 'HELLO', symbology: 'QR', aimId: ']X0', at: 0 }]);
  });

  it('keeps GS (0x1D) in GS1 data and names GS1 symbologies by the AIM modifier', () => {
    const gs1 = '0109501101530003' + '10LOT42' + '\u001d' + '21SN1';
    expect(feed(new HidPosDecoder(), posScan(']C1', gs1))[0]).toMatchObject({
      code: gs1,
      symbology: 'GS1-128',
    });
    expect(feed(new HidPosDecoder(), posScan(']d2', gs1))[0]).toMatchObject({ symbology: 'GS1 DataMatrix' });
    expect(feed(new HidPosDecoder(), posScan(']Q3', gs1))[0]).toMatchObject({ symbology: 'GS1 QR' });
  });

  it('takes a trailing CR/LF suffix off', () => {
    expect(feed(new HidPosDecoder(), posScan(']E0', '5901234123457\r\n'))[0]).toMatchObject({
      code: '5901234123457',
    });
  });

  it('refuses invalid UTF-8 with an error instead of a scan', () => {
    const results = feed(new HidPosDecoder(), posScan(']Q1', new Uint8Array([0x41, 0xff, 0x42])));
    expect(results).toEqual([expect.objectContaining({ kind: 'error', error: 'invalid_utf8' })]);
  });

  it('refuses control characters other than GS', () => {
    const results = feed(new HidPosDecoder(), posScan(']C0', 'AB\u0004CD'));
    expect(results).toEqual([expect.objectContaining({ kind: 'error', error: 'control_character' })]);
    expect((results[0] as { message: string }).message).toContain('\\x04');
  });

  it('refuses a scan over 4096 characters, then reads the next scan normally', () => {
    const decoder = new HidPosDecoder();
    const long = feed(decoder, posScan(']d1', 'A'.repeat(4097)));
    expect(long).toEqual([expect.objectContaining({ kind: 'error', error: 'too_long' })]);
    expect(feed(decoder, posScan(']E0', '5901234123457'), 100)).toEqual([
      expect.objectContaining({ kind: 'scan', code: '5901234123457' }),
    ]);
  });

  it('drops a runaway burst once it passes the byte limit: one error, the rest skipped, then normal again', () => {
    const decoder = new HidPosDecoder();
    const runaway = Array.from({ length: 400 }, () =>
      posReport({ aim: ']d1', data: bytes('A'.repeat(56)), continued: true }),
    );
    const results = feed(decoder, [
      ...runaway,
      posReport({ aim: ']d1', data: bytes('END'), continued: false }),
    ]);
    expect(results).toEqual([expect.objectContaining({ kind: 'error', error: 'too_long' })]);
    expect(decoder.hasPending()).toBe(false);
    expect(feed(decoder, posScan(']E0', '5901234123457'), 10_000)).toEqual([
      expect.objectContaining({ kind: 'scan', code: '5901234123457' }),
    ]);
  });

  it('reports a partial scan (continued flag, then nothing) as incomplete on flush', () => {
    const decoder = new HidPosDecoder();
    const [first] = posScan(']C0', 'B'.repeat(70));
    expect(decoder.push(first ?? new Uint8Array(), 5)).toEqual([]);
    expect(decoder.flush()).toEqual([expect.objectContaining({ kind: 'error', error: 'incomplete', at: 5 })]);
    expect(decoder.hasPending()).toBe(false);
  });

  it('gives up a partial scan when the next report comes after idleMs, and decodes that report', () => {
    const decoder = new HidPosDecoder({ idleMs: 100 });
    const [first] = posScan(']C0', 'B'.repeat(70));
    decoder.push(first ?? new Uint8Array(), 0);
    const results = feed(decoder, posScan(']E0', '5901234123457'), 500);
    expect(results.map((r) => (r.kind === 'scan' ? r.code : r.error))).toEqual([
      'incomplete',
      '5901234123457',
    ]);
  });

  it('refuses a report whose length byte is larger than 56 or than the report', () => {
    const bad = posReport({ aim: ']E0', data: bytes('1'), continued: false });
    bad[1] = 57;
    expect(feed(new HidPosDecoder(), [bad])).toEqual([
      expect.objectContaining({ kind: 'error', error: 'malformed_report' }),
    ]);
    const short = posReport({ aim: ']E0', data: bytes('12345678'), continued: false }).slice(0, 10);
    expect(feed(new HidPosDecoder(), [short])).toEqual([
      expect.objectContaining({ kind: 'error', error: 'malformed_report' }),
    ]);
  });
});
