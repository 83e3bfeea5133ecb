// Pure helpers for label sheets: where label N goes on an A4 sheet of 3 x 8 labels of 70 x 37 mm
// (a common label stock, e.g. 24 per sheet), how text is fitted into a label, and what a label's
// QR code holds (exactly what the resolver in src-main/resolve understands).

/** The label stock, in millimetres. */
export const SHEET = {
  pageWidth: 210,
  pageHeight: 297,
  columns: 3,
  rows: 8,
  labelWidth: 70,
  labelHeight: 37,
} as const;

export const LABELS_PER_PAGE = SHEET.columns * SHEET.rows;

/** Top margin that centres the rows on the page (0.5 mm for 8 x 37 mm on A4). */
const TOP = (SHEET.pageHeight - SHEET.rows * SHEET.labelHeight) / 2;
const LEFT = (SHEET.pageWidth - SHEET.columns * SHEET.labelWidth) / 2;

export interface LabelSlot {
  /** 0-based page. */
  page: number;
  /** Top-left corner of the label, mm from the page's top-left. */
  x: number;
  y: number;
}

/** The slot of the index-th label (0-based), filled row by row, page by page. */
export function labelSlot(index: number): LabelSlot {
  const page = Math.floor(index / LABELS_PER_PAGE);
  const onPage = index % LABELS_PER_PAGE;
  const row = Math.floor(onPage / SHEET.columns);
  const column = onPage % SHEET.columns;
  return { page, x: LEFT + column * SHEET.labelWidth, y: TOP + row * SHEET.labelHeight };
}

export function pageCount(labels: number): number {
  return Math.max(1, Math.ceil(labels / LABELS_PER_PAGE));
}

/** Width of a string in the unit of maxWidth (the PDF's current font and size). */
export type Measure = (text: string) => number;

const ELLIPSIS = '...';

/** `text` cut (with "...") so that it is at most maxWidth wide. */
export function truncate(text: string, maxWidth: number, measure: Measure): string {
  if (measure(text) <= maxWidth) return text;
  let cut = text;
  while (cut.length > 0 && measure(cut.trimEnd() + ELLIPSIS) > maxWidth) cut = cut.slice(0, -1);
  return cut.length === 0 ? '' : cut.trimEnd() + ELLIPSIS;
}

/**
 * `text` wrapped into at most maxLines lines of at most maxWidth: at spaces where it can, inside
 * a word when one word is too wide; the last line is truncated with "..." when text is left over.
 */
export function wrapText(text: string, maxWidth: number, maxLines: number, measure: Measure): string[] {
  const lines: string[] = [];
  let rest = text.trim().replace(/\s+/g, ' ');
  while (rest !== '' && lines.length < maxLines) {
    if (lines.length === maxLines - 1) {
      lines.push(truncate(rest, maxWidth, measure));
      break;
    }
    let end = rest.length;
    while (end > 1 && measure(rest.slice(0, end)) > maxWidth) {
      const space = rest.lastIndexOf(' ', end - 1);
      end = space > 0 && measure(rest.slice(0, space)) <= maxWidth ? space : end - 1;
    }
    lines.push(rest.slice(0, end).trimEnd());
    rest = rest.slice(end).trimStart();
  }
  return lines;
}

/** An asset's QR: its QR token when it has one, else its client code (both resolve exactly). */
export function assetQrContent(qrToken: string | null, clientCode: string): string {
  return qrToken !== null && qrToken !== '' ? qrToken : clientCode;
}

/** A bin's QR: WAREHOUSE-CODE/BIN, the form the resolver looks up with one index seek. */
export function binQrContent(warehouseCode: string, bin: string): string {
  return `${warehouseCode}/${bin}`;
}
