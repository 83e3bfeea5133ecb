// A QR code drawn as vector squares (one filled rectangle per dark module) from qrcode-generator.
import qrcode from 'qrcode-generator';

/** What the QR is drawn on: jsPDF's rect, or a counter in the tests. */
export interface RectTarget {
  rect(x: number, y: number, width: number, height: number, style: 'F'): unknown;
}

/** The QR modules of `content` (automatic version, error correction M). */
export function qrModules(content: string): { count: number; isDark: (row: number, col: number) => boolean } {
  const qr = qrcode(0, 'M');
  qr.addData(content);
  qr.make();
  return { count: qr.getModuleCount(), isDark: (row, col) => qr.isDark(row, col) };
}

/** Draws the QR of `content` as a size x size square at (x, y); returns the modules drawn. */
export function drawQr(target: RectTarget, content: string, x: number, y: number, size: number): number {
  const { count, isDark } = qrModules(content);
  const cell = size / count;
  let drawn = 0;
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (!isDark(row, col)) continue;
      target.rect(x + col * cell, y + row * cell, cell, cell, 'F');
      drawn++;
    }
  }
  return drawn;
}
