// Blocks the shipment documents share: a grid of facts (a small label over its value), a section
// heading, the COPY mark of a reprint.
import { contentWidth, copyWatermark, MARGIN } from '../pdf-furniture.ts';
import type { PdfWriter } from '../pdf-writer.ts';
import type { CopyMark } from './shipment-docs.ts';

export interface Fact {
  label: string;
  value: string;
  /** Columns it spans (default 1). */
  span?: number;
  /** Larger, for what the guard reads first (vehicle, seals). */
  strong?: boolean;
}

/** Facts in a grid of `columns` columns from y; returns the y below the grid. */
export function drawFacts(
  writer: PdfWriter,
  x: number,
  y: number,
  width: number,
  facts: readonly Fact[],
  columns: number,
): number {
  const gap = 3;
  const columnWidth = (width - gap * (columns - 1)) / columns;
  let column = 0;
  let rowTop = y;
  let rowBottom = y;
  for (const fact of facts) {
    const span = Math.min(columns, fact.span ?? 1);
    if (column + span > columns) {
      column = 0;
      rowTop = rowBottom + 1.5;
    }
    const left = x + column * (columnWidth + gap);
    const cellWidth = columnWidth * span + gap * (span - 1);
    writer.text(fact.label, left, rowTop + 2.8, { size: 7, grey: 90 });
    const style = { size: fact.strong ? 12 : 9.5, weight: 'bold' as const };
    const bottom = writer.paragraph(
      fact.value || '—',
      left,
      rowTop + 3 + style.size * 0.3528 + 0.5,
      cellWidth,
      2,
      style,
    );
    rowBottom = Math.max(rowBottom, bottom - writer.lineHeight(style.size) + 1.8);
    column += span;
    if (column >= columns) {
      column = 0;
      rowTop = rowBottom + 1.5;
    }
  }
  return rowBottom + 1.5;
}

/** A section heading with a rule under it; returns the y below it. */
export function drawHeading(writer: PdfWriter, text: string, y: number): number {
  writer.text(text, MARGIN.left, y + 4, { size: 10, weight: 'bold' });
  writer.rule(MARGIN.left, y + 5.5, MARGIN.left + contentWidth(writer), 0.2, 150);
  return y + 8;
}

/** On a reprint: the light COPY n across every page, drawn under the content. */
export function markCopy(writer: PdfWriter, mark: CopyMark): void {
  if (mark.copy > 0) writer.decorate(copyWatermark(`COPY ${String(mark.copy)}`));
}

/** On a reprint: a boxed line that says which copy and why, at y; returns the y below it. */
export function drawCopyNotice(writer: PdfWriter, mark: CopyMark, y: number): number {
  if (mark.copy === 0) return y;
  const width = contentWidth(writer);
  writer.fill(MARGIN.left, y, width, 7, 235);
  writer.box(MARGIN.left, y, width, 7, 0.3);
  writer.text(
    `COPY ${String(mark.copy)}, not the original. Reprinted because: ${mark.reason ?? '(no reason)'}`,
    MARGIN.left + 2,
    y + 4.8,
    {
      size: 9,
      weight: 'bold',
      maxWidth: width - 4,
    },
  );
  return y + 9;
}
