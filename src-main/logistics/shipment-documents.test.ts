// A shipment's gate pass, manifest and receipt report issued on a station, from its cache (trucks
// opened, loaded, dispatched, cancelled and received offline, as queued here): read back with
// pdftotext, the gate pass's QR decoded with zbarimg from pdftoppm's page and verified from the
// cache as a guard's scan would be; the original once, then COPY n with a reason, recorded as
// document.issue; a loading truck's manifest is a draft; a cancelled truck's pass is refused.
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import type { UserRole } from '../../db/schema/pg/enums.ts';
import { NAMES, NOW, station, users, warehouseId } from '../../test/helpers/ops-test-ids.ts';
import { pdfPages, pdfQrCodes, pdfText } from '../../test/helpers/pdf-tools.ts';
import { sampleKey } from '../../test/helpers/shipment-doc-samples.ts';
import { StationCache } from '../cache/station-cache.ts';
import { OpError } from '../core/errors.ts';
import { submitOperation } from '../ops/submit.ts';
import { renderJob } from '../print/print-jobs.ts';
import { verifyPassCode } from '../resolve/pass-verify.ts';
import { STATION_OPERATIONS } from '../station/operations.ts';
import { addIncomingTruck, CARGO, openLogisticsCache } from '../../test/helpers/logistics-cache.ts';
import { sha256Hex } from '../documents/copies.ts';
import { recordIssue, type IssueEnv, type IssueRequest } from '../documents/issue-document.ts';
import { planShipmentDocument as planIssue } from './shipment-documents.ts';

const key = sampleKey();

let dir: string;
let cache: StationCache;

const { unit, loose, filter } = CARGO;

beforeEach(() => {
  ({ dir, cache } = openLogisticsCache('amms-shipment-docs-'));
});

afterEach(() => {
  cache.close();
  rmSync(dir, { recursive: true, force: true });
});

function submit(type: string, payload: unknown, role: UserRole = 'logistics_clerk') {
  return submitOperation(STATION_OPERATIONS, cache, station, { type, userId: users[role], payload }, NOW);
}

function env(role: UserRole = 'logistics_clerk'): IssueEnv {
  return {
    cache,
    scope: station,
    dir,
    userId: users[role],
    signer: { keyId: key.file.keyId, sign: key.sign },
    stationLabel: 'Gate 1 · ACME-NBO',
  };
}

/** Plans, draws (in this process, as the CLI does) and records one print. */
function issue(request: IssueRequest, at: Date = NOW) {
  const plan = planIssue(env(), request, at);
  const pdf = renderJob(plan.job);
  const bytes = Buffer.from(pdf.bytes);
  const recorded = recordIssue(env(), plan, bytes, pdf.pages, sha256Hex(bytes));
  return { plan, pdf, bytes, recorded };
}

function refusal(run: () => unknown): OpError {
  try {
    run();
  } catch (error) {
    if (error instanceof OpError) return error;
    throw error;
  }
  throw new Error('not refused');
}

const ownKey = {
  keyId: key.file.keyId,
  publicKey: key.file.publicKey,
  stationName: 'Gate 1',
  siteCode: 'ACME-NBO',
};

function openTruck(): { id: string; ref: string } {
  const id = uuidv7();
  submit('shipment.open', {
    shipment_id: id,
    destination: 'acme-msa',
    vehicle_reg: 'KDA 123A',
    driver_name: 'Zoë Wanjirũ',
    driver_id_number: '22334455',
    returnable: true,
    expected_return_date: '2026-12-20',
  });
  const ref = cache.reader
    .prepare(
      `SELECT json_extract(data, '$.gate_pass_ref') FROM pending_effects WHERE key = ? AND entity = 'shipment_open'`,
    )
    .pluck()
    .get(id) as string;
  return { id, ref };
}

