// The gate pass (one A4 page): what the guard checks at the gate. The reference large with the
// signed QR beside it, where from and to, vehicle, driver and identity document, seals, what is
// on board (counts and the first lines; the manifest has them all), returnable or not, who issued
// it where and when, the validity window, and four signature blocks (issued by, authorised by,
// security, driver). A reprint says COPY n and why, on the page and across it.
import {
  contentBottom,
  contentTop,
  contentWidth,
  drawFurniture,
  drawSignatureBlocks,
  MARGIN,
  signatureBlocksHeight,
} from '../pdf-furniture.ts';
import { drawQr } from '../pdf-qr.ts';
import { drawTable } from '../pdf-table.ts';
import { PdfWriter } from '../pdf-writer.ts';
import { drawCopyNotice, drawFacts, drawHeading, markCopy } from './doc-blocks.ts';
import { copyWords, footerLine, showDate, showTime, type GatePassData } from './shipment-docs.ts';

const QR_SIZE = 46;
/** The four signature blocks (2 x 2) and the issue facts above them, in millimetres. */
const SIGNATURES = signatureBlocksHeight(4, 2) + 2;
const ISSUED_BLOCK = 22;
/** Lines of the load listed on the pass. */
export const GATE_PASS_LINES = 8;

export function gatePassPdf(data: GatePassData): { bytes: Uint8Array; pages: number } {
  const writer = new PdfWriter('a4', {
    title: `Gate pass ${data.reference}`,
    subject: `${data.from.code} to ${data.to.code}`,
    author: data.station,
    createdAt: new Date(data.issuedAt),
  });
  markCopy(writer, data);
  const left = MARGIN.left;
  const width = contentWidth(writer);
  let y = contentTop();

  // The reference, large, and the QR a guard scans.
  const qrX = left + width - QR_SIZE;
  drawQr(writer.doc, data.qrCode, qrX, y, QR_SIZE, 'M');
  writer.text('Scan to verify (any AMMS station, offline)', qrX + QR_SIZE / 2, y + QR_SIZE + 3, {
    size: 6.5,
    grey: 80,
    align: 'center',
  });
  writer.text(data.reference, left, y + 11, { size: 32, weight: 'bold', maxWidth: width - QR_SIZE - 6 });
  const copy = copyWords(data);
  writer.text(copy ?? 'ORIGINAL', left, y + 19, { size: 11, weight: 'bold' });
  writer.text(data.returnable ? 'RETURNABLE' : 'NON-RETURNABLE', left + 40, y + 19, {
    size: 11,
    weight: 'bold',
  });
  const textWidth = width - QR_SIZE - 6;
  let top = drawFacts(
    writer,
    left,
    y + 24,
    textWidth,
    [
      { label: 'From', value: `${data.from.code} · ${data.from.name}` },
      { label: 'To', value: `${data.to.code} · ${data.to.name}` },
      { label: 'JMS trip reference', value: data.jmsReference ?? '—' },
      { label: 'Shipment', value: data.shipmentId.slice(0, 8) },
    ],
    2,
  );
  y = Math.max(top, y + QR_SIZE + 6);
  y = drawCopyNotice(writer, data, y);

  y = drawHeading(writer, 'Vehicle and driver', y);
  y = drawFacts(
    writer,
    left,
    y,
    width,
    [
      { label: 'Vehicle registration', value: data.vehicleReg, strong: true },
      { label: 'Trailer', value: data.trailerReg ?? '—', strong: true },
      { label: 'Driver', value: data.driver.name, strong: true },
      { label: 'Identity document', value: data.driver.idNumber ?? '—', strong: true },
      {
        label: `Seal numbers (${String(data.seals.length)})`,
        value: data.seals.length === 0 ? 'none' : data.seals.join(', '),
        span: 4,
        strong: true,
      },
    ],
    4,
  );

  y = drawHeading(writer, 'On board', y + 1);
  const items = data.assetCount + data.partLineCount;
  y = drawFacts(
    writer,
    left,
    y,
    width,
    [
      { label: 'Assets', value: String(data.assetCount), strong: true },
      { label: 'Part lines', value: String(data.partLineCount), strong: true },
      { label: 'Items in all', value: String(items), strong: true },
      {
        label: 'Returnable',
        value: data.returnable ? `Yes, expected back ${showDate(data.returnable.expectedReturn)}` : 'No',
      },
    ],
    4,
  );
  // As many of the first lines as fit above the issue facts and the signatures.
  const rowHeight = writer.lineHeight(8) + 2.2;
  const room = contentBottom(writer) - SIGNATURES - ISSUED_BLOCK - y - rowHeight - 8;
  const shown = data.firstLines.slice(
    0,
    Math.max(0, Math.min(GATE_PASS_LINES, Math.floor(room / rowHeight))),
  );
  if (shown.length > 0) {
    y = drawTable(
      writer,
      [
        { header: 'Code / SKU', width: 40 },
        { header: 'Description', width: width - 40 - 44 },
        { header: 'Serial / quantity', width: 44 },
      ],
      shown.map((line) => [line.code, line.description, line.quantity]),
      { x: left, top: y, pageTop: contentTop(), bottom: () => writer.page.height, size: 8, zebra: true },
    );
    const rest = items - shown.length;
    writer.text(
      rest > 0
        ? `… and ${String(rest)} more: every line is on the manifest of ${data.reference}.`
        : `Every line is also on the manifest of ${data.reference}.`,
      left,
      y + 4,
      { size: 8, grey: 70 },
    );
    y += 6;
  }

  y = drawHeading(writer, 'Issued and valid', y + 1);
  top = drawFacts(
    writer,
    left,
    y,
    width,
    [
      { label: 'Issued', value: showTime(data.issuedAt) },
      { label: 'Issued by', value: data.issuedBy },
      { label: 'At station', value: data.station },
      { label: 'Valid until', value: showTime(data.validUntil), strong: true },
    ],
    4,
  );
  const signaturesTop = Math.max(top + 2, contentBottom(writer) - SIGNATURES);
  drawSignatureBlocks(
    writer,
    left,
    signaturesTop,
    width,
    [
      { role: 'Issued by', name: data.issuedBy },
      { role: 'Authorised by', ...(data.authorisedBy ? { name: data.authorisedBy } : {}) },
      { role: 'Security (gate)' },
      { role: 'Driver', name: data.driver.name },
    ],
    2,
  );
  drawFurniture(writer, {
    title: 'GATE PASS',
    reference: data.reference,
    subtitle: `${data.from.code} to ${data.to.code} · ${data.vehicleReg}`,
    footer: footerLine(data),
    copyMark: copy,
  });
  return { bytes: writer.output(), pages: writer.pageCount() };
}
