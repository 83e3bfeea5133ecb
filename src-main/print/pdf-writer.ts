// The station's PDF pen: a jsPDF document in millimetres with the embedded fonts, and text drawn
// in runs of one face each (so one line can mix Latin and Ethiopic), measured, cut to a width
// with "..." and wrapped into lines. Every document (labels, gate pass, manifest, receipt) draws
// through it.
import { jsPDF } from 'jspdf';
import { truncate, wrapText } from './label-layout.ts';
import { MAIN_FAMILY, registerFonts, textRuns, type FontCoverage, type FontWeight } from './pdf-fonts.ts';

export type PageFormat = 'a4' | 'a5';

/** Page sizes in millimetres (portrait). */
export const PAGE_SIZES: Record<PageFormat, { width: number; height: number }> = {
  a4: { width: 210, height: 297 },
  a5: { width: 148, height: 210 },
};

/** Points to millimetres. */
export const PT = 25.4 / 72;

export interface TextStyle {
  /** Font size in points. */
  size: number;
  weight?: FontWeight;
  /** Grey level 0 (black) to 255. */
  grey?: number;
}

export interface DrawOptions extends TextStyle {
  align?: 'left' | 'right' | 'center';
  /** Cut the text with "..." to fit this width (mm). */
  maxWidth?: number;
}

export interface PdfMeta {
  title: string;
  subject?: string;
  author?: string;
  /** Fixed creation date, so that the same data gives the same document. */
  createdAt?: Date;
}

export class PdfWriter {
  readonly doc: jsPDF;
  readonly page: { width: number; height: number };
  private readonly coverage: FontCoverage;
  private readonly decorations: ((writer: PdfWriter) => void)[] = [];

  constructor(format: PageFormat, meta: PdfMeta) {
    this.doc = new jsPDF({ unit: 'mm', format, orientation: 'portrait', compress: true });
    this.page = PAGE_SIZES[format];
    this.coverage = registerFonts(this.doc);
    this.doc.setProperties({
      title: meta.title,
      subject: meta.subject ?? '',
      author: meta.author ?? '',
      creator: 'AMMS Station',
    });
    if (meta.createdAt) {
      this.doc.setCreationDate(meta.createdAt);
      this.doc.setFileId(fileIdOf(meta.title, meta.createdAt));
    }
    this.doc.setTextColor(0, 0, 0);
    this.doc.setDrawColor(0, 0, 0);
    this.doc.setFillColor(0, 0, 0);
  }

  /** Selects the main face in a weight, for drawing with jsPDF directly (e.g. rotated text). */
  useMainFont(weight: FontWeight): void {
    this.coverage.use(MAIN_FAMILY, weight);
  }

  /** Line height in mm for a font size in points (1.25 times the size). */
  lineHeight(size: number): number {
    return size * PT * 1.25;
  }

  width(text: string, style: TextStyle): number {
    let total = 0;
    for (const run of textRuns(text, this.coverage)) {
      this.coverage.use(run.family, style.weight ?? 'normal');
      this.doc.setFontSize(style.size);
      total += this.doc.getTextWidth(run.text);
    }
    return total;
  }

  /** Draws one line of text with its baseline at y; returns the width drawn. */
  text(text: string, x: number, y: number, options: DrawOptions): number {
    const shown =
      options.maxWidth === undefined ? text : truncate(text, options.maxWidth, (t) => this.width(t, options));
    const width = this.width(shown, options);
    let left = x;
    if (options.align === 'right') left = x - width;
    else if (options.align === 'center') left = x - width / 2;
    const grey = options.grey ?? 0;
    this.doc.setTextColor(grey, grey, grey);
    for (const run of textRuns(shown, this.coverage)) {
      this.coverage.use(run.family, options.weight ?? 'normal');
      this.doc.setFontSize(options.size);
      this.doc.text(run.text, left, y);
      left += this.doc.getTextWidth(run.text);
    }
    if (grey !== 0) this.doc.setTextColor(0, 0, 0);
    return width;
  }

  /** `text` wrapped into at most maxLines lines of maxWidth (the last one cut with "..."). */
  wrap(text: string, maxWidth: number, maxLines: number, style: TextStyle): string[] {
    return wrapText(text, maxWidth, maxLines, (t) => this.width(t, style));
  }

  /** Draws wrapped lines from baseline y; returns the baseline after the last line. */
  paragraph(
    text: string,
    x: number,
    y: number,
    maxWidth: number,
    maxLines: number,
    style: TextStyle,
  ): number {
    let line = y;
    for (const row of this.wrap(text, maxWidth, maxLines, style)) {
      this.text(row, x, line, style);
      line += this.lineHeight(style.size);
    }
    return line;
  }

  rule(x1: number, y: number, x2: number, width = 0.2, grey = 0): void {
    this.doc.setLineWidth(width);
    this.doc.setDrawColor(grey, grey, grey);
    this.doc.line(x1, y, x2, y);
    this.doc.setDrawColor(0, 0, 0);
  }

  box(x: number, y: number, width: number, height: number, lineWidth = 0.3): void {
    this.doc.setLineWidth(lineWidth);
    this.doc.rect(x, y, width, height, 'S');
  }

  fill(x: number, y: number, width: number, height: number, grey: number): void {
    this.doc.setFillColor(grey, grey, grey);
    this.doc.rect(x, y, width, height, 'F');
    this.doc.setFillColor(0, 0, 0);
  }

  /** Draws `decoration` on this page and on every page added after it (e.g. a COPY watermark). */
  decorate(decoration: (writer: PdfWriter) => void): void {
    this.decorations.push(decoration);
    decoration(this);
  }

  /** Starts a new page, with the decorations. */
  newPage(): void {
    this.doc.addPage();
    for (const decoration of this.decorations) decoration(this);
  }

  pageCount(): number {
    return this.doc.getNumberOfPages();
  }

  output(): Uint8Array {
    return fixCidOrdering(new Uint8Array(this.doc.output('arraybuffer')));
  }
}

/** A PDF file id from the title and date: the same document data gives the same bytes. */
function fileIdOf(title: string, date: Date): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const char of `${title}|${date.toISOString()}`) {
    const code = char.codePointAt(0) ?? 0;
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ (code + 7), 0x811c9dc5) >>> 0;
  }
  const hex = (n: number): string => n.toString(16).padStart(8, '0');
  return (hex(a) + hex(b) + hex((a ^ b) >>> 0) + hex((a + b) >>> 0)).toUpperCase();
}

const WRONG_ORDERING = Buffer.from('/Ordering (Identity-H)', 'latin1');
const RIGHT_ORDERING = Buffer.from('/Ordering (Identity)  ', 'latin1');

/**
 * jsPDF writes the CIDSystemInfo of its Identity-H fonts with the encoding's name as the ordering
 * ("Identity-H"); the PDF reference says "Identity", and poppler complains about the other. The
 * dictionary is not compressed, so the fix is in place, padded with spaces to keep every byte
 * offset of the cross-reference table.
 */
function fixCidOrdering(bytes: Uint8Array): Uint8Array {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = buffer.indexOf(WRONG_ORDERING);
  while (at >= 0) {
    RIGHT_ORDERING.copy(buffer, at);
    at = buffer.indexOf(WRONG_ORDERING, at + WRONG_ORDERING.length);
  }
  return bytes;
}

/** Rows or labels drawn so far and of how many (a long document reports as it goes). */
export type RenderProgress = (done: number, total: number) => void;
