// What a shipment's gate pass, manifest and receipt report are drawn from, gathered from the
// station's cache (the logistics read shipments.detail: the mirror with what is queued here on
// top) into the print room's plain data, and the gate pass's signed QR code. Short reads on the
// core's thread; the drawing happens in the print worker.
import type { ShipmentDetail } from '../../src-preload/contract/logistics/reads.ts';
import type { DocumentKind } from '../../src-preload/contract/documents/operations.ts';
import { DOCUMENT_WORDS } from '../../src-preload/contract/documents/operations.ts';
import type { CacheDb } from '../cache/db.ts';
import { OpError } from '../core/errors.ts';
import type { StationScope } from '../core/scope.ts';
import { shipmentDetail } from '../logistics/reads/shipment-detail.ts';
import { truckIdByGatePass } from '../logistics/truck.ts';
import {
  planIssue,
  type DocumentSource,
  type IssueEnv,
  type IssuePlan,
  type IssueRequest,
  type Signer,
} from '../documents/issue-document.ts';
import type {
  GatePassData,
  IssueFacts,
  ManifestData,
  ManifestLine,
  ReceiptData,
  ReceiptLine,
} from '../print/documents/shipment-docs.ts';
import type { PrintJob } from '../print/print-jobs.ts';
import { driverHash, manifestHash, signPassCode } from '../resolve/pass-code.ts';

/** How long a printed gate pass is valid for the gates. */
export const PASS_VALID_HOURS = 24;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The shipment's id from its id or its gate pass reference (GP-NBO1-0042, any case). */
export function shipmentIdOf(db: CacheDb, idOrRef: string): string {
  const text = idOrRef.trim();
  if (UUID.test(text)) return text.toLowerCase();
  const id = truckIdByGatePass(db, text.toUpperCase());
  if (id === null) throw new OpError('unknown_shipment', `There is no shipment ${text} at this station.`);
  return id;
}

export interface DrawRequest {
  kind: DocumentKind;
  detail: ShipmentDetail;
  facts: IssueFacts;
  signer: Signer;
}

function statusWords(status: string): string {
  return status.replace(/_/g, ' ');
}

function place(code: string, name: string): { code: string; name: string } {
  return { code, name };
}

function serialOf(db: CacheDb, assetId: string): string | null {
  return (db.prepare('SELECT serial_number FROM assets WHERE id = ?').pluck().get(assetId) ?? null) as
    string | null;
}

function quantity(qty: number, unit: string): string {
  return `${String(qty)} ${unit}`;
}

/** The manifest's lines: each unit followed by the components travelling with it, then the parts. */
export function manifestLines(db: CacheDb, detail: ShipmentDetail): ManifestLine[] {
  const assets = detail.assets.filter((a) => a.status !== 'extra');
  const byId = new Map(assets.map((a) => [a.asset_id, a]));
  const children = new Map<string, typeof assets>();
  const roots: typeof assets = [];
  for (const a of assets) {
    if (a.parent_asset_id !== null && byId.has(a.parent_asset_id)) {
      const list = children.get(a.parent_asset_id) ?? [];
      list.push(a);
      children.set(a.parent_asset_id, list);
    } else roots.push(a);
  }
  const lines: ManifestLine[] = [];
  const walk = (a: (typeof assets)[number], parentCode: string | null): void => {
    lines.push({
      kind: 'asset',
      code: a.code,
      description: a.name,
      serialOrQuantity: serialOf(db, a.asset_id) ?? '—',
      unit: 'unit',
      componentOf: parentCode,
      condition: a.leaves_parent_code === null ? null : `Without its unit ${a.leaves_parent_code}`,
    });
    for (const c of children.get(a.asset_id) ?? []) walk(c, a.code);
  };
  for (const a of roots) walk(a, null);
  for (const p of detail.parts) {
    lines.push({
      kind: 'part',
      code: p.sku,
      description: `${p.name} (from ${p.source_code} ${p.source_bin})`,
      serialOrQuantity: String(p.qty),
      unit: p.unit,
      componentOf: null,
      condition: null,
    });
  }
  return lines;
}

