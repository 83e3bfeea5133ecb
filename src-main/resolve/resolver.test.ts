// The resolver against a real station cache (SQLite in a temporary folder) holding a few rows of
// every kind, written straight into the mirror tables as the sync engine would have left them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupResultSchema } from '../../src-preload/contract/lookup.ts';
import { insertMirrorRows } from '../../test/helpers/mirror-rows.ts';
import { StationCache } from '../cache/station-cache.ts';
import { lookupCode } from '../core/lookup.ts';
import { LOOKUP_SQL } from './exact-lookups.ts';
import { suggestionSql } from './near-misses.ts';
import { resolveCode, type Resolution } from './resolver.ts';

const NOW = new Date('2026-11-25T10:00:00Z');
const GS = '\u001d';
const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWx';

let dir: string;
let cache: StationCache;

function resolve(raw: string): Resolution {
  return resolveCode(cache.reader, raw, { now: NOW });
}

function found(raw: string): string[] {
  return resolve(raw).matches.map((m) => `${m.kind}: ${m.title} [${m.matchedBy}]`);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'amms-resolver-'));
  cache = StationCache.open(dir);
  cache.createMirrorIndexes();
  const w = cache.writer;
  const [site = '', wh1 = '', wh2 = ''] = insertMirrorRows(w, 'locations', [
    { code: 'ACME-NBO', name: 'Nairobi Central Depot', type: 'site', is_active: 1 },
    { code: 'ACME-NBO-WH1', name: 'Main Stores', type: 'warehouse', is_active: 1 },
    { code: 'ACME-NBO-WH2', name: 'Lubricants Store', type: 'warehouse', is_active: 1 },
  ]);
  const [pump = '', excavator = '', genset = ''] = insertMirrorRows(w, 'assets', [
    { name: 'Dewatering pump Godwin CD150', location_id: site, status: 'in_service', serial_number: 'GW-1' },
    { name: 'Excavator CAT 320', location_id: site, status: 'in_service', serial_number: 'CAT-9' },
    {
      name: 'Generator Perkins 100 kVA',
      location_id: site,
      status: 'out_of_service',
      serial_number: 'PK-77',
    },
  ]);
  insertMirrorRows(w, 'asset_identities', [
    { asset_id: pump, client_code: 'P-101', qr_token: TOKEN, barcode_manufacturer: '9506000134352' },
    { asset_id: excavator, client_code: 'EX-101', qr_token: 'ZyXwVuTsRqPoNmLkJiHgFeDc' },
    {
      asset_id: genset,
      client_code: 'GEN-7',
      qr_token: 'QqQqWwWwEeEeRrRrTtTtYyYy',
      barcode_manufacturer: '9506000134352',
    },
  ]);
  const [filter = ''] = insertMirrorRows(w, 'parts', [
    { sku: 'FLT-100001', name: 'Oil filter', unit: 'piece', barcode: '4006381333931', is_active: 1 },
    { sku: 'EX-101', name: 'Bucket tooth (catalogue code clash)', unit: 'piece', is_active: 1 },
    { sku: 'LUB-100002', name: 'Engine oil 15W-40', unit: 'litre', barcode: '00036000291452', is_active: 1 },
  ]);
  insertMirrorRows(w, 'inventory_stock', [
    { part_id: filter, location_id: wh1, qty_on_hand: 12, bin_location: 'A-01-03' },
    { part_id: filter, location_id: wh2, qty_on_hand: 3, bin_location: 'A-01-03' },
    { part_id: filter, location_id: wh1, qty_on_hand: 5, bin_location: 'B-02-01' },
  ]);
  insertMirrorRows(w, 'users', [
    {
      full_name: 'Jane Wanjiru',
      role: 'technician',
      badge_code: 'ACME-T0001',
      email: 'jane@x',
      is_active: 1,
    },
  ]);
  insertMirrorRows(w, 'work_orders', [
    { code: 'WO-000123', title: 'Replace pump seals', status: 'ready', priority: 'high', asset_id: pump },
  ]);
  insertMirrorRows(w, 'shipments', [
    {
      gate_pass_ref: 'GP-ACME-000012',
      status: 'in_transit',
      driver_name: 'Otieno',
      origin_location_id: site,
      destination_location_id: wh1,
    },
  ]);
});

