// Verifying a scanned gate pass code from the station's cache alone (no network): the signer's
// public key from the mirrored station_keys (or this station's own key before the mirror has it),
// the signature over the payload, the key's revocation, the shipment's state since the pass was
// issued and the validity window. The answer is one line for the guard and what the paper should
// say, so the guard compares the paper (and the truck) with what was signed.
import { verify } from 'node:crypto';
import { publicKeyFromRaw } from '../../db/admin/signing-key-file.ts';
import type { CacheDb } from '../cache/db.ts';
import { decodePassCode, isPassCode, type PassPayload } from './pass-code.ts';

export type PassVerdict = 'genuine' | 'altered' | 'unknown_signer' | 'expired' | 'cancelled';

export interface PassCheck {
  verdict: PassVerdict;
  /** The one-line answer, e.g. "Genuine: GP-NBO-0042, truck KDA 123X, 2 seals, 14 items, valid until …". */
  line: string;
  gatePassRef: string | null;
  shipmentId: string | null;
  copy: number | null;
  /** What the paper should say (when the code could be read). */
  paper: { label: string; value: string }[];
  /** The signing station, when its key is known. */
  signer: string | null;
}

export interface VerifyOptions {
  now?: Date;
  /** This station's own public key (its passes verify before the mirror brings the key back). */
  ownKey?: { keyId: string; publicKey: string; stationName: string; siteCode: string };
}

interface KeyRow {
  public_key: string;
  station_name: string;
  site_code: string | null;
  revoked_at: string | null;
}

interface ShipmentRow {
  status: string;
  gate_pass_ref: string;
  origin: string | null;
  destination: string | null;
  vehicle_reg: string | null;
  updated_at: string;
}

function when(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function paperOf(p: PassPayload, shipment: ShipmentRow | undefined): PassCheck['paper'] {
  const rows: PassCheck['paper'] = [
    {
      label: 'Gate pass',
      value: p.copy === 0 ? `${p.gatePassRef} (original)` : `${p.gatePassRef} (COPY ${String(p.copy)})`,
    },
    { label: 'Vehicle', value: p.vehicleReg || '—' },
    { label: 'Seals', value: p.seals.length === 0 ? 'none' : p.seals.join(', ') },
    { label: 'Items', value: String(p.itemCount) },
    { label: 'Issued', value: when(p.issuedAt) },
    { label: 'Valid until', value: when(p.expiresAt) },
    {
      label: 'Returnable',
      value: p.returnable ? `yes, expected back ${p.expectedReturn ?? '(no date)'}` : 'no',
    },
  ];
  if (shipment?.origin && shipment.destination) {
    rows.splice(1, 0, { label: 'Route', value: `${shipment.origin} → ${shipment.destination}` });
  }
  return rows;
}

function summary(p: PassPayload): string {
  const seals =
    p.seals.length === 0 ? 'no seals' : `seal${p.seals.length === 1 ? '' : 's'} ${p.seals.join(', ')}`;
  const copy = p.copy === 0 ? '' : ` (COPY ${String(p.copy)})`;
  return `${p.gatePassRef}${copy}, truck ${p.vehicleReg || '—'}, ${seals}, ${String(p.itemCount)} item${p.itemCount === 1 ? '' : 's'}`;
}

function signatureHolds(message: Buffer, signature: Buffer, publicKey: string): boolean {
  try {
    return verify(null, message, publicKeyFromRaw(publicKey), signature);
  } catch {
    return false;
  }
}

/** The verification of a scanned code, or null when the code is not a gate pass code at all. */
export function verifyPassCode(db: CacheDb, code: string, options: VerifyOptions = {}): PassCheck | null {
  if (!isPassCode(code)) return null;
  const now = options.now ?? new Date();
  const decoded = decodePassCode(code);
  if (!decoded.ok) {
    return {
      verdict: 'altered',
      line: `Not a valid gate pass: ${decoded.reason}. It was altered or misread; scan it again, and if it says the same, stop the truck and call the issuing site.`,
      gatePassRef: null,
      shipmentId: null,
      copy: null,
      paper: [],
      signer: null,
    };
  }
  const p = decoded.payload;
  const shipment = db
    .prepare<[string], ShipmentRow>(
      `SELECT s.status, s.gate_pass_ref, o.code AS origin, d.code AS destination, s.vehicle_reg, s.updated_at
         FROM shipments s LEFT JOIN locations o ON o.id = s.origin_location_id
         LEFT JOIN locations d ON d.id = s.destination_location_id WHERE s.id = ?`,
    )
    .get(p.shipmentId);
  const base = {
    gatePassRef: p.gatePassRef,
    shipmentId: p.shipmentId,
    copy: p.copy,
    paper: paperOf(p, shipment),
  };

  let key = db
    .prepare<[string], KeyRow>(
      `SELECT k.public_key, k.station_name, l.code AS site_code, k.revoked_at
         FROM station_keys k LEFT JOIN locations l ON l.id = k.site_id WHERE k.key_id = ?`,
    )
    .get(p.keyId);
  if (!key && options.ownKey?.keyId === p.keyId) {
    key = {
      public_key: options.ownKey.publicKey,
      station_name: options.ownKey.stationName,
      site_code: options.ownKey.siteCode,
      revoked_at: null,
    };
  }
  if (!key) {
    return {
      ...base,
      verdict: 'unknown_signer',
      line: `Unknown signer: the code says ${summary(p)}, but it is signed by key ${p.keyId}, which no station of this organisation known here holds. Not verified: check with the issuing site (this station may not have synced it yet).`,
      signer: null,
    };
  }
  const signer = `${key.station_name}${key.site_code ? ` (${key.site_code})` : ''}`;
  if (!signatureHolds(decoded.message, decoded.signature, key.public_key)) {
    return {
      ...base,
      verdict: 'altered',
      line: `Altered: the code's signature does not match what it says (${summary(p)}). Stop the truck and call ${signer}.`,
      signer,
    };
  }
  if (key.revoked_at !== null) {
    return {
      ...base,
      verdict: 'unknown_signer',
      line: `Signer withdrawn: ${summary(p)} is signed by ${signer}, whose key was revoked on ${key.revoked_at.slice(0, 10)}. Not valid: check with the issuing site.`,
      signer,
    };
  }
  if (shipment?.status === 'cancelled') {
    return {
      ...base,
      verdict: 'cancelled',
      line: `Cancelled since: ${p.gatePassRef} was cancelled after this pass was issued. The truck must not leave on it.`,
      signer,
    };
  }
  if (now.getTime() > p.expiresAt.getTime()) {
    return {
      ...base,
      verdict: 'expired',
      line: `Expired: ${summary(p)} was valid until ${when(p.expiresAt)}. Ask the issuing site for a new pass.`,
      signer,
    };
  }
  return {
    ...base,
    verdict: 'genuine',
    line: `Genuine: ${summary(p)}, valid until ${when(p.expiresAt)}, signed by ${signer}.`,
    signer,
  };
}
