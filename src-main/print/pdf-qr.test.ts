import qrcode from 'qrcode-generator';
import { describe, expect, it } from 'vitest';
import { drawQr, qrModules, type RectTarget } from './pdf-qr.ts';

function painted(
  content: string,
  mode: 'Alphanumeric' | 'Byte',
): { rects: number[][]; drawn: number; dark: Set<string>; cell: number } {
  const rects: number[][] = [];
  const target: RectTarget = {
    rect(x, y, w, h) {
      rects.push([x, y, w, h]);
    },
  };
  const drawn = drawQr(target, content, 10, 20, 27);
  const qr = qrcode(0, 'M');
  qr.addData(content, mode);
  qr.make();
  const dark = new Set<string>();
  for (let r = 0; r < qr.getModuleCount(); r++) {
    for (let c = 0; c < qr.getModuleCount(); c++) if (qr.isDark(r, c)) dark.add(`${String(r)},${String(c)}`);
  }
  return { rects, drawn, dark, cell: 27 / qr.getModuleCount() };
}

describe('drawQr', () => {
  it("paints exactly the dark modules of qrcode-generator's code, inside the square asked for", () => {
    const { rects, drawn, dark, cell } = painted('ACME-NBO-WH1/A-01-03', 'Alphanumeric');
    expect(dark.size).toBeGreaterThan(100);
    expect(drawn).toBe(dark.size);
    const covered = new Set<string>();
    for (const [x = 0, y = 0, w = 0, h = 0] of rects) {
      expect(x).toBeGreaterThanOrEqual(10);
      expect(y).toBeGreaterThanOrEqual(20);
      expect(x + w).toBeLessThanOrEqual(37 + 1e-9);
      expect(y + h).toBeLessThanOrEqual(47 + 1e-9);
      const row = Math.round((y - 20) / cell);
      for (let col = Math.round((x - 10) / cell); col < Math.round((x + w - 10) / cell); col++) {
        covered.add(`${String(row)},${String(col)}`);
      }
    }
    expect(covered).toEqual(dark);
    // Runs of dark modules are one rectangle each.
    expect(rects.length).toBeLessThan(dark.size);
  });

  it('uses alphanumeric mode for codes of that set (a smaller symbol) and byte mode otherwise', () => {
    const signed = `GP1:${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.repeat(8)}`;
    const asBytes = qrcode(0, 'M');
    asBytes.addData(signed, 'Byte');
    asBytes.make();
    expect(qrModules(signed).count).toBeLessThan(asBytes.getModuleCount());
    const lower = 'https://amms.example/q/abc';
    const { dark } = painted(lower, 'Byte');
    expect(dark.size).toBeGreaterThan(0);
  });
});
