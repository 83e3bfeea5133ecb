// The manifest (any length, A4): everything on the truck. The first page says where from and to,
// the vehicle, driver and seals; then every line (client code or SKU, description, serial or
// quantity and unit, the unit a component travels with, condition) in a table whose header repeats
// on every page and whose rows are shaded every other one; then the totals and the signatures.
// Every page has the reference and "Page n of m". Progress is reported row by row.
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
import { copyWords, footerLine, showTime, type ManifestData, type ManifestLine } from './shipment-docs.ts';

/** Totals of a manifest: assets (components among them), part lines, quantities per unit. */
export function manifestTotals(lines: readonly ManifestLine[]): string[] {
  const assets = lines.filter((l) => l.kind === 'asset');
  const components = assets.filter((l) => l.componentOf !== null).length;
  const parts = lines.filter((l) => l.kind === 'part');
  const byUnit = new Map<string, number>();
  for (const line of parts) {
    const qty = Number.parseFloat(line.serialOrQuantity);
    if (Number.isFinite(qty)) byUnit.set(line.unit, (byUnit.get(line.unit) ?? 0) + qty);
  }
  const quantities = [...byUnit]
    .map(([unit, qty]) => `${String(Math.round(qty * 1000) / 1000)} ${unit}`)
    .join(', ');
  return [
    `${String(assets.length)} asset${assets.length === 1 ? '' : 's'}${components > 0 ? ` (${String(components)} travelling as components of their units)` : ''}`,
    `${String(parts.length)} part line${parts.length === 1 ? '' : 's'}${quantities ? `: ${quantities}` : ''}`,
    `${String(lines.length)} line${lines.length === 1 ? '' : 's'} in all`,
  ];
}

export function manifestPdf(
  data: ManifestData,
  onProgress?: RenderProgress,
): { bytes: Uint8Array; pages: number } {
  const writer = new PdfWriter('a4', {
    title: `Manifest ${data.reference}`,
    subject: `${data.from.code} to ${data.to.code}`,
    author: data.station,
    createdAt: new Date(data.issuedAt),
  });
  markCopy(writer, data);
  const left = MARGIN.left;
  const width = contentWidth(writer);
  let y = contentTop();
  y = drawFacts(
    writer,
    left,
    y,
    width,
    [
      { label: 'From', value: `${data.from.code} · ${data.from.name}`, span: 2 },
      { label: 'To', value: `${data.to.code} · ${data.to.name}`, span: 2 },
      { label: 'Vehicle', value: data.vehicleReg, strong: true },
      { label: 'Driver', value: data.driver.name },
      { label: 'Identity document', value: data.driver.idNumber ?? '—' },
      { label: 'JMS trip reference', value: data.jmsReference ?? '—' },
      { label: `Seals (${String(data.seals.length)})`, value: data.seals.join(', ') || 'none', span: 2 },
      { label: 'Status', value: data.status },
      { label: 'Dispatched', value: showTime(data.dispatchedAt) },
    ],
    4,
  );
  y = drawCopyNotice(writer, data, y);
  y = drawHeading(writer, `Lines (${String(data.lines.length)})`, y);
  const fixed = 8 + 30 + 38 + 12 + 24 + 18;
  y = drawTable(
    writer,
    [
      { header: '#', width: 8, align: 'right' },
      { header: 'Code / SKU', width: 30, weight: 'bold' },
      { header: 'Description', width: width - fixed },
      { header: 'Serial / qty', width: 38, align: 'right' },
      { header: 'Unit', width: 12 },
      { header: 'Component of', width: 24 },
      { header: 'Condition', width: 18 },
    ],
    data.lines.map((line, index) => [
      String(index + 1),
      line.code,
      line.description,
      line.serialOrQuantity,
      line.unit,
      line.componentOf ?? '',
      line.condition ?? '',
    ]),
    {
      x: left,
      top: y,
      pageTop: contentTop(),
      bottom: contentBottom,
      size: 8,
      zebra: true,
      ...(onProgress ? { onProgress } : {}),
    },
  );
  // Totals and signatures stay together: on a new page if they do not fit.
  const tail = 24 + signatureBlocksHeight(3, 3);
  if (y + tail > contentBottom(writer)) {
    writer.newPage();
    y = contentTop();
  }
  y = drawHeading(writer, 'Totals', y + 2);
  for (const total of manifestTotals(data.lines)) {
    writer.text(total, left, y + 3, { size: 9.5, weight: 'bold' });
    y += 5;
  }
  drawSignatureBlocks(
    writer,
    left,
    y + 3,
    width,
    [
      { role: 'Dispatched by', name: data.issuedBy },
      { role: 'Driver', name: data.driver.name },
      { role: 'Received by' },
    ],
    3,
  );
  drawFurniture(writer, {
    title: 'MANIFEST',
    reference: data.reference,
    subtitle: `${data.from.code} to ${data.to.code} · ${data.vehicleReg} · ${String(data.lines.length)} lines`,
    footer: footerLine(data),
    copyMark: copyWords(data),
  });
  return { bytes: writer.output(), pages: writer.pageCount() };
}
