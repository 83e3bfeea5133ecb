// What a shipment's documents are drawn from: plain data, gathered from the station's cache by the
// logistics domain on the core's thread and drawn in the print worker. Dates are ISO strings
// (the worker shows them in UTC, so the same data gives the same document anywhere).

export interface Place {
  code: string;
  name: string;
}

export interface Driver {
  name: string;
  /** Identity document or licence number. */
  idNumber: string | null;
}

/** A reprint's mark: COPY n and why. */
export interface CopyMark {
  /** 0: the original. */
  copy: number;
  reason: string | null;
}

export interface IssueFacts extends CopyMark {
  /** When this print was made. */
  issuedAt: string;
  issuedBy: string;
  station: string;
}

export interface GatePassLine {
  code: string;
  description: string;
  /** "SN 4471-B" or "12 piece". */
  quantity: string;
}

export interface GatePassData extends IssueFacts {
  reference: string;
  shipmentId: string;
  jmsReference: string | null;
  from: Place;
  to: Place;
  vehicleReg: string;
  trailerReg: string | null;
  driver: Driver;
  seals: string[];
  assetCount: number;
  partLineCount: number;
  /** The first lines of the manifest (the pass lists a few and refers to the manifest). */
  firstLines: GatePassLine[];
  /** A returnable pass (repair, hire): the expected return date. */
  returnable: { expectedReturn: string | null } | null;
  /** Who authorised the dispatch, when recorded. */
  authorisedBy: string | null;
  validUntil: string;
  /** The signed code for the QR (GP1:...). */
  qrCode: string;
}

export interface ManifestLine {
  kind: 'asset' | 'part';
  /** Client code (assets) or SKU (parts). */
  code: string;
  description: string;
  /** Serial number of an asset, or the quantity of a part line. */
  serialOrQuantity: string;
  unit: string;
  /** The unit a component travels with (its client code), if any. */
  componentOf: string | null;
  condition: string | null;
}

export interface ManifestData extends IssueFacts {
  reference: string;
  shipmentId: string;
  jmsReference: string | null;
  from: Place;
  to: Place;
  vehicleReg: string;
  driver: Driver;
  seals: string[];
  status: string;
  dispatchedAt: string | null;
  lines: ManifestLine[];
}

export interface SealCheck {
  number: string;
  /** What was found at arrival: intact, broken, different, missing, extra. */
  result: string;
}

export interface ReceiptLine {
  code: string;
  description: string;
  expected: string;
  received: string;
  /** received, short, missing, extra, damaged, wrong item ... */
  result: string;
  note: string | null;
}

export interface ReceiptData extends IssueFacts {
  reference: string;
  shipmentId: string;
  from: Place;
  to: Place;
  vehicleReg: string;
  driver: Driver;
  dispatchedAt: string | null;
  receivedAt: string | null;
  receivedBy: string | null;
  status: string;
  seals: SealCheck[];
  lines: ReceiptLine[];
}

/** "14 Mar 2026 08:00 UTC". */
export function showTime(iso: string | null): string {
  if (iso === null || iso === '') return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${String(date.getUTCDate())} ${months[date.getUTCMonth()] ?? ''} ${String(date.getUTCFullYear())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/** "14 Mar 2026". */
export function showDate(iso: string | null): string {
  return iso === null ? '—' : showTime(`${iso.slice(0, 10)}T00:00:00Z`).replace(/ 00:00 UTC$/, '');
}

export function copyWords(mark: CopyMark): string | null {
  return mark.copy === 0 ? null : `COPY ${String(mark.copy)}`;
}

export function footerLine(facts: IssueFacts): string {
  const copy =
    facts.copy === 0 ? 'Original' : `COPY ${String(facts.copy)} (reprinted: ${facts.reason ?? ''})`;
  return `${copy}. Printed ${showTime(facts.issuedAt)} by ${facts.issuedBy} at ${facts.station}.`;
}
