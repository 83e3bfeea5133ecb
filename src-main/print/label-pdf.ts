// A4 sheets of QR labels (3 x 8 labels of 70 x 37 mm) for assets and bins, as a PDF Buffer: each
// label a vector QR code on the left and the human-readable text beside it.
import { jsPDF } from 'jspdf';
import { drawQr } from './label-qr.ts';
import { assetQrContent, binQrContent, labelSlot, SHEET, wrapText } from './label-layout.ts';

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
const PT = 25.4 / 72;

function drawLabel(doc: jsPDF, label: Label, x: number, y: number): void {
  const qrTop = y + (SHEET.labelHeight - QR_SIZE) / 2;
  drawQr(doc, label.qr, x + QR_LEFT, qrTop, QR_SIZE);
  let line = qrTop + 3;
  for (const block of label.blocks) {
    doc.setFont('helvetica', block.bold ? 'bold' : 'normal');
    doc.setFontSize(block.size);
    const measure = (text: string): number => doc.getTextWidth(text);
    for (const text of wrapText(block.text, TEXT_WIDTH, block.lines, measure)) {
      doc.text(text, x + TEXT_LEFT, line);
      line += block.size * PT * 1.2;
    }
    line += 1;
  }
}

function labelsPdf(labels: Label[]): Buffer {
  const doc = new jsPDF({ unit: 'mm', format: 'a4' });
  doc.setFillColor(0, 0, 0);
  doc.setTextColor(0, 0, 0);
  let page = 0;
  labels.forEach((label, index) => {
    const slot = labelSlot(index);
    if (slot.page > page) {
      doc.addPage();
      page = slot.page;
    }
    drawLabel(doc, label, slot.x, slot.y);
  });
  return Buffer.from(doc.output('arraybuffer'));
}

export function assetLabelsPdf(items: readonly AssetLabelItem[]): Buffer {
  return labelsPdf(
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
  );
}

export function binLabelsPdf(items: readonly BinLabelItem[]): Buffer {
  return labelsPdf(
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
  );
}
