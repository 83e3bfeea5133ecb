// What the print room renders: each kind of document with the plain data it is drawn from. The
// data is gathered from the station's cache on the core's thread (short reads) and drawn here, in
// the print worker, so a long document never holds up the core's event loop. renderJob is plain
// and synchronous: the worker calls it, and so can a script or a test.
import { gatePassPdf } from './documents/gate-pass.pdf.ts';
import { manifestPdf } from './documents/manifest.pdf.ts';
import { receiptPdf } from './documents/receipt.pdf.ts';
import type { GatePassData, ManifestData, ReceiptData } from './documents/shipment-docs.ts';
import { pageCount } from './label-layout.ts';
import type { RenderProgress } from './pdf-writer.ts';
import { assetLabelsPdf, binLabelsPdf, type AssetLabelItem, type BinLabelItem } from './label-pdf.ts';

export type PrintJob =
  | { kind: 'asset-labels'; items: AssetLabelItem[] }
  | { kind: 'bin-labels'; items: BinLabelItem[] }
  | { kind: 'gate-pass'; data: GatePassData }
  | { kind: 'manifest'; data: ManifestData }
  | { kind: 'receipt'; data: ReceiptData };

export type PrintJobKind = PrintJob['kind'];

export interface RenderedPdf {
  bytes: Uint8Array;
  pages: number;
}

export function renderJob(job: PrintJob, onProgress: RenderProgress = () => undefined): RenderedPdf {
  switch (job.kind) {
    case 'asset-labels':
      return { bytes: assetLabelsPdf(job.items, onProgress), pages: pageCount(job.items.length) };
    case 'bin-labels':
      return { bytes: binLabelsPdf(job.items, onProgress), pages: pageCount(job.items.length) };
    case 'gate-pass':
      return gatePassPdf(job.data);
    case 'manifest':
      return manifestPdf(job.data, onProgress);
    case 'receipt':
      return receiptPdf(job.data, onProgress);
  }
}
