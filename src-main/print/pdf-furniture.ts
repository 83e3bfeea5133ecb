// Page furniture of the station's documents: a header with the title and the reference on every
// page, a footer with who printed it where and "Page n of m", a COPY watermark on reprints, and
// signature blocks. Headers and footers are drawn last, once the page count is known.
import type { PdfWriter } from './pdf-writer.ts';

export const MARGIN = { top: 12, bottom: 12, left: 12, right: 12 } as const;
/** Where content starts below the header, and how far above the page's foot it must end. */
export const HEADER_HEIGHT = 14;
export const FOOTER_HEIGHT = 9;

export function contentTop(): number {
  return MARGIN.top + HEADER_HEIGHT;
}

export function contentBottom(writer: PdfWriter): number {
  return writer.page.height - MARGIN.bottom - FOOTER_HEIGHT;
}

export function contentWidth(writer: PdfWriter): number {
  return writer.page.width - MARGIN.left - MARGIN.right;
}

export interface Furniture {
  /** "GATE PASS", "MANIFEST", "RECEIPT REPORT". */
  title: string;
  /** The reference people say on the radio, on every page (e.g. GP-NBO-0042). */
  reference: string;
  /** A line under the title (e.g. "ACME-NBO → ACME-MSA"). */
  subtitle?: string;
  /** The footer's left side (e.g. "Printed 14 Mar 2026 10:02 by Winnie Njeri at Counter 1"). */
  footer: string;
  /** "COPY 2" on a reprint, null on the original. */
  copyMark: string | null;
}

/** Header and footer on every page, with "Page n of m". */
export function drawFurniture(writer: PdfWriter, furniture: Furniture): void {
  const pages = writer.pageCount();
  const left = MARGIN.left;
  const right = writer.page.width - MARGIN.right;
  const footY = writer.page.height - MARGIN.bottom;
  for (let page = 1; page <= pages; page++) {
    writer.doc.setPage(page);
    const top = MARGIN.top + 5;
    const refWidth = writer.text(furniture.reference, right, top, {
      size: 14,
      weight: 'bold',
      align: 'right',
    });
    writer.text(furniture.title, left, top, {
      size: 13,
      weight: 'bold',
      maxWidth: right - left - refWidth - 6,
    });
    if (furniture.subtitle) {
      writer.text(furniture.subtitle, left, top + 5.5, { size: 8.5, maxWidth: right - left - 40 });
    }
    if (furniture.copyMark) {
      writer.text(furniture.copyMark, right, top + 5.5, { size: 9, weight: 'bold', align: 'right' });
    }
    writer.rule(left, MARGIN.top + HEADER_HEIGHT - 3, right, 0.4);
    writer.rule(left, footY - 5, right, 0.2, 120);
    const pageText = `Page ${String(page)} of ${String(pages)}`;
    const pageWidth = writer.text(pageText, right, footY - 1.5, { size: 8, weight: 'bold', align: 'right' });
    writer.text(furniture.footer, left, footY - 1.5, {
      size: 7,
      grey: 60,
      maxWidth: right - left - pageWidth - 6,
    });
  }
}

/** A large light "COPY n" across the page, drawn under the content of every page. */
export function copyWatermark(mark: string): (writer: PdfWriter) => void {
  return (writer) => {
    const { doc, page } = writer;
    writer.useMainFont('bold');
    doc.setFontSize(90);
    doc.setTextColor(225, 225, 225);
    doc.text(mark, page.width / 2, page.height / 2, { align: 'center', angle: 35, baseline: 'middle' });
    doc.setTextColor(0, 0, 0);
  };
}

export interface SignatureBlock {
  /** "Issued by", "Authorised by", "Security", "Driver". */
  role: string;
  /** Printed under the role when known (the issuing clerk). */
  name?: string;
}

const BLOCK_HEIGHT = 24;

/** Signature blocks in `columns` columns from y; returns the y below them. */
export function drawSignatureBlocks(
  writer: PdfWriter,
  x: number,
  y: number,
  width: number,
  blocks: readonly SignatureBlock[],
  columns = 2,
): number {
  const gap = 4;
  const blockWidth = (width - gap * (columns - 1)) / columns;
  blocks.forEach((block, index) => {
    const bx = x + (index % columns) * (blockWidth + gap);
    const by = y + Math.floor(index / columns) * (BLOCK_HEIGHT + gap);
    writer.box(bx, by, blockWidth, BLOCK_HEIGHT, 0.25);
    writer.text(block.role, bx + 2, by + 4, { size: 8, weight: 'bold' });
    const lines: [string, string | undefined][] = [
      ['Name', block.name],
      ['Signature', undefined],
      ['Date / time', undefined],
    ];
    lines.forEach(([label, value], row) => {
      const ly = by + 10 + row * 6;
      writer.text(label, bx + 2, ly, { size: 6.5, grey: 90 });
      writer.rule(bx + 18, ly + 0.6, bx + blockWidth - 2, 0.15, 110);
      if (value) writer.text(value, bx + 19, ly - 0.4, { size: 8, maxWidth: blockWidth - 22 });
    });
  });
  const rows = Math.ceil(blocks.length / columns);
  return y + rows * BLOCK_HEIGHT + (rows - 1) * gap;
}

export function signatureBlocksHeight(count: number, columns = 2): number {
  const rows = Math.ceil(count / columns);
  return rows * BLOCK_HEIGHT + (rows - 1) * 4;
}
