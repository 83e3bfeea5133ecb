import { describe, expect, it } from 'vitest';
import qrcode from 'qrcode-generator';
import {
  assetQrContent,
  binQrContent,
  labelSlot,
  LABELS_PER_PAGE,
  pageCount,
  SHEET,
  truncate,
  wrapText,
} from './label-layout.ts';
import { drawQr, type RectTarget } from './label-qr.ts';

/** One unit per character. */
const chars = (text: string): number => text.length;

describe('label grid', () => {
  it('fills 3 x 8 labels of 70 x 37 mm row by row, then the next page', () => {
    expect(LABELS_PER_PAGE).toBe(24);
    expect(labelSlot(0)).toEqual({ page: 0, x: 0, y: 0.5 });
    expect(labelSlot(2)).toEqual({ page: 0, x: 140, y: 0.5 });
    expect(labelSlot(3)).toEqual({ page: 0, x: 0, y: 37.5 });
    expect(labelSlot(23)).toEqual({ page: 0, x: 140, y: 0.5 + 7 * 37 });
    expect(labelSlot(24)).toEqual({ page: 1, x: 0, y: 0.5 });
    const last = labelSlot(23);
    expect(last.y + SHEET.labelHeight).toBeLessThanOrEqual(SHEET.pageHeight);
  });

  it('counts pages', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(24)).toBe(1);
    expect(pageCount(25)).toBe(2);
    expect(pageCount(30)).toBe(2);
  });
});

describe('text fitting', () => {
  it('keeps text that fits and cuts what does not', () => {
    expect(truncate('Pump', 10, chars)).toBe('Pump');
    expect(truncate('Dewatering pump', 10, chars)).toBe('Dewater...');
    expect(truncate('Dewatering pump', 2, chars)).toBe('');
  });

  it('wraps at spaces, breaks long words and truncates the last line', () => {
    expect(wrapText('Dewatering pump Godwin', 16, 2, chars)).toEqual(['Dewatering pump', 'Godwin']);
    expect(wrapText('AbCdEfGhIjKlMnOpQrStUvWx', 12, 2, chars)).toEqual(['AbCdEfGhIjKl', 'MnOpQrStUvWx']);
    expect(wrapText('Dewatering pump Godwin CD150 diesel', 16, 2, chars)).toEqual([
      'Dewatering pump',
      'Godwin CD150...',
    ]);
    expect(wrapText('  ', 10, 2, chars)).toEqual([]);
  });
});

describe('QR content', () => {
  it('is the QR token of an asset, else its client code, and WAREHOUSE/BIN for a bin', () => {
    expect(assetQrContent('AbCdEfGhIjKlMnOpQrStUvWx', 'P-101')).toBe('AbCdEfGhIjKlMnOpQrStUvWx');
    expect(assetQrContent(null, 'P-101')).toBe('P-101');
    expect(assetQrContent('', 'P-101')).toBe('P-101');
    expect(binQrContent('ACME-NBO-WH1', 'A-01-03')).toBe('ACME-NBO-WH1/A-01-03');
  });
});

describe('drawQr', () => {
  it("draws one square per dark module of qrcode-generator's code, inside the square asked for", () => {
    const rects: [number, number, number, number][] = [];
    const target: RectTarget = {
      rect(x, y, w, h) {
        rects.push([x, y, w, h]);
      },
    };
    const content = 'ACME-NBO-WH1/A-01-03';
    const drawn = drawQr(target, content, 10, 20, 27);
    const qr = qrcode(0, 'M');
    qr.addData(content);
    qr.make();
    let dark = 0;
    for (let r = 0; r < qr.getModuleCount(); r++) {
      for (let c = 0; c < qr.getModuleCount(); c++) if (qr.isDark(r, c)) dark++;
    }
    expect(dark).toBeGreaterThan(100);
    expect(drawn).toBe(dark);
    expect(rects).toHaveLength(dark);
    for (const [x, y, w, h] of rects) {
      expect(x).toBeGreaterThanOrEqual(10);
      expect(y).toBeGreaterThanOrEqual(20);
      expect(x + w).toBeLessThanOrEqual(37 + 1e-9);
      expect(y + h).toBeLessThanOrEqual(47 + 1e-9);
    }
  });
});
