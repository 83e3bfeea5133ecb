// The Labels action through the station API as the app calls it: labels.make draws the PDF in the
// print room's worker thread (progress events as it goes), print.send queues it on a real CUPS
// queue (AMMS-PDF, .ci/cups-queue.sh) and remembers the station's default printer, print.file hands
// it to the screen to save.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventOf } from '../../src-preload/contract/api.ts';
import { binQrContent } from '../../src-main/print/label-layout.ts';
import { pdfPages, pdfQrCodes, pdfText } from '../helpers/pdf-tools.ts';
import { TEST_PRINTER, waitForPrinted } from '../helpers/cups-queue.ts';
import { openStockStation, type StockStation } from './stock-station.ts';

let s: StockStation;

beforeAll(async () => {
  s = await openStockStation();
}, 180_000);

afterAll(async () => {
  await s.close();
});

function warehouseWithBins(): { id: string; code: string; bins: string[] } {
  const row = s.core.cache.reader
    .prepare(
      `SELECT l.id, l.code, group_concat(DISTINCT st.bin_location) AS bins
         FROM locations l JOIN inventory_stock st ON st.location_id = l.id
        WHERE l.type = 'warehouse' AND l.site_id = ? AND st.bin_location <> ''
        GROUP BY l.id ORDER BY count(DISTINCT st.bin_location) DESC LIMIT 1`,
    )
    .get(s.core.scope.siteId) as { id: string; code: string; bins: string };
  return { id: row.id, code: row.code, bins: row.bins.split(',').sort() };
}

describe('labels', () => {
  it("make a warehouse's bin labels in the print worker, with progress, and save them", async () => {
    const warehouse = warehouseWithBins();
    const progress: EventOf<'print.progress'>[] = [];
    const listener = (event: EventOf<'print.progress'>): void => {
      progress.push(event);
    };
    s.core.on('print.progress', listener);
    const made = await s.call('labels.make', { source: 'bins', warehouseId: warehouse.id, requestId: 'r-1' });
    s.core.off('print.progress', listener);
    expect(made.labels).toBe(warehouse.bins.length);
    expect(made.pages).toBe(Math.ceil(warehouse.bins.length / 24));
    expect(made.fileName).toBe(`bin-labels-${warehouse.code}.pdf`);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.requestId === 'r-1' && p.total === warehouse.bins.length)).toBe(true);
    expect(progress.at(-1)?.done).toBe(warehouse.bins.length);

    const file = await s.call('print.file', { documentId: made.documentId });
    const pdf = Buffer.from(file.base64, 'base64');
    expect(pdfPages(pdf)).toBe(made.pages);
    const text = pdfText(pdf, { raw: true });
    for (const bin of warehouse.bins.slice(0, 5)) expect(text).toContain(`Bin ${bin}`);
  });

  it("make chosen assets' labels and refuse an asset the station does not have", async () => {
    const assets = s.core.cache.reader
      .prepare(
        'SELECT a.id, a.name, i.client_code FROM assets a JOIN asset_identities i ON i.asset_id = a.id WHERE i.client_code IS NOT NULL ORDER BY i.client_code LIMIT 3',
      )
      .all() as { id: string; name: string; client_code: string }[];
    const made = await s.call('labels.make', { source: 'assets', assetIds: assets.map((a) => a.id) });
    expect(made.labels).toBe(3);
    const pdf = Buffer.from((await s.call('print.file', { documentId: made.documentId })).base64, 'base64');
    const text = pdfText(pdf, { raw: true });
    for (const asset of assets) expect(text).toContain(asset.client_code);
    expect(
      await s.fail('labels.make', { source: 'assets', assetIds: ['0190a000-0000-7000-8000-000000000000'] }),
    ).toBe('unknown_asset');
  });

  it('print on the chosen printer, remember it as the station default, and print there next time', async () => {
    const printers = await s.call('print.printers', {});
    expect(printers.spooler).toBe('cups');
    expect(printers.message).toBeNull();
    expect(
      printers.printers.map((p) => p.name),
      `No CUPS queue ${TEST_PRINTER}: run .ci/cups-queue.sh`,
    ).toContain(TEST_PRINTER);
    const warehouse = warehouseWithBins();
    const made = await s.call('labels.make', { source: 'bins', warehouseId: warehouse.id });
    expect(await s.fail('print.send', { documentId: made.documentId, printer: null, copies: 1 })).toBe(
      'print_failed',
    );
    const sent = await s.call('print.send', {
      documentId: made.documentId,
      printer: TEST_PRINTER,
      copies: 1,
      remember: true,
    });
    expect(sent.jobId).toMatch(new RegExp(`^${TEST_PRINTER}-\\d+$`));
    expect(sent.message).toContain(`sent to ${TEST_PRINTER}`);
    expect((await s.call('print.printers', {})).stationDefault).toBe(TEST_PRINTER);
    const printed = await waitForPrinted({ jobId: sent.jobId });
    expect(pdfPages(printed)).toBe(made.pages);
    const again = await s.call('print.send', { documentId: made.documentId, printer: null, copies: 1 });
    expect(again.printer).toBe(TEST_PRINTER);
    // What came out of the printer carries the bins' QR codes (zbar reads most of a full sheet).
    const codes = pdfQrCodes(printed, { page: made.pages });
    expect(codes.length).toBeGreaterThan(0);
    const expected = warehouse.bins.map((bin) => binQrContent(warehouse.code, bin));
    for (const code of codes) expect(expected).toContain(code);
  });

  it('refuse a printer the system does not have, saying which it has', async () => {
    const warehouse = warehouseWithBins();
    const made = await s.call('labels.make', { source: 'bins', warehouseId: warehouse.id });
    expect(await s.fail('print.send', { documentId: made.documentId, printer: 'No-such', copies: 1 })).toBe(
      'print_failed',
    );
    expect(await s.fail('print.file', { documentId: '0190a000-0000-7000-8000-000000000000' })).toBe(
      'document_gone',
    );
  });
});
