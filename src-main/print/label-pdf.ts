// A4 sheets of QR labels (3 x 8 labels of 70 x 37 mm) for assets and bins, as a PDF Buffer: each
// label a vector QR code on the left and the human-readable text beside it, in the embedded fonts
// (a name in any script the fonts cover prints as typed).
import { assetQrContent, binQrContent, labelSlot, SHEET } from './label-layout.ts';
import { drawQr } from './pdf-qr.ts';
import { PdfWriter, PT } from './pdf-writer.ts';

export interface AssetLabelItem {
  name: string;
  clientCode: string;
  qrToken: string | null;
}

export interface BinLabelItem {
  warehouseCode: string;
  warehouseName: string;
  bin: string;
}

/** One label's content: the QR and up to a few text blocks (bold first). */
interface Label {
  qr: string;
  blocks: { text: string; size: number; bold?: boolean; lines: number }[];
}

const QR_SIZE = 27;
const QR_LEFT = 4;
const TEXT_LEFT = QR_LEFT + QR_SIZE + 3;
const TEXT_WIDTH = SHEET.labelWidth - TEXT_LEFT - 3;

/** Labels drawn so far and of how many. */
export type LabelProgress = (done: number, total: number) => void;

function drawLabel(writer: PdfWriter, label: Label, x: number, y: number): void {
  const qrTop = y + (SHEET.labelHeight - QR_SIZE) / 2;
  drawQr(writer.doc, label.qr, x + QR_LEFT, qrTop, QR_SIZE);
  let line = qrTop + 3;
  for (const block of label.blocks) {
    const style = { size: block.size, weight: block.bold ? ('bold' as const) : ('normal' as const) };
    for (const text of writer.wrap(block.text, TEXT_WIDTH, block.lines, style)) {
      writer.text(text, x + TEXT_LEFT, line, style);
      line += block.size * PT * 1.2;
    }
    line += 1;
  }
}

function labelsPdf(title: string, labels: Label[], onProgress?: LabelProgress): Buffer {
  const writer = new PdfWriter('a4', { title, createdAt: new Date(0) });
  let page = 0;
  labels.forEach((label, index) => {
    const slot = labelSlot(index);
    if (slot.page > page) {
      writer.newPage();
      page = slot.page;
    }
    drawLabel(writer, label, slot.x, slot.y);
    if (onProgress && (index % 24 === 23 || index === labels.length - 1))
      onProgress(index + 1, labels.length);
  });
  const bytes = writer.output();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function assetLabelsPdf(items: readonly AssetLabelItem[], onProgress?: LabelProgress): Buffer {
  return labelsPdf(
    'Asset labels',
    items.map((item) => {
      const qr = assetQrContent(item.qrToken, item.clientCode);
      return {
        qr,
        blocks: [
          { text: item.name, size: 9, bold: true, lines: 2 },
          { text: item.clientCode, size: 11, bold: true, lines: 1 },
          ...(qr === item.clientCode ? [] : [{ text: qr, size: 6.5, lines: 2 }]),
        ],
      };
    }),
    onProgress,
  );
}

export function binLabelsPdf(items: readonly BinLabelItem[], onProgress?: LabelProgress): Buffer {
  return labelsPdf(
    'Bin labels',
    items.map((item) => {
      const qr = binQrContent(item.warehouseCode, item.bin);
      return {
        qr,
        blocks: [
          { text: item.warehouseCode, size: 8, lines: 1 },
          { text: `Bin ${item.bin}`, size: 13, bold: true, lines: 1 },
          { text: qr, size: 6.5, lines: 2 },
        ],
      };
    }),
    onProgress,
  );
}
