// A QR code drawn as vector squares (one filled rectangle per dark module) from qrcode-generator:
// sharp at any print resolution. Content made only of the QR alphanumeric set (0-9, A-Z, space and
// $%*+-./:), like a signed gate pass code, is encoded in alphanumeric mode (5.5 bits a character
// instead of 8), so the same payload needs a smaller symbol.
import qrcode from 'qrcode-generator';

/** What the QR is drawn on: jsPDF's rect, or a counter in the tests. */
export interface RectTarget {
  rect(x: number, y: number, width: number, height: number, style: 'F'): unknown;
  /** jsPDF's: the modules are black whatever colour text or shading left behind. */
  setFillColor?(r: number, g: number, b: number): unknown;
}

const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]+$/;

export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

/** The QR modules of `content` (automatic version, error correction M unless given). */
export function qrModules(
  content: string,
  level: QrErrorCorrection = 'M',
): { count: number; isDark: (row: number, col: number) => boolean } {
  const qr = qrcode(0, level);
  qr.addData(content, ALPHANUMERIC.test(content) ? 'Alphanumeric' : 'Byte');
  qr.make();
  return { count: qr.getModuleCount(), isDark: (row, col) => qr.isDark(row, col) };
}

/** Draws the QR of `content` as a size x size square at (x, y); returns the modules drawn. */
export function drawQr(
  target: RectTarget,
  content: string,
  x: number,
  y: number,
  size: number,
  level: QrErrorCorrection = 'M',
): number {
  const { count, isDark } = qrModules(content, level);
  const cell = size / count;
  target.setFillColor?.(0, 0, 0);
  let drawn = 0;
  for (let row = 0; row < count; row++) {
    // Runs of dark modules in a row as one rectangle: fewer PDF operators, no hairline gaps.
    let col = 0;
    while (col < count) {
      if (!isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && isDark(row, col)) col++;
      target.rect(x + start * cell, y + row * cell, (col - start) * cell, cell, 'F');
      drawn += col - start;
    }
  }
  return drawn;
}
