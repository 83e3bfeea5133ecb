// Label PDFs from a real station cache filled by a sync of the seeded demo data (tenant acme,
// site ACME-NBO), checked with poppler: the text of every label, the page count.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncWorld, type Station, type SyncWorld } from '../../test/helpers/sync-harness.ts';
import { resolveCode } from '../resolve/resolver.ts';
import { assetQrContent, binQrContent } from './label-layout.ts';
import { assetLabelsPdf, binLabelsPdf, type AssetLabelItem } from './label-pdf.ts';
import {
  assetLabelsByCodes,
  assetLabelsByIds,
  assetLabelsByPrefix,
  binLabelsOfWarehouse,
  findWarehouse,
} from './label-sources.ts';

let world: SyncWorld;
let station: Station;
let out: string;

beforeAll(async () => {
  world = await createSyncWorld();
  station = await world.enroll();
  await station.syncOnce();
  out = mkdtempSync(join(tmpdir(), 'amms-labels-'));
});

afterAll(async () => {
  station.close();
  await world.close();
  rmSync(out, { recursive: true, force: true });
});

/** The PDF's text in content order (label by label), without whitespace, and its page count. */
function readPdf(pdf: Buffer, name: string): { text: string; pages: number } {
  const path = join(out, name);
  writeFileSync(path, pdf);
  const text = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  return { text: squash(text), pages };
}

function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

function someAssets(limit: number): AssetLabelItem[] {
  const ids = station.cache.reader
    .prepare<[number], { asset_id: string }>(
      'SELECT asset_id FROM asset_identities WHERE client_code IS NOT NULL ORDER BY client_code LIMIT ?',
    )
    .all(limit)
    .map((r) => r.asset_id);
  return assetLabelsByIds(station.cache.reader, ids);
}

describe('asset labels', () => {
  it('print the name, the client code and the QR content of each asset', () => {
    const items = someAssets(5);
    expect(items).toHaveLength(5);
    const pdf = assetLabelsPdf(items);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = readPdf(pdf, 'assets.pdf');
    expect(pages).toBe(1);
    for (const item of items) {
      expect(text).toContain(squash(item.name).slice(0, 12));
      expect(text).toContain(item.clientCode);
      expect(text).toContain(item.qrToken ?? item.clientCode);
    }
  });

  it('take two A4 pages for 30 labels', () => {
    const items = someAssets(30);
    expect(items).toHaveLength(30);
    const { text, pages } = readPdf(assetLabelsPdf(items), 'assets-30.pdf');
    expect(pages).toBe(2);
    for (const item of items) expect(text).toContain(item.clientCode);
  });

  it('are found by client code and by client-code prefix', () => {
    const [first] = someAssets(1);
    if (!first) throw new Error('no asset');
    const byCode = assetLabelsByCodes(station.cache.reader, [first.clientCode.toLowerCase(), 'NO-SUCH']);
    expect(byCode).toEqual({ items: [first], missing: ['NO-SUCH'] });
    const byPrefix = assetLabelsByPrefix(station.cache.reader, first.clientCode.slice(0, 3));
    expect(byPrefix).toContainEqual(first);
    expect(assetLabelsByPrefix(station.cache.reader, '%')).toEqual([]);
  });
});

describe('bin labels', () => {
  it("print the warehouse code, the bin and WAREHOUSE/BIN for every bin of the site's warehouse", () => {
    const warehouse = findWarehouse(station.cache.reader, 'acme-nbo-wh1');
    if (!warehouse) throw new Error('no warehouse ACME-NBO-WH1');
    expect(findWarehouse(station.cache.reader, 'NO-SUCH-WH')).toBeNull();
    const items = binLabelsOfWarehouse(station.cache.reader, warehouse);
    expect(items.length).toBeGreaterThan(2);
    const { text, pages } = readPdf(binLabelsPdf(items), 'bins.pdf');
    expect(pages).toBe(Math.ceil(items.length / 24));
    for (const item of items) {
      expect(text).toContain(`Bin${item.bin}`);
      expect(text).toContain(binQrContent('ACME-NBO-WH1', item.bin));
    }
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      join(out, 'bins.pdf'),
      '/tmp/amms-bin-labels',
    ]);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      join(out, 'assets.pdf'),
      '/tmp/amms-asset-labels',
    ]);
  });
});

describe('QR content', () => {
  it('resolves to the asset or the bin it labels', () => {
    const db = station.cache.reader;
    for (const item of someAssets(10)) {
      const resolution = resolveCode(db, assetQrContent(item.qrToken, item.clientCode));
      expect(resolution.matches.map((m) => [m.kind, m.title])).toEqual([['asset', item.name]]);
    }
    const warehouse = findWarehouse(db, 'ACME-NBO-WH1');
    if (!warehouse) throw new Error('no warehouse ACME-NBO-WH1');
    for (const item of binLabelsOfWarehouse(db, warehouse).slice(0, 10)) {
      const resolution = resolveCode(db, binQrContent(item.warehouseCode, item.bin));
      expect(resolution.matches.map((m) => [m.kind, m.title, m.matchedBy])).toEqual([
        ['location', `Bin ${item.bin}`, 'bin label'],
      ]);
    }
  });
});