function loadAndDispatch(): { id: string; ref: string } {
  const t = openTruck();
  submit('shipment.load', { shipment_id: t.id, asset_id: unit });
  submit('shipment.load', { shipment_id: t.id, asset_id: loose });
  submit('shipment.load', {
    shipment_id: t.id,
    part_id: filter,
    location_id: warehouseId,
    bin_location: 'A-01',
    qty: 4,
  });
  submit('shipment.dispatch', { shipment_id: t.id, seals: ['KE-100231', 'KE-100232'] });
  return t;
}

describe("a shipment's documents issued at the station", () => {
  it("prints a dispatched truck's gate pass with a signed QR code a guard's scan verifies as genuine", () => {
    const t = loadAndDispatch();
    const { plan, pdf, recorded } = issue({ kind: 'gate_pass', shipmentId: t.id });
    expect(plan.copy).toBe(0);
    expect(pdf.pages).toBe(1);
    expect(pdfPages(pdf.bytes)).toBe(1);
    const text = pdfText(pdf.bytes);
    for (const expected of [
      t.ref,
      'ORIGINAL',
      'RETURNABLE',
      'ACME-NBO · Nairobi',
      'ACME-MSA · Mombasa',
      'KDA 123A',
      'Zoë Wanjirũ',
      '22334455',
      'KE-100231, KE-100232',
      'EX-101',
      'ENG-5',
      'GEN-7',
      'FLT-100',
      'Gate 1 · ACME-NBO',
      NAMES.logistics_clerk,
    ]) {
      expect(text).toContain(expected);
    }
    const codes = pdfQrCodes(pdf.bytes);
    expect(codes).toEqual([plan.qrCode]);
    const check = verifyPassCode(cache.reader, codes[0] ?? '', { now: NOW, ownKey });
    expect(check?.verdict).toBe('genuine');
    expect(check?.line).toContain(`Genuine: ${t.ref}, truck KDA 123A, seals KE-100231, KE-100232, 5 items`);
    // Recorded: document.issue queued with the PDF, its hash and the signed code.
    const queued = JSON.parse(
      cache.reader
        .prepare(`SELECT payload FROM outbox WHERE type = 'document.issue'`)
        .pluck()
        .get() as string,
    ) as Record<string, unknown>;
    expect(queued).toMatchObject({
      document_id: recorded?.documentId,
      kind: 'gate_pass',
      shipment_id: t.id,
      copy_number: 0,
      qr_payload: plan.qrCode,
      key_id: key.file.keyId,
      pages: 1,
    });
    // Expired a day later.
    const later = verifyPassCode(cache.reader, codes[0] ?? '', {
      now: new Date(NOW.getTime() + 25 * 3_600_000),
      ownKey,
    });
    expect(later?.verdict).toBe('expired');
  });

  it('prints the original once: a reprint needs a reason and says COPY n, in its QR code too', () => {
    const t = loadAndDispatch();
    issue({ kind: 'gate_pass', shipmentId: t.id });
    const again = refusal(() => planIssue(env(), { kind: 'gate_pass', shipmentId: t.id }, NOW));
    expect(again.code).toBe('reprint_needs_reason');
    expect(again.message).toBe(
      `${t.ref}'s gate pass was printed before: this print is COPY 1 and needs a reason.`,
    );
    const copy = issue({ kind: 'gate_pass', shipmentId: t.id, reason: 'Driver lost the original' });
    expect(copy.plan.copy).toBe(1);
    const text = pdfText(copy.bytes);
    expect(text).toContain('COPY 1');
    expect(text).toContain('Driver lost the original');
    const check = verifyPassCode(cache.reader, pdfQrCodes(copy.bytes)[0] ?? '', { now: NOW, ownKey });
    expect(check?.verdict).toBe('genuine');
    expect(check?.line).toContain(`${t.ref} (COPY 1)`);
    const copy2 = issue({ kind: 'gate_pass', shipmentId: t.id, reason: 'Torn at the weighbridge' });
    expect(copy2.plan.copy).toBe(2);
    expect(
      cache.reader
        .prepare(
          `SELECT json_extract(payload, '$.copy_number') || ':' || coalesce(json_extract(payload, '$.reason'), '') FROM outbox WHERE type = 'document.issue' ORDER BY seq`,
        )
        .pluck()
        .all(),
    ).toEqual(['0:', '1:Driver lost the original', '2:Torn at the weighbridge']);
  });

  it("refuses the pass of a loading or cancelled truck; a loading truck's manifest is a draft, not issued", () => {
    const t = openTruck();
    submit('shipment.load', { shipment_id: t.id, asset_id: loose });
    const loading = refusal(() => planIssue(env(), { kind: 'gate_pass', shipmentId: t.id }, NOW));
    expect(loading.code).toBe('not_dispatched');
    const draft = issue({ kind: 'manifest', shipmentId: t.id });
    expect(draft.plan.draft).toBe(true);
    expect(draft.recorded).toBeNull();
    expect(pdfText(draft.bytes)).toContain('DRAFT');
    submit('shipment.cancel', { shipment_id: t.id, reason: 'Truck broke down' });
    const cancelled = refusal(() => planIssue(env(), { kind: 'gate_pass', shipmentId: t.id }, NOW));
    expect(cancelled.code).toBe('shipment_cancelled');
    expect(cancelled.message).toBe(`${t.ref} is cancelled: its gate pass cannot be printed as valid.`);
    expect(
      cache.reader.prepare(`SELECT count(*) FROM outbox WHERE type = 'document.issue'`).pluck().get(),
    ).toBe(0);
  });

  it('prints the manifest of a dispatched truck: every line, the unit with its components nested', () => {
    const t = loadAndDispatch();
    const { plan, bytes, recorded } = issue({ kind: 'manifest', shipmentId: t.id });
    expect(plan.draft).toBe(false);
    expect(recorded).not.toBeNull();
    const text = pdfText(bytes, { raw: true });
    for (const code of ['EX-101', 'ENG-5', 'TRB-1', 'GEN-7', 'FLT-100']) expect(text).toContain(code);
    expect(text.indexOf('EX-101')).toBeLessThan(text.indexOf('ENG-5'));
    expect(text.indexOf('ENG-5')).toBeLessThan(text.indexOf('TRB-1'));
    expect(text).toContain('Page 1 of 1');
    expect(text).toContain('KE-100231');
    const receipt = refusal(() => planIssue(env(), { kind: 'receipt', shipmentId: t.id }, NOW));
    expect(receipt.code).toBe('not_received');
  });
});

