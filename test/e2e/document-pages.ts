// The rendered pages of a shipment's documents for docs/screenshots (pdftoppm, 110 dpi), drawn by
// the print room from the sample truck of test/helpers/shipment-doc-samples.ts (a driver named in
// Ethiopic script, units with components, part lines): the gate pass, both pages of a 60-line
// manifest and the receipt report. No database needed.
// Run with: npx tsx test/e2e/document-pages.ts
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { renderJob } from '../../src-main/print/print-jobs.ts';
import { sampleGatePass, sampleKey, sampleManifest, sampleReceipt } from '../helpers/shipment-doc-samples.ts';

const OUT_DIR = resolve(import.meta.dirname, '../../docs/screenshots');

function renderPage(pdf: Uint8Array, page: number, name: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'amms-pages-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', [
      '-r',
      '110',
      '-f',
      String(page),
      '-l',
      String(page),
      '-png',
      '-singlefile',
      file,
      join(OUT_DIR, name),
    ]);
    console.log(`saved ${join(OUT_DIR, `${name}.png`)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

mkdirSync(OUT_DIR, { recursive: true });
const pass = renderJob({ kind: 'gate-pass', data: sampleGatePass(sampleKey()) });
renderPage(pass.bytes, 1, 'gate-pass');
const manifest = renderJob({ kind: 'manifest', data: sampleManifest(60) });
if (manifest.pages !== 2) throw new Error(`the sample manifest has ${String(manifest.pages)} pages, not 2`);
renderPage(manifest.bytes, 1, 'manifest-page-1');
renderPage(manifest.bytes, 2, 'manifest-page-2');
const receipt = renderJob({ kind: 'receipt', data: sampleReceipt() });
renderPage(receipt.bytes, 1, 'receipt-report');
