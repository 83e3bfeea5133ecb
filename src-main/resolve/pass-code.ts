// The signed code in a gate pass's QR: what the pass says, in a tight binary form, signed with the
// issuing station's Ed25519 key, written as "GP1:" + base32 (RFC 4648, no padding). Base32 keeps
// the whole code in the QR alphanumeric set (a smaller symbol than bytes) and in letters and digits
// a keyboard-wedge scanner types the same on any keyboard layout. Nothing secret is printed: the
// signature proves the payload came from the holder of the key, and nobody can make another one
// from what is on the paper. docs/signed-gate-passes.md
//
// Layout (big-endian), then the 64-byte signature over "AMMS-GP1\0" + these bytes:
//   version u8 (1) | flags u8 (bit 0: returnable) | key id 8 | shipment id 16 | issued at u32 (s)
//   | expires at u32 (s) | expected return u32 (days since 1970, 0: none) | copy u8 | items u16
//   | driver hash 8 | manifest hash 16 | reference str | vehicle str | seal count u8, seals str...
//   (str: length u8, UTF-8 bytes)
import { createHash } from 'node:crypto';

export const PASS_PREFIX = 'GP1:';
const VERSION = 1;
const SIGNATURE_BYTES = 64;
const DOMAIN = Buffer.from('AMMS-GP1\0', 'latin1');

export interface PassPayload {
  /** The signing key's id (16 hex digits). */
  keyId: string;
  shipmentId: string;
  gatePassRef: string;
  vehicleReg: string;
  /** driverHash(): 16 hex digits. */
  driverHash: string;
  seals: string[];
  /** Assets and part lines on the truck. */
  itemCount: number;
  /** manifestHash(): 32 hex digits. */
  manifestHash: string;
  issuedAt: Date;
  expiresAt: Date;
  /** 0: the original; n: COPY n. */
  copy: number;
  returnable: boolean;
  /** YYYY-MM-DD, for a returnable pass. */
  expectedReturn: string | null;
}

export type DecodedPass =
  { ok: true; payload: PassPayload; message: Buffer; signature: Buffer } | { ok: false; reason: string };

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31] ?? '';
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31] ?? '';
  return out;
}

/** The bytes of a base32 text, or null when it has a character outside the alphabet. */
export function base32Decode(text: string): Buffer | null {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const value = BASE32.indexOf(char);
    if (value < 0) return null;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 255);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

function normalise(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toUpperCase();
}

/**
 * A hash of the driver's identity bound to the shipment (not reversible from the paper to another
 * shipment): the first 8 bytes of SHA-256 over the shipment id, the name and the identity document
 * number, normalised.
 */
export function driverHash(shipmentId: string, name: string, idNumber: string): string {
  return createHash('sha256')
    .update(`amms-driver-v1\0${shipmentId}\0${normalise(name)}\0${normalise(idNumber)}`)
    .digest('hex')
    .slice(0, 16);
}

/** A hash of the manifest's lines (each line one string, in the manifest's order): 16 bytes, hex. */
export function manifestHash(lines: readonly string[]): string {
  const hash = createHash('sha256').update('amms-manifest-v1\0');
  for (const line of lines) hash.update(`${line}\n`);
  return hash.digest('hex').slice(0, 32);
}