describe('the receipt report of a truck received here', () => {
  const truck = uuidv7();
  const unitMove = uuidv7();

  beforeEach(() => {
    addIncomingTruck(cache, truck, unitMove);
  });

  it('says what came off against the manifest, the seals checked and what is missing', () => {
    submit('shipment.receive', {
      shipment_id: truck,
      asset_id: unit,
      condition: 'damaged',
      note: 'Boom cylinder leaking',
    });
    submit('shipment.receive', {
      shipment_id: truck,
      part_id: filter,
      qty: 3,
      location_id: warehouseId,
      bin_location: 'A-01',
    });
    submit('shipment.finish_receipt', {
      shipment_id: truck,
      seals: [
        { seal_number: 'KE-1', result: 'intact' },
        { seal_number: 'KE-2', result: 'broken' },
      ],
    });
    const { bytes, recorded } = issue({ kind: 'receipt', shipmentId: truck });
    expect(recorded).not.toBeNull();
    const text = pdfText(bytes);
    for (const expected of [
      'GP-MSA1-0012',
      'received with',
      'KE-1',
      'KE-2',
      'broken',
      'EX-101',
      'damaged',
      'Boom cylinder leaking',
      'FLT-100',
      '3 piece',
      '5 piece',
      'short',
    ]) {
      expect(text).toContain(expected);
    }
  });
});
