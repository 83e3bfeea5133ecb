// The gate pass, the manifest and the receipt report read back as a person (and a guard's scanner)
// would: their text with pdftotext, the QR decoded with zbarimg from the page rendered by pdftoppm
// and its signature checked, page furniture on every page of a 500-line manifest, the COPY mark of
// a reprint, names with accents and in Ethiopic script.
import { verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { publicKeyFromRaw } from '../../../db/admin/signing-key-file.ts';
import { pdfPages, pdfQrCodes, pdfText } from '../../../test/helpers/pdf-tools.ts';
import {
  sampleGatePass,
  sampleKey,
  sampleManifest,
  sampleReceipt,
} from '../../../test/helpers/shipment-doc-samples.ts';
import { decodePassCode } from '../../resolve/pass-code.ts';
import { renderJob } from '../print-jobs.ts';

const key = sampleKey();

describe('gate pass', () => {
  const data = sampleGatePass(key);
  const pdf = renderJob({ kind: 'gate-pass', data });

  it('is one A4 page with everything the guard checks', () => {
    expect(pdf.pages).toBe(1);
    expect(pdfPages(pdf.bytes)).toBe(1);
    const text = pdfText(pdf.bytes);
    for (const expected of [
      'GP-NBO-0042',
      'ORIGINAL',
      'RETURNABLE',
      'JMS-2026-03-0117',
      'ACME-NBO · Nairobi Central Depot',
      'ACME-MSA · Mombasa Port Yard',
      'KDA 123X',
      'ZF 4410',
      'አበበ ቢቂላ (Abebe',
      'A1234567',
      'S-100231, S-100232',
      'Yes, expected back 1 Apr',
      'EX-101-001',
      'Excavator CAT 320 GC',
      'every line is on the manifest of GP-NBO-0042',
      '14 Mar 2026 08:00 UTC',
      '15 Mar 2026 08:00',
      'Winnie Njeri',
      'Gate 1 · ACME-NBO',
      'Issued by',
      'Authorised by',
      'Security (gate)',
      'Driver',
      'Page 1 of 1',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('carries a QR that decodes from the rendered page to the signed code, whose signature holds', () => {
    const codes = pdfQrCodes(pdf.bytes);
    expect(codes).toEqual([data.qrCode]);
    const decoded = decodePassCode(codes[0] ?? '');
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.payload).toMatchObject({
      gatePassRef: 'GP-NBO-0042',
      vehicleReg: 'KDA 123X',
      seals: ['S-100231', 'S-100232'],
      copy: 0,
    });
    expect(verify(null, decoded.message, publicKeyFromRaw(key.file.publicKey), decoded.signature)).toBe(true);
  });

  it('says COPY n and why on a reprint, and its QR says COPY n too', () => {
    const copy = sampleGatePass(key, { copy: 2, reason: 'Driver lost the original' });
    const reprint = renderJob({ kind: 'gate-pass', data: copy });
    const text = pdfText(reprint.bytes);
    expect(text).toContain('COPY 2, not the original. Reprinted because: Driver lost the original');
    expect(text).not.toContain('ORIGINAL');
    const decoded = decodePassCode(pdfQrCodes(reprint.bytes)[0] ?? '');
    expect(decoded.ok && decoded.payload.copy).toBe(2);
  });

  it('gives the same bytes for the same data', () => {
    const again = renderJob({ kind: 'gate-pass', data });
    expect(Buffer.from(again.bytes).equals(Buffer.from(pdf.bytes))).toBe(true);
  });
});

describe('manifest', () => {
  it('of 500 lines has every line, the reference and "Page n of m" on every page, and the totals', () => {
    const data = sampleManifest(500);
    const progress: number[] = [];
    const pdf = renderJob({ kind: 'manifest', data }, (done) => progress.push(done));
    expect(progress.at(-1)).toBe(500);
    const pages = pdfPages(pdf.bytes);
    expect(pages).toBe(pdf.pages);
    expect(pages).toBeGreaterThan(8);
    for (let page = 1; page <= pages; page++) {
      const text = pdfText(pdf.bytes, { page });
      expect(text).toContain('MANIFEST');
      expect(text).toContain('GP-NBO-0042');
      expect(text).toContain(`Page ${String(page)} of ${String(pages)}`);
      // The header row repeats on every page that holds lines.
      if (page < pages)
        expect(text).toMatch(/Code \/ SKU\s+Description\s+Serial \/ qty\s+Unit\s+Component of\s+Condition/);
    }
    const all = pdfText(pdf.bytes);
    for (const line of [data.lines[0], data.lines[249], data.lines[499]]) {
      expect(all).toContain(line?.code ?? '?');
    }
    expect(all).toMatch(/^\s*500\s+\S+/m);
    expect(all).toContain('500 lines in all');
    expect(all).toContain('Dispatched by');
  });

  it('prints a two-page manifest for 40 lines, and a reprint says COPY on every page', () => {
    const pdf = renderJob({
      kind: 'manifest',
      data: sampleManifest(40, { copy: 1, reason: 'Smudged at the weighbridge' }),
    });
    expect(pdf.pages).toBe(2);
    expect(pdfText(pdf.bytes, { page: 2 })).toContain('COPY 1');
    expect(pdfText(pdf.bytes, { page: 1 })).toContain('Reprinted because: Smudged at the weighbridge');
  });
});

describe('receipt report', () => {
  it('shows expected against received, the seal check and the discrepancies, with names as typed', () => {
    const pdf = renderJob({ kind: 'receipt', data: sampleReceipt() });
    const text = pdfText(pdf.bytes);
    for (const expected of [
      'RECEIPT REPORT',
      'Zoë Wanjirũ',
      'S-100232',
      'broken',
      'missing',
      'damaged',
      'Cracked housing',
      '2 line discrepancies, 1 seal problem',
      'Received by',
      'Supervisor',
    ]) {
      expect(text).toContain(expected);
    }
  });
});
