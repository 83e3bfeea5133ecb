// The receipt report (A4, any length), printed and signed at the destination: the truck and its
// seals as checked at arrival, every line expected against what was received, the discrepancies
// (missing, extra, damaged, wrong item, short; a broken or different seal) listed apart, then the
// signatures of who received it, the driver and security.
import {
  contentBottom,
  contentTop,
  contentWidth,
  drawFurniture,
  drawSignatureBlocks,
  MARGIN,
  signatureBlocksHeight,
} from '../pdf-furniture.ts';
import { drawTable } from '../pdf-table.ts';
import { PdfWriter, type RenderProgress } from '../pdf-writer.ts';
import { drawCopyNotice, drawFacts, drawHeading, markCopy } from './doc-blocks.ts';
import { copyWords, footerLine, showTime, type ReceiptData } from './shipment-docs.ts';

const GOOD_LINE = new Set(['received', 'ok']);
const GOOD_SEAL = new Set(['intact', 'ok']);

export function receiptPdf(
  data: ReceiptData,
  onProgress?: RenderProgress,
): { bytes: Uint8Array; pages: number } {
  const writer = new PdfWriter('a4', {
    title: `Receipt report ${data.reference}`,
    subject: `${data.from.code} to ${data.to.code}`,
    author: data.station,
    createdAt: new Date(data.issuedAt),
  });
  markCopy(writer, data);
  const left = MARGIN.left;
  const width = contentWidth(writer);
  const table = { x: left, pageTop: contentTop(), bottom: contentBottom, size: 8, zebra: true };
  const discrepancies = data.lines.filter((l) => !GOOD_LINE.has(l.result));
  const badSeals = data.seals.filter((s) => !GOOD_SEAL.has(s.result));
  let y = drawFacts(
    writer,
    left,
    contentTop(),
    width,
    [
      { label: 'From', value: `${data.from.code} · ${data.from.name}`, span: 2 },
      { label: 'To', value: `${data.to.code} · ${data.to.name}`, span: 2 },
      { label: 'Vehicle', value: data.vehicleReg, strong: true },
      {
        label: 'Driver',
        value: `${data.driver.name}${data.driver.idNumber ? ` (${data.driver.idNumber})` : ''}`,
      },
      { label: 'Dispatched', value: showTime(data.dispatchedAt) },
      { label: 'Received', value: showTime(data.receivedAt) },
      { label: 'Received by', value: data.receivedBy ?? '—' },
      { label: 'Status', value: data.status },
      {
        label: 'Result',
        value:
          discrepancies.length + badSeals.length === 0
            ? 'Everything as expected'
            : `${String(discrepancies.length)} line discrepanc${discrepancies.length === 1 ? 'y' : 'ies'}, ${String(badSeals.length)} seal problem${badSeals.length === 1 ? '' : 's'}`,
        span: 2,
        strong: true,
      },
    ],
    4,
  );
  y = drawCopyNotice(writer, data, y);
  y = drawHeading(writer, `Seal check (${String(data.seals.length)})`, y);
  y = drawTable(
    writer,
    [
      { header: 'Seal number', width: 60, weight: 'bold' },
      { header: 'At arrival', width: width - 60 },
    ],
    data.seals.length === 0
      ? [['—', 'no seals recorded at dispatch']]
      : data.seals.map((s) => [s.number, s.result]),
    { ...table, top: y },
  );
  y = drawHeading(writer, 'Expected and received', y + 3);
  y = drawTable(
    writer,
    [
      { header: 'Code / SKU', width: 30, weight: 'bold' },
      { header: 'Description', width: width - 30 - 26 - 26 - 24 - 40 },
      { header: 'Expected', width: 26, align: 'right' },
      { header: 'Received', width: 26, align: 'right' },
      { header: 'Result', width: 24, weight: 'bold' },
      { header: 'Note', width: 40 },
    ],
    data.lines.map((l) => [l.code, l.description, l.expected, l.received, l.result, l.note ?? '']),
    { ...table, top: y, ...(onProgress ? { onProgress } : {}) },
  );
  if (discrepancies.length + badSeals.length > 0) {
    if (y + 30 > contentBottom(writer)) {
      writer.newPage();
      y = contentTop();
    }
    y = drawHeading(writer, 'Discrepancies', y + 3);
    y = drawTable(
      writer,
      [
        { header: 'What', width: 50, weight: 'bold' },
        { header: 'Found', width: 30 },
        { header: 'Note', width: width - 80 },
      ],
      [
        ...badSeals.map((s) => [`Seal ${s.number}`, s.result, '']),
        ...discrepancies.map((l) => [`${l.code} ${l.description}`, l.result, l.note ?? '']),
      ],
      { ...table, top: y },
    );
  }
  if (y + 8 + signatureBlocksHeight(4, 2) > contentBottom(writer)) {
    writer.newPage();
    y = contentTop();
  }
  drawSignatureBlocks(
    writer,
    left,
    y + 6,
    width,
    [
      { role: 'Received by', ...(data.receivedBy ? { name: data.receivedBy } : {}) },
      { role: 'Driver', name: data.driver.name },
      { role: 'Security (gate)' },
      { role: 'Supervisor' },
    ],
    2,
  );
  drawFurniture(writer, {
    title: 'RECEIPT REPORT',
    reference: data.reference,
    subtitle: `${data.from.code} to ${data.to.code} · ${data.vehicleReg}`,
    footer: footerLine(data),
    copyMark: copyWords(data),
  });
  return { bytes: writer.output(), pages: writer.pageCount() };
}
