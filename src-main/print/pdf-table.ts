// A table that breaks across pages: the header row is repeated at the top of every page, a row is
// never split, cells wrap to a few lines (the last one cut with "..."), every other row is shaded
// so that a 500-line manifest can be read across with a ruler. Progress is reported as rows go.
import type { FontWeight } from './pdf-fonts.ts';
import type { PdfWriter } from './pdf-writer.ts';

export interface TableColumn {
  header: string;
  /** Millimetres. */
  width: number;
  align?: 'left' | 'right' | 'center';
  /** Lines a cell may wrap to (default 2). */
  maxLines?: number;
  weight?: FontWeight;
}

export interface TableOptions {
  x: number;
  /** Where the table starts on the current page. */
  top: number;
  /** Where content starts on a new page. */
  pageTop: number;
  /** Lowest y a row may reach. */
  bottom: (writer: PdfWriter) => number;
  /** Font size in points (default 8). */
  size?: number;
  zebra?: boolean;
  /** Rows drawn so far and of how many (called every few rows). */
  onProgress?: (done: number, total: number) => void;
}

const PAD_X = 1.2;
const PAD_Y = 1.1;

function cellX(x: number, column: TableColumn): { x: number; align: 'left' | 'right' | 'center' } {
  const align = column.align ?? 'left';
  if (align === 'right') return { x: x + column.width - PAD_X, align };
  if (align === 'center') return { x: x + column.width / 2, align };
  return { x: x + PAD_X, align };
}

function drawRow(
  writer: PdfWriter,
  columns: readonly TableColumn[],
  cells: readonly string[][],
  x: number,
  y: number,
  size: number,
  weight?: FontWeight,
): void {
  const lineHeight = writer.lineHeight(size);
  let left = x;
  columns.forEach((column, index) => {
    const { x: tx, align } = cellX(left, column);
    (cells[index] ?? []).forEach((line, row) => {
      writer.text(line, tx, y + PAD_Y + size * 0.3528 * 0.95 + row * lineHeight, {
        size,
        weight: weight ?? column.weight ?? 'normal',
        align,
      });
    });
    left += column.width;
  });
}

function tableWidth(columns: readonly TableColumn[]): number {
  return columns.reduce((sum, c) => sum + c.width, 0);
}

/** Draws the header row at y; returns the y below it. */
function drawHeader(
  writer: PdfWriter,
  columns: readonly TableColumn[],
  x: number,
  y: number,
  size: number,
): number {
  const height = writer.lineHeight(size) + PAD_Y * 2;
  writer.fill(x, y, tableWidth(columns), height, 225);
  drawRow(
    writer,
    columns,
    columns.map((c) => [c.header]),
    x,
    y,
    size,
    'bold',
  );
  return y + height;
}

/** The table's rows from options.top; returns the y below the last row (on the last page). */
export function drawTable(
  writer: PdfWriter,
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  options: TableOptions,
): number {
  const size = options.size ?? 8;
  const lineHeight = writer.lineHeight(size);
  const width = tableWidth(columns);
  let y = drawHeader(writer, columns, options.x, options.top, size);
  const step = Math.max(1, Math.floor(rows.length / 50));
  rows.forEach((row, index) => {
    const cells = columns.map((column, c) =>
      writer.wrap(row[c] ?? '', column.width - PAD_X * 2, column.maxLines ?? 2, {
        size,
        weight: column.weight,
      }),
    );
    const lines = Math.max(1, ...cells.map((cell) => cell.length));
    const height = lines * lineHeight + PAD_Y * 2;
    if (y + height > options.bottom(writer)) {
      writer.newPage();
      y = drawHeader(writer, columns, options.x, options.pageTop, size);
    }
    if (options.zebra !== false && index % 2 === 1) writer.fill(options.x, y, width, height, 242);
    drawRow(writer, columns, cells, options.x, y, size);
    y += height;
    if (options.onProgress && (index % step === 0 || index === rows.length - 1)) {
      options.onProgress(index + 1, rows.length);
    }
  });
  writer.rule(options.x, y, options.x + width, 0.3);
  return y;
}