function gatePass(db: CacheDb, r: DrawRequest): GatePassData {
  const s = r.detail.shipment;
  const lines = manifestLines(db, r.detail);
  const seals = r.detail.seals.map((x) => x.seal_number);
  const issued = new Date(r.facts.issuedAt);
  const expires = new Date(issued.getTime() + PASS_VALID_HOURS * 3_600_000);
  const qrCode = signPassCode(
    {
      keyId: r.signer.keyId,
      shipmentId: s.id,
      gatePassRef: s.gate_pass_ref,
      vehicleReg: s.vehicle_reg ?? '',
      driverHash: driverHash(s.id, s.driver_name ?? '', s.driver_id_number ?? ''),
      seals,
      itemCount: lines.length,
      manifestHash: manifestHash(lines.map((l) => `${l.code}|${l.serialOrQuantity}`)),
      issuedAt: issued,
      expiresAt: expires,
      copy: r.facts.copy,
      returnable: s.is_returnable,
      expectedReturn: s.is_returnable ? s.expected_return_date : null,
    },
    (message) => Buffer.from(r.signer.sign(message)),
  );
  return {
    ...r.facts,
    reference: s.gate_pass_ref,
    shipmentId: s.id,
    jmsReference: s.jms_reference,
    from: place(s.origin_code, s.origin_name),
    to: place(s.destination_code, s.destination_name),
    vehicleReg: s.vehicle_reg ?? '—',
    trailerReg: s.trailer_reg,
    driver: { name: s.driver_name ?? '—', idNumber: s.driver_id_number },
    seals,
    assetCount: lines.filter((l) => l.kind === 'asset').length,
    partLineCount: lines.filter((l) => l.kind === 'part').length,
    firstLines: lines.map((l) => ({
      code: l.code,
      description: l.description,
      quantity:
        l.kind === 'asset' ? `SN ${l.serialOrQuantity}` : quantity(Number(l.serialOrQuantity), l.unit),
    })),
    returnable: s.is_returnable ? { expectedReturn: s.expected_return_date } : null,
    authorisedBy: s.dispatched_by,
    validUntil: expires.toISOString(),
    qrCode,
  };
}

function manifest(db: CacheDb, r: DrawRequest): ManifestData {
  const s = r.detail.shipment;
  return {
    ...r.facts,
    reference: s.gate_pass_ref,
    shipmentId: s.id,
    jmsReference: s.jms_reference,
    from: place(s.origin_code, s.origin_name),
    to: place(s.destination_code, s.destination_name),
    vehicleReg: s.vehicle_reg ?? '—',
    driver: { name: s.driver_name ?? '—', idNumber: s.driver_id_number },
    seals: r.detail.seals.map((x) => x.seal_number),
    status: s.status === 'loading' ? 'loading: DRAFT, not valid to leave the site' : statusWords(s.status),
    dispatchedAt: s.dispatched_at,
    lines: manifestLines(db, r.detail),
  };
}

