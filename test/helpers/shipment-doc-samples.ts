// Shipment documents' data for tests, screenshots and the print benchmark: a truck from Nairobi to
// Mombasa with a driver whose name is in Ethiopic script, assets with components, part lines, and
// as many manifest lines as asked.
import { sign } from 'node:crypto';
import {
  generateSigningKey,
  privateKeyFromPkcs8,
  type SigningKeyFile,
} from '../../db/admin/signing-key-file.ts';
import type {
  GatePassData,
  ManifestData,
  ManifestLine,
  ReceiptData,
} from '../../src-main/print/documents/shipment-docs.ts';
import { driverHash, manifestHash, signPassCode } from '../../src-main/resolve/pass-code.ts';

export const SAMPLE_SHIPMENT = '0190b2c4-1111-7000-8000-000000000042';
const ISSUED = '2026-03-14T08:00:00.000Z';

const ASSETS = [
  ['EX-101', 'Excavator CAT 320 GC', 'CAT0320GKXX01234'],
  ['GEN-007', 'Generator Perkins 60 kVA', 'PK60-77812'],
  ['PMP-041', 'Dewatering pump Godwin CD150', 'GD150-4471-B'],
  ['CMP-112', 'Air compressor Atlas Copco XAS 97', 'AC97-00931'],
] as const;
const PARTS = [
  ['FLT-100231', 'Oil filter, Perkins 1104', 'piece'],
  ['HYD-220019', 'Hydraulic oil ISO VG 46', 'litre'],
  ['BLT-330145', 'V-belt SPB 2120', 'piece'],
  ['HSE-440071', 'Hydraulic hose 1/2" 2-wire, crimped', 'metre'],
  ['BRG-550902', 'Bearing 6309-2RS', 'piece'],
] as const;

/** `count` manifest lines: units with their components, then part lines, cycling the samples. */
export function sampleLines(count: number): ManifestLine[] {
  const lines: ManifestLine[] = [];
  for (let i = 0; lines.length < count; i++) {
    const a = ASSETS[i % ASSETS.length] ?? ASSETS[0];
    const code = `${a[0]}-${String(i + 1).padStart(3, '0')}`;
    lines.push({
      kind: 'asset',
      code,
      description: a[1],
      serialOrQuantity: `${a[2]}-${String(i)}`,
      unit: 'unit',
      componentOf: null,
      condition: i % 7 === 3 ? 'For repair' : 'Serviceable',
    });
    if (lines.length < count && i % 3 === 0) {
      lines.push({
        kind: 'asset',
        code: `${code}-C1`,
        description: `Bucket 1.2 m³ (component of ${code})`,
        serialOrQuantity: `BK-${String(i)}`,
        unit: 'unit',
        componentOf: code,
        condition: 'Serviceable',
      });
    }
    const p = PARTS[i % PARTS.length] ?? PARTS[0];
    if (lines.length < count) {
      lines.push({
        kind: 'part',
        code: p[0],
        description: p[1],
        serialOrQuantity: String((i % 9) + 1),
        unit: p[2],
        componentOf: null,
        condition: null,
      });
    }
  }
  return lines.slice(0, count);
}

export interface SampleKey {
  file: SigningKeyFile;
  sign: (message: Buffer) => Buffer;
}

export function sampleKey(): SampleKey {
  const file = generateSigningKey();
  if (file.privateKey.protection !== 'file') throw new Error('a fresh key is not sealed');
  const key = privateKeyFromPkcs8(file, Buffer.from(file.privateKey.pkcs8, 'base64'));
  return { file, sign: (message) => sign(null, message, key) };
}

const COMMON = {
  reference: 'GP-NBO-0042',
  shipmentId: SAMPLE_SHIPMENT,
  jmsReference: 'JMS-2026-03-0117',
  from: { code: 'ACME-NBO', name: 'Nairobi Central Depot' },
  to: { code: 'ACME-MSA', name: 'Mombasa Port Yard' },
  vehicleReg: 'KDA 123X',
  driver: { name: 'አበበ ቢቂላ (Abebe Bikila)', idNumber: 'A1234567' },
  issuedAt: ISSUED,
  issuedBy: 'Winnie Njeri',
  station: 'Gate 1 · ACME-NBO',
};

export function sampleGatePass(
  key: SampleKey,
  options: { copy?: number; reason?: string; lines?: number } = {},
): GatePassData {
  const lines = sampleLines(options.lines ?? 14);
  const seals = ['S-100231', 'S-100232'];
  const copy = options.copy ?? 0;
  const validUntil = '2026-03-15T08:00:00.000Z';
  const qrCode = signPassCode(
    {
      keyId: key.file.keyId,
      shipmentId: SAMPLE_SHIPMENT,
      gatePassRef: COMMON.reference,
      vehicleReg: COMMON.vehicleReg,
      driverHash: driverHash(SAMPLE_SHIPMENT, COMMON.driver.name, COMMON.driver.idNumber),
      seals,
      itemCount: lines.length,
      manifestHash: manifestHash(lines.map((l) => `${l.code}|${l.serialOrQuantity}`)),
      issuedAt: new Date(ISSUED),
      expiresAt: new Date(validUntil),
      copy,
      returnable: true,
      expectedReturn: '2026-04-01',
    },
    key.sign,
  );
  return {
    ...COMMON,
    copy,
    reason: options.reason ?? null,
    trailerReg: 'ZF 4410',
    seals,
    assetCount: lines.filter((l) => l.kind === 'asset').length,
    partLineCount: lines.filter((l) => l.kind === 'part').length,
    firstLines: lines.map((l) => ({
      code: l.code,
      description: l.description,
      quantity: l.kind === 'asset' ? `SN ${l.serialOrQuantity}` : `${l.serialOrQuantity} ${l.unit}`,
    })),
    returnable: { expectedReturn: '2026-04-01' },
    authorisedBy: 'Moses Langat',
    validUntil,
    qrCode,
  };
}

export function sampleManifest(
  lines: number,
  options: { copy?: number; reason?: string } = {},
): ManifestData {
  return {
    ...COMMON,
    copy: options.copy ?? 0,
    reason: options.reason ?? null,
    seals: ['S-100231', 'S-100232'],
    status: 'dispatched',
    dispatchedAt: ISSUED,
    lines: sampleLines(lines),
  };
}

export function sampleReceipt(): ReceiptData {
  const lines = sampleLines(12);
  return {
    ...COMMON,
    station: 'Yard office · ACME-MSA',
    issuedBy: 'Zoë Wanjirũ',
    issuedAt: '2026-03-15T06:30:00.000Z',
    copy: 0,
    reason: null,
    status: 'received with discrepancies',
    dispatchedAt: ISSUED,
    receivedAt: '2026-03-15T06:10:00.000Z',
    receivedBy: 'Zoë Wanjirũ',
    seals: [
      { number: 'S-100231', result: 'intact' },
      { number: 'S-100232', result: 'broken' },
    ],
    lines: lines.map((l, i) => ({
      code: l.code,
      description: l.description,
      expected: l.kind === 'asset' ? '1' : `${l.serialOrQuantity} ${l.unit}`,
      received: i === 4 ? '0' : l.kind === 'asset' ? '1' : `${l.serialOrQuantity} ${l.unit}`,
      result: i === 4 ? 'missing' : i === 7 ? 'damaged' : 'received',
      note: i === 7 ? 'Cracked housing' : null,
    })),
  };
}