afterAll(() => {
  cache.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('every kind of code resolves to what it names', () => {
  it.each([
    ['asset by client code, any case', 'p-101', 'asset: Dewatering pump Godwin CD150 [client code]'],
    ['asset by QR token', TOKEN, 'asset: Dewatering pump Godwin CD150 [QR token]'],
    [
      'asset by the QR label URL (/a/<token>)',
      `https://amms.example/t/acme/a/${TOKEN}`,
      'asset: Dewatering pump Godwin CD150 [QR token]',
    ],
    [
      'asset by the QR label URL (?t=<token>)',
      `https://amms.example/scan?t=${TOKEN}`,
      'asset: Dewatering pump Godwin CD150 [QR token]',
    ],
    ['part by SKU', 'flt-100001', 'part: Oil filter [SKU]'],
    ['part by EAN-13', '4006381333931', 'part: Oil filter [barcode]'],
    ['part by the GTIN-14 form of its EAN-13', '04006381333931', 'part: Oil filter [barcode]'],
    ['part by UPC-A when stored as GTIN-14', '036000291452', 'part: Engine oil 15W-40 [barcode]'],
    ['part by EAN-13 with an AIM identifier (]E0)', ']E04006381333931', 'part: Oil filter [barcode]'],
    ['location by code', 'ACME-NBO-WH1', 'location: Main Stores [location code]'],
    ['bin label after its warehouse code', 'ACME-NBO-WH1/A-01-03', 'location: Bin A-01-03 [bin label]'],
    ['technician badge', 'acme-t0001', 'user: Jane Wanjiru [badge]'],
    ['work order', 'WO-000123', 'work_order: Replace pump seals [work order code]'],
    ['gate pass', 'GP-ACME-000012', 'shipment: GP-ACME-000012 [gate pass]'],
  ])('%s', (_name, code, expected) => {
    expect(found(code)).toEqual([expected]);
    expect(resolve(code).status).toBe('matched');
  });

  it('shows what the station knows about a match: stock on hand, bin contents', () => {
    const part = resolve('FLT-100001').matches[0];
    expect(part?.details).toContainEqual({ label: 'On hand at this site', value: '20 piece' });
    const bin = resolve('ACME-NBO-WH1/B-02-01').matches[0];
    expect(bin?.subtitle).toBe('ACME-NBO-WH1 · Main Stores');
  });
});

describe('every match carries the structured item a screen acts on', () => {
  const item = (code: string) => resolve(code).matches[0]?.item;

  it.each([
    [
      'an asset',
      'P-101',
      { kind: 'asset', clientCode: 'P-101', name: 'Dewatering pump Godwin CD150', status: 'in_service' },
    ],
    ['a part', 'FLT-100001', { kind: 'part', sku: 'FLT-100001', name: 'Oil filter', unit: 'piece' }],
    [
      'a bin after its warehouse code',
      'ACME-NBO-WH1/A-01-03',
      { kind: 'bin', warehouseCode: 'ACME-NBO-WH1', bin: 'A-01-03' },
    ],
    ['a warehouse', 'ACME-NBO-WH1', { kind: 'warehouse', code: 'ACME-NBO-WH1', name: 'Main Stores' }],
    ['a site', 'ACME-NBO', { kind: 'location', code: 'ACME-NBO', type: 'site' }],
    ['a badge', 'ACME-T0001', { kind: 'person', fullName: 'Jane Wanjiru', role: 'technician', active: true }],
    ['a work order', 'WO-000123', { kind: 'work_order', code: 'WO-000123' }],
    ['a gate pass', 'GP-ACME-000012', { kind: 'shipment', gatePassRef: 'GP-ACME-000012' }],
  ])('%s', (_name, code, expected) => {
    expect(item(code)).toMatchObject(expected);
  });

  it('names the bin’s warehouse by id, the same id the match has', () => {
    const match = resolve('ACME-NBO-WH1/A-01-03').matches[0];
    expect(match?.item).toMatchObject({ kind: 'bin', warehouseId: match?.id });
  });
});

describe('several matches are explained', () => {
  it('a code that is both an asset and a part', () => {
    const r = resolve('EX-101');
    expect(r.status).toBe('ambiguous');
    expect(r.message).toBe('EX-101 matches an asset (client code) and a part (SKU): pick the one you meant.');
  });

  it('a bin label that exists in two warehouses', () => {
    const r = resolve('A-01-03');
    expect(r.matches.map((m) => m.subtitle)).toEqual([
      'ACME-NBO-WH1 · Main Stores',
      'ACME-NBO-WH2 · Lubricants Store',
    ]);
    expect(r.message).toBe('A-01-03 matches 2 locations (bin label): pick the one you meant.');
  });

  it('a manufacturer barcode shared by two assets (a model-level GTIN)', () => {
    expect(resolve('9506000134352').message).toBe(
      '9506000134352 matches 2 assets (manufacturer barcode): pick the one you meant.',
    );
  });
});

describe('GS1 barcodes', () => {
  it('GTIN -> part, with batch, serial and expiry shown (and flagged when past)', () => {
    const r = resolve('(01)04006381333931(17)240630(10)AB-123(21)XYZ');
    expect(found('(01)04006381333931(17)240630(10)AB-123(21)XYZ')).toEqual(['part: Oil filter [GTIN (GS1)]']);
    expect(r.gs1).toMatchObject({
      gtin: '04006381333931',
      batch: 'AB-123',
      serial: 'XYZ',
      expiry: '2024-06-30',
    });
    expect(r.matches[0]?.details).toEqual(
      expect.arrayContaining([
        { label: 'Expiry (GS1 17)', value: '2024-06-30 (expired)' },
        { label: 'Batch or lot (GS1 10)', value: 'AB-123' },
        { label: 'Serial number (GS1 21)', value: 'XYZ' },
      ]),
    );
  });

  it('GTIN + serial picks the one asset of a model whose units share the GTIN', () => {
    expect(found(`]d20109506000134352${GS}21PK-77`)).toEqual([
      'asset: Generator Perkins 100 kVA [GTIN and serial (GS1)]',
    ]);
    expect(resolve(']d20109506000134352').status).toBe('ambiguous');
  });

  it('a GS1 Digital Link QR resolves like the element string', () => {
    expect(found('https://id.gs1.org/01/04006381333931/10/L1?17=270101')).toEqual([
      'part: Oil filter [GTIN (GS1)]',
    ]);
    expect(resolve('https://id.gs1.org/01/04006381333931').gs1?.symbology).toBe('GS1 Digital Link');
  });

  it('an internal AI carrying one of our codes', () => {
    expect(found(`]C10104006381333931${GS}91P-101`)).toEqual([
      'part: Oil filter [GTIN (GS1)]',
      'asset: Dewatering pump Godwin CD150 [client code (GS1 91)]',
    ]);
  });

  it('an unknown GTIN or an SSCC says what the label is', () => {
    expect(resolve(']C1010000001234567010B7').message).toBe(
      'GTIN 00000012345670 (batch B7): no part or asset here has this barcode.',
    );
    expect(resolve('00106141411234567897').message).toMatch(
      /^SSCC 106141411234567897 is a pallet or parcel label/,
    );
  });

  it('a malformed GS1 barcode is refused with the reason', () => {
    const r = resolve(']C10104006381333932');
    expect(r.status).toBe('rejected');
    expect(r.message).toBe(
      'That GS1 barcode could not be read: (01) Trade item (GTIN) 04006381333932 has a wrong check digit: the label was misread.',
    );
    expect(resolve('(17)251301').rejection).toBe('invalid_date');
  });
});

describe('unknown codes get an actionable message and near misses', () => {
  it('scanner/typing confusions are undone: P-1O1 -> P-101', () => {
    const r = resolve('P-1O1');
    expect(r.status).toBe('not_found');
    expect(r.message).toBe(
      'P-1O1: no asset, part, location, badge, work order or gate pass has this code; did you mean P-101?',
    );
    expect(r.suggestions).toEqual([{ code: 'P-101', kind: 'asset', distance: 0.5 }]);
  });

  it.each([
    ['a missing dash', 'P101', 'P-101'],
    ['a space for a dash', 'WO 000123', 'WO-000123'],
    ['l and O for 1 and 0 in a badge', 'acme-tOOOl', 'ACME-T0001'],
    ['a wrong last digit', 'WO-000124', 'WO-000123'],
    ['a missing digit', 'GP-ACME-00012', 'GP-ACME-000012'],
    ['two swapped digits', 'WO-000132', 'WO-000123'],
    ['leading zeros left out', 'WO-123', 'WO-000123'],
    ['a wrong EAN-13 check digit', '4006381333932', '4006381333931'],
    ['a mistyped QR token', `${TOKEN.slice(0, 20)}UvWy`, TOKEN],
  ])('%s: %s -> %s', (_name, code, expected) => {
    expect(resolve(code).suggestions.map((s) => s.code)).toContain(expected);
  });

  it('says why a barcode with a wrong check digit failed', () => {
    expect(resolve('4006381333932').message).toBe(
      '4006381333932: no part or asset has this barcode, and its check digit should be 1: it was misread or mistyped; did you mean 4006381333931?',
    );
  });

  it('keeps the plain message when nothing is near', () => {
    expect(resolve('NO-SUCH-CODE-42').message).toBe(
      'NO-SUCH-CODE-42: no asset, part, location, badge, work order or gate pass has this code.',
    );
    expect(resolve('https://example.com/about').message).toBe(
      'That QR code is a web address on example.com, not an AMMS label: it carries no asset token.',
    );
  });
});

describe('input rules', () => {
  it('drops the scanner suffix (CR, LF, Tab) and surrounding spaces', () => {
    expect(found('P-101\r\n')).toEqual(['asset: Dewatering pump Godwin CD150 [client code]']);
    expect(found('  P-101\t')).toEqual(['asset: Dewatering pump Godwin CD150 [client code]']);
  });

  it('refuses a 10,000-character burst', () => {
    const r = resolve('7'.repeat(10_000));
    expect(r).toMatchObject({ status: 'rejected', rejection: 'too_long' });
    expect(r.message).toBe('That is not a label: 10,000 characters arrived at once.');
  });

  it('refuses control characters other than GS, naming them', () => {
    const r = resolve('P-1\u000701');
    expect(r).toMatchObject({ status: 'rejected', rejection: 'control_character', code: 'P-1?01' });
    expect(r.message).toMatch(/control character U\+0007 \(position 4\)/);
    expect(resolve('P-101\u001b').rejection).toBe('control_character');
    expect(resolve(`P-1${GS}01`).rejection).toBe('unknown_ai'); // GS makes it GS1 data, which it is not
  });

  it('refuses text decoded from invalid UTF-8 and lone surrogates', () => {
    const fromDevice = Buffer.from([0x50, 0x2d, 0xc3, 0x28, 0x31]).toString('utf8');
    expect(resolve(fromDevice)).toMatchObject({ status: 'rejected', rejection: 'invalid_text' });
    expect(resolve('P-10\ud8001').rejection).toBe('invalid_text');
  });

  it('asks for a code when there is none', () => {
    expect(resolve(' \r\n')).toMatchObject({
      status: 'rejected',
      rejection: 'empty',
      message: 'Scan or type a code.',
    });
  });
});

describe('the station API shape and the query plans', () => {
  it('lookupCode answers in the contract shape', () => {
    for (const code of ['P-101', 'P-1O1', '(01)04006381333931(10)X', 'x'.repeat(5000)]) {
      expect(lookupResultSchema.safeParse(lookupCode(cache.reader, code)).success).toBe(true);
    }
    expect(lookupCode(cache.reader, 'P-1O1').suggestions).toEqual(['P-101']);
  });

  it('every statement seeks an index: no scan of a table that can be large', () => {
    cache.reader.prepare('SELECT count(*) FROM sqlite_master').get(); // load the current schema
    const small = /^(SCAN (l|j)\b|SCAN CONSTANT ROW|USE TEMP B-TREE|CORRELATED|LIST SUBQUERY)/;
    for (const sql of [...Object.values(LOOKUP_SQL), ...suggestionSql()]) {
      const statement = cache.reader.prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const names = [...new Set(sql.match(/@\w+/g) ?? [])].map((n) => [n.slice(1), 'x']);
      const params: unknown[] =
        names.length > 0
          ? [Object.fromEntries(names) as Record<string, string>]
          : Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 'x');
      const steps = (statement.all(...params) as { detail: string }[]).map((r) => r.detail);
      const scans = steps.filter((d) => d.startsWith('SCAN') && !small.test(d));
      expect(scans, sql).toEqual([]);
    }
  });
});