class Writer {
  private readonly parts: Buffer[] = [];
  u8(value: number): void {
    this.parts.push(Buffer.from([value & 255]));
  }
  u16(value: number): void {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(value);
    this.parts.push(b);
  }
  u32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(value);
    this.parts.push(b);
  }
  hex(value: string, bytes: number): void {
    const b = Buffer.from(value, 'hex');
    if (b.length !== bytes) throw new Error(`Expected ${String(bytes)} bytes of hex.`);
    this.parts.push(b);
  }
  str(value: string, max: number, what: string): void {
    const b = Buffer.from(value.normalize('NFC'), 'utf8');
    if (b.length > max) throw new Error(`The ${what} is too long for the gate pass code.`);
    this.u8(b.length);
    this.parts.push(b);
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

class Reader {
  private at = 0;
  constructor(private readonly b: Buffer) {}
  private need(n: number): void {
    if (this.at + n > this.b.length) throw new RangeError('short');
  }
  u8(): number {
    this.need(1);
    return this.b.readUInt8(this.at++);
  }
  u16(): number {
    this.need(2);
    const v = this.b.readUInt16BE(this.at);
    this.at += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.b.readUInt32BE(this.at);
    this.at += 4;
    return v;
  }
  hex(n: number): string {
    this.need(n);
    const v = this.b.subarray(this.at, this.at + n).toString('hex');
    this.at += n;
    return v;
  }
  str(): string {
    const n = this.u8();
    this.need(n);
    const v = this.b.subarray(this.at, this.at + n).toString('utf8');
    this.at += n;
    return v;
  }
  get position(): number {
    return this.at;
  }
}

function uuidBytes(id: string): string {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error('The shipment id is not a uuid.');
  return hex.toLowerCase();
}

function uuidOf(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const DAY = 86_400_000;

/** The payload's bytes (what is signed, after the domain prefix). */
export function encodePassBody(p: PassPayload): Buffer {
  const w = new Writer();
  w.u8(VERSION);
  w.u8(p.returnable ? 1 : 0);
  w.hex(p.keyId, 8);
  w.hex(uuidBytes(p.shipmentId), 16);
  w.u32(Math.floor(p.issuedAt.getTime() / 1000));
  w.u32(Math.floor(p.expiresAt.getTime() / 1000));
  w.u32(p.expectedReturn === null ? 0 : Math.round(Date.parse(`${p.expectedReturn}T00:00:00Z`) / DAY));
  if (!Number.isInteger(p.copy) || p.copy < 0 || p.copy > 255)
    throw new Error('The copy number must be 0 to 255.');
  w.u8(p.copy);
  w.u16(Math.min(65_535, Math.max(0, Math.round(p.itemCount))));
  w.hex(p.driverHash, 8);
  w.hex(p.manifestHash, 16);
  w.str(p.gatePassRef, 40, 'gate pass reference');
  w.str(p.vehicleReg, 24, 'vehicle registration');
  if (p.seals.length > 12) throw new Error('A gate pass code holds at most 12 seals.');
  w.u8(p.seals.length);
  for (const seal of p.seals) w.str(seal, 32, 'seal number');
  return w.bytes();
}

/** What the signature covers: the domain prefix and the payload's bytes. */
export function signingMessage(body: Uint8Array): Buffer {
  return Buffer.concat([DOMAIN, body]);
}

/** The QR's text: the payload signed with `sign` (Ed25519 over signingMessage). */
export function signPassCode(p: PassPayload, sign: (message: Buffer) => Uint8Array): string {
  const body = encodePassBody(p);
  const signature = Buffer.from(sign(signingMessage(body)));
  if (signature.length !== SIGNATURE_BYTES) throw new Error('An Ed25519 signature has 64 bytes.');
  return PASS_PREFIX + base32Encode(Buffer.concat([body, signature]));
}

export function isPassCode(text: string): boolean {
  return text.toUpperCase().startsWith(PASS_PREFIX);
}

/** Reads a scanned code (the signature is checked by the verifier, against the signer's key). */
export function decodePassCode(code: string): DecodedPass {
  const text = code.trim().toUpperCase();
  if (!text.startsWith(PASS_PREFIX)) return { ok: false, reason: 'not a gate pass code' };
  const bytes = base32Decode(text.slice(PASS_PREFIX.length));
  if (!bytes) return { ok: false, reason: 'it has characters a gate pass code never has' };
  if (bytes.length < 68 + SIGNATURE_BYTES) return { ok: false, reason: 'it is cut short' };
  const body = bytes.subarray(0, bytes.length - SIGNATURE_BYTES);
  const signature = bytes.subarray(bytes.length - SIGNATURE_BYTES);
  try {
    const r = new Reader(body);
    if (r.u8() !== VERSION) return { ok: false, reason: 'it is of a version this station does not read' };
    const flags = r.u8();
    const keyId = r.hex(8);
    const shipmentId = uuidOf(r.hex(16));
    const issuedAt = new Date(r.u32() * 1000);
    const expiresAt = new Date(r.u32() * 1000);
    const returnDay = r.u32();
    const copy = r.u8();
    const itemCount = r.u16();
    const driver = r.hex(8);
    const manifest = r.hex(16);
    const gatePassRef = r.str();
    const vehicleReg = r.str();
    const sealCount = r.u8();
    const seals: string[] = [];
    for (let i = 0; i < sealCount; i++) seals.push(r.str());
    if (r.position !== body.length)
      return { ok: false, reason: 'it carries bytes a gate pass code never has' };
    return {
      ok: true,
      payload: {
        keyId,
        shipmentId,
        gatePassRef,
        vehicleReg,
        driverHash: driver,
        seals,
        itemCount,
        manifestHash: manifest,
        issuedAt,
        expiresAt,
        copy,
        returnable: (flags & 1) === 1,
        expectedReturn: returnDay === 0 ? null : new Date(returnDay * DAY).toISOString().slice(0, 10),
      },
      message: signingMessage(body),
      signature: Buffer.from(signature),
    };
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, reason: 'it is cut short' };
    throw error;
  }
}