function receipt(r: DrawRequest): ReceiptData {
  const s = r.detail.shipment;
  const lines: ReceiptLine[] = [];
  const scans = new Map(r.detail.receipts.map((x) => [x.item_id, x]));
  for (const a of r.detail.assets) {
    const extra = a.status === 'extra';
    const damaged = a.condition === 'damaged';
    lines.push({
      code: a.code,
      description: a.name,
      expected: extra ? '0' : '1',
      received: a.received ? '1' : '0',
      result: damaged ? 'damaged' : extra ? 'extra' : statusWords(a.status),
      note: a.note ?? scans.get(a.asset_id)?.note ?? null,
    });
  }
  for (const p of r.detail.parts) {
    lines.push({
      code: p.sku,
      description: p.name,
      expected: quantity(p.qty, p.unit),
      received: quantity(p.received_qty, p.unit),
      result: p.received_qty >= p.qty ? 'received' : p.received_qty > 0 ? 'short' : statusWords(p.status),
      note: null,
    });
  }
  for (const x of r.detail.receipts) {
    if (x.kind !== 'part' || (x.extra_qty ?? 0) <= 0) continue;
    lines.push({
      code: x.code,
      description: x.name,
      expected: '0',
      received: String(x.extra_qty),
      result: x.condition === 'damaged' ? 'extra, damaged' : 'extra',
      note: x.note,
    });
  }
  return {
    ...r.facts,
    reference: s.gate_pass_ref,
    shipmentId: s.id,
    from: place(s.origin_code, s.origin_name),
    to: place(s.destination_code, s.destination_name),
    vehicleReg: s.vehicle_reg ?? '—',
    driver: { name: s.driver_name ?? '—', idNumber: s.driver_id_number },
    dispatchedAt: s.dispatched_at,
    receivedAt: s.received_at,
    receivedBy: s.received_by,
    status: statusWords(s.status),
    seals: r.detail.seals.map((x) => ({
      number: x.seal_number,
      result:
        x.check_result === null
          ? 'not checked'
          : x.check_result === 'mismatch'
            ? `different (found ${x.found_number ?? '?'})`
            : x.check_result,
    })),
    lines,
  };
}

/**
 * Whether the shipment's document can be printed now, and whether it is a draft (a loading truck's
 * manifest: printed for the loaders, never issued). Throws the refusal otherwise.
 */
export function printability(detail: ShipmentDetail, kind: DocumentKind): { draft: boolean } {
  const s = detail.shipment;
  const word = DOCUMENT_WORDS[kind];
  if (s.status === 'cancelled') {
    throw new OpError(
      'shipment_cancelled',
      kind === 'gate_pass'
        ? `${s.gate_pass_ref} is cancelled: its gate pass cannot be printed as valid.`
        : `${s.gate_pass_ref} is cancelled: there is no ${word} to print.`,
    );
  }
  if (kind === 'gate_pass' && s.status !== 'dispatched') {
    throw new OpError(
      s.status === 'loading' ? 'not_dispatched' : 'already_received',
      s.status === 'loading'
        ? `${s.gate_pass_ref} is still loading: its gate pass is printed once it is dispatched with its seals.`
        : `${s.gate_pass_ref} was already received: its gate pass is no longer valid.`,
    );
  }
  if (kind === 'receipt' && s.status !== 'received' && s.status !== 'received_with_discrepancies') {
    throw new OpError(
      'not_received',
      `${s.gate_pass_ref} has not been received yet: its receipt report is printed when the receipt is finished.`,
    );
  }
  return { draft: kind === 'manifest' && s.status === 'loading' };
}

/** The print job for one of the shipment's documents. */
export function documentJob(db: CacheDb, r: DrawRequest): { job: PrintJob; qrCode: string | null } {
  switch (r.kind) {
    case 'gate_pass': {
      const data = gatePass(db, r);
      return { job: { kind: 'gate-pass', data }, qrCode: data.qrCode };
    }
    case 'manifest':
      return { job: { kind: 'manifest', data: manifest(db, r) }, qrCode: null };
    case 'receipt':
      return { job: { kind: 'receipt', data: receipt(r) }, qrCode: null };
  }
}

/** One of the shipment's documents as the documents room issues it (refused when it cannot be printed). */
export function shipmentDocumentSource(
  db: CacheDb,
  scope: StationScope,
  kind: DocumentKind,
  shipmentId: string,
  signer: Signer,
): DocumentSource {
  const detail = shipmentDetail(db, scope, shipmentId);
  const { draft } = printability(detail, kind);
  return {
    reference: detail.shipment.gate_pass_ref,
    draft,
    draw: (facts) => documentJob(db, { kind, detail, facts, signer }),
  };
}

/** Plans the print of one of the shipment's documents at this station (app and CLI alike). */
export function planShipmentDocument(
  env: IssueEnv,
  request: IssueRequest,
  now: Date = new Date(),
): IssuePlan {
  const source = shipmentDocumentSource(
    env.cache.reader,
    env.scope,
    request.kind,
    request.shipmentId,
    env.signer,
  );
  return planIssue(env, request, source, now);
}
