// The recording format (JSON Lines) and the code rules every scan passes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { symbologyFromAim } from '../../src-main/scanner/aim-symbology.ts';
import {
  formatRecording,
  parseRecording,
  readRecordingFile,
  RecordingError,
  RecordingWriter,
  writeRecordingFile,
  type Recording,
} from '../../src-main/scanner/recording.ts';
import { checkCode, decodeDeviceBytes, MAX_CODE_LENGTH } from '../../src-main/scanner/scan-event.ts';

const dir = mkdtempSync(join(tmpdir(), 'amms-recording-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const device = { vendorId: 0x0c2e, productId: 0x0b87, usagePage: 0x8c, usage: 2, product: 'Test scanner' };

describe('recordings', () => {
  it('round-trips: written, read back, byte for byte, with the exact line format', () => {
    const recording: Recording = {
      device,
      reports: [
        { t: 0, data: new Uint8Array([0x02, 0x01, 0x5d, 0x45, 0x30, 0x41]) },
        { t: 17, data: new Uint8Array([0x00, 0xff]) },
      ],
    };
    const path = join(dir, 'round-trip.jsonl');
    writeRecordingFile(path, recording);
    expect(readFileSync(path, 'utf8')).toBe(
      '{"device":{"vendorId":3118,"productId":2951,"usagePage":140,"usage":2,"product":"Test scanner"}}\n' +
        '{"t":0,"data":"02015d453041"}\n' +
        '{"t":17,"data":"00ff"}\n',
    );
    expect(readRecordingFile(path)).toEqual(recording);
  });

  it('the streaming writer stamps ms since start and keeps every line', () => {
    let now = 1000;
    const path = join(dir, 'writer.jsonl');
    const writer = new RecordingWriter(path, device, () => now);
    now = 1004.4;
    writer.write(new Uint8Array([1, 2]));
    now = 1250;
    writer.write(new Uint8Array([3]));
    writer.close();
    expect(writer.count).toBe(2);
    expect(readRecordingFile(path).reports).toEqual([
      { t: 4, data: new Uint8Array([1, 2]) },
      { t: 250, data: new Uint8Array([3]) },
    ]);
  });

  it('accepts upper-case hex and blank lines', () => {
    const text = `${JSON.stringify({ device })}\n\n{"t":0,"data":"0AFF"}\n`;
    expect(parseRecording(text).reports).toEqual([{ t: 0, data: new Uint8Array([0x0a, 0xff]) }]);
  });

  const bad: [string, string, RegExp][] = [
    ['no device line', '{"t":0,"data":"00"}', /line 1: the first line must be \{"device"/],
    ['a broken JSON line', `${JSON.stringify({ device })}\n{"t":0,"data":"00"\n`, /line 2: not valid JSON/],
    [
      'odd hex',
      `${JSON.stringify({ device })}\n{"t":0,"data":"0"}`,
      /line 2: .*data: data must be hex bytes/,
    ],
    ['hex with spaces', `${JSON.stringify({ device })}\n{"t":0,"data":"02 0d"}`, /line 2: .*hex bytes/],
    [
      'time going back',
      `${JSON.stringify({ device })}\n{"t":5,"data":"00"}\n{"t":4,"data":"00"}`,
      /line 3: t goes back/,
    ],
    [
      'an unknown field',
      `${JSON.stringify({ device })}\n{"t":0,"data":"00","x":1}`,
      /line 2: expected \{"t"/,
    ],
    [
      'a device without usage page',
      '{"device":{"vendorId":1,"productId":2,"usage":6}}',
      /line 1: .*usagePage/,
    ],
    ['an empty file', '', /line 1: the recording is empty/],
  ];
  for (const [what, text, message] of bad) {
    it(`refuses ${what} with the line number`, () => {
      expect(() => parseRecording(text, 'x.jsonl')).toThrow(RecordingError);
      expect(() => parseRecording(text, 'x.jsonl')).toThrow(message);
    });
  }

  it('says so when the file does not exist', () => {
    expect(() => readRecordingFile(join(dir, 'missing.jsonl'))).toThrow(/missing\.jsonl does not exist/);
  });

  it('formats exactly one report per line after the device line', () => {
    const text = formatRecording({ device, reports: [{ t: 1, data: new Uint8Array([2]) }] });
    expect(text.split('\n')).toHaveLength(3);
  });
});

describe('code rules', () => {
  it('accept printable text and GS, refuse other control characters, empty and over-long codes', () => {
    expect(checkCode('0109501101530003\u001d21X')).toEqual({ ok: true, code: '0109501101530003\u001d21X' });
    expect(checkCode('A\tB')).toMatchObject({ ok: false, error: 'control_character' });
    expect(checkCode('A\u0085B')).toMatchObject({ ok: false, error: 'control_character' });
    expect(checkCode('')).toMatchObject({ ok: false, error: 'empty' });
    expect(checkCode('9'.repeat(MAX_CODE_LENGTH))).toMatchObject({ ok: true });
    expect(checkCode('9'.repeat(MAX_CODE_LENGTH + 1))).toMatchObject({ ok: false, error: 'too_long' });
  });

  it('decode device bytes as strict UTF-8', () => {
    expect(decodeDeviceBytes(new TextEncoder().encode('Süd'))).toEqual({ ok: true, code: 'Süd' });
    expect(decodeDeviceBytes(new Uint8Array([0x53, 0xfc, 0x64]))).toMatchObject({
      ok: false,
      error: 'invalid_utf8',
    });
  });

  it('map AIM identifiers to symbology names', () => {
    expect(symbologyFromAim(']E0', '5901234123457')).toBe('EAN-13');
    expect(symbologyFromAim(']E0', '036000291452')).toBe('UPC-A');
    expect(symbologyFromAim(']E4', '96385074')).toBe('EAN-8');
    expect(symbologyFromAim(']C0')).toBe('Code 128');
    expect(symbologyFromAim(']C1')).toBe('GS1-128');
    expect(symbologyFromAim(']Q1')).toBe('QR');
    expect(symbologyFromAim(']d1')).toBe('DataMatrix');
    expect(symbologyFromAim(']d2')).toBe('GS1 DataMatrix');
    expect(symbologyFromAim(']A0')).toBe('Code 39');
    expect(symbologyFromAim(']X0')).toBeNull();
    expect(symbologyFromAim('E0')).toBeNull();
    expect(symbologyFromAim(null)).toBeNull();
  });
});
