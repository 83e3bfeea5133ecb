// Every recording in test/fixtures/hid/ decodes, through the real decoding path, into exactly the
// codes written out here by hand.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readRecordingFile } from '../../src-main/scanner/recording.ts';
import { ReplaySource } from '../../src-main/scanner/replay-source.ts';
import { createDecoder } from '../../src-main/scanner/decoder-for.ts';
import type { DecodeResult } from '../../src-main/scanner/report-decoder.ts';
import type { ScanError, ScanEvent } from '../../src-main/scanner/scan-event.ts';

const dir = fileURLToPath(new URL('../fixtures/hid/', import.meta.url));
const GS = '\u001d';

interface Expected {
  code: string;
  symbology: string | null;
  aimId: string | null;
}

const EXPECTED: Record<string, { reader: 'hid-pos' | 'hid-keyboard'; scans: Expected[] }> = {
  'hid-pos-ean13.jsonl': {
    reader: 'hid-pos',
    scans: [
      { code: '5901234123457', symbology: 'EAN-13', aimId: ']E0' },
      { code: '96385074', symbology: 'EAN-8', aimId: ']E4' },
    ],
  },
  'hid-pos-code128-long.jsonl': {
    reader: 'hid-pos',
    scans: [
      {
        code: 'WO-2024-000731/ASSET:PUMP-0042/LOC:NBO-B1-R03-S2/QTY:2/LOT:L240611-A/REV:C/CHK:7',
        symbology: 'Code 128',
        aimId: ']C0',
      },
    ],
  },
  'hid-pos-datamatrix-long.jsonl': {
    reader: 'hid-pos',
    scans: [
      {
        code: 'AMMS|ASSET=GEN-0007|SERIAL=SN-4471-2209-XK|MODEL=CAT C18|SITE=ACME-NBO|BAY=B1-R03|SERVICE=2025-03-14|HOURS=11872|NOTE=CHECK-COOLANT',
        symbology: 'DataMatrix',
        aimId: ']d1',
      },
    ],
  },
  'hid-pos-gs1-128.jsonl': {
    reader: 'hid-pos',
    scans: [{ code: `01095011015300031726123110LOT42${GS}21SN1234`, symbology: 'GS1-128', aimId: ']C1' }],
  },
  'hid-pos-qr-url.jsonl': {
    reader: 'hid-pos',
    scans: [
      {
        code: 'https://amms.example.com/a/PUMP-42?site=NBO&tag=Pumpe-Kühlwasser-Süd',
        symbology: 'QR',
        aimId: ']Q1',
      },
    ],
  },
  'hid-pos-newland.jsonl': {
    reader: 'hid-pos',
    scans: [{ code: '6901234567892', symbology: null, aimId: null }],
  },
  'hid-kbd-p101-enter.jsonl': {
    reader: 'hid-keyboard',
    scans: [
      { code: 'P-101', symbology: null, aimId: null },
      { code: 'P-102', symbology: null, aimId: null },
    ],
  },
  'hid-kbd-repeat-1100.jsonl': {
    reader: 'hid-keyboard',
    scans: [{ code: '1100', symbology: null, aimId: null }],
  },
  'hid-kbd-rollover-tab.jsonl': {
    reader: 'hid-keyboard',
    scans: [{ code: 'WH-07B', symbology: null, aimId: null }],
  },
  'hid-kbd-keypad-enter.jsonl': {
    reader: 'hid-keyboard',
    scans: [{ code: '4006381333931', symbology: null, aimId: null }],
  },
  'hid-kbd-gs1-ctrl.jsonl': {
    reader: 'hid-keyboard',
    scans: [{ code: `010950110153000310LOT42${GS}21SN1234`, symbology: null, aimId: null }],
  },
};

function decodeDirectly(file: string): DecodeResult[] {
  const recording = readRecordingFile(dir + file);
  const decoder = createDecoder(recording.device);
  const results = recording.reports.flatMap((report) => decoder.push(report.data, report.t));
  return [...results, ...decoder.flush()];
}

describe('HID recordings in test/fixtures/hid', () => {
  it('every recording in the folder has its expected codes written out here', () => {
    const files = readdirSync(dir).filter((name) => name.endsWith('.jsonl'));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file} decodes into exactly its codes and symbologies, with no refusals`, () => {
      const results = decodeDirectly(file);
      expect(results.filter((result) => result.kind === 'error')).toEqual([]);
      const scans = results.map((result) =>
        result.kind === 'scan'
          ? { code: result.code, symbology: result.symbology, aimId: result.aimId }
          : result,
      );
      expect(scans).toEqual(expected.scans);
    });

    it(`${file} replays as ${expected.reader} with the same scans, in recorded time order`, async () => {
      const source = ReplaySource.fromFile(dir + file, { startAt: 1_000_000 });
      expect(source.reader).toBe(expected.reader);
      const events: ScanEvent[] = [];
      const errors: ScanError[] = [];
      source.on('scan', (event) => events.push(event));
      source.on('error', (error) => errors.push(error));
      await source.start();
      await source.finished();
      expect(errors).toEqual([]);
      expect(events.map(({ code, symbology, aimId }) => ({ code, symbology, aimId }))).toEqual(
        expected.scans,
      );
      for (const event of events) {
        expect(event.source).toBe('replay');
        expect(event.deviceId).toMatch(/^[0-9a-f]{4}:0000:-:00(8c|01)\.000(2|6)$/);
        expect(event.at).toBeGreaterThanOrEqual(1_000_000);
      }
      expect(events.map((event) => event.at)).toEqual(
        [...events.map((event) => event.at)].sort((a, b) => a - b),
      );
    });
  }
});
