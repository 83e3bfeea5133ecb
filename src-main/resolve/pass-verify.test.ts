// Signed gate pass codes, verified from a real station cache (SQLite in a temporary folder) holding
// station keys and shipments as the sync engine would have left them: the genuine pass, and each
// way a pass is refused (altered, unknown signer, withdrawn signer, expired, cancelled since).
import { sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateSigningKey,
  privateKeyFromPkcs8,
  type SigningKeyFile,
} from '../../db/admin/signing-key-file.ts';
import { lookupResultSchema } from '../../src-preload/contract/lookup.ts';
import { insertMirrorRows } from '../../test/helpers/mirror-rows.ts';
import { StationCache } from '../cache/station-cache.ts';
import { lookupCode } from '../core/lookup.ts';
import { qrModules } from '../print/pdf-qr.ts';
import {
  base32Decode,
  base32Encode,
  decodePassCode,
  driverHash,
  manifestHash,
  PASS_PREFIX,
  signPassCode,
  type PassPayload,
} from './pass-code.ts';
import { verifyPassCode } from './pass-verify.ts';

const NOW = new Date('2026-03-14T10:00:00Z');
let dir: string;
let cache: StationCache;
let nbo: SigningKeyFile;
let revoked: SigningKeyFile;
let stranger: SigningKeyFile;
const SHIPMENT = '0190b2c4-1111-7000-8000-000000000001';
const CANCELLED = '0190b2c4-1111-7000-8000-000000000002';

function signer(file: SigningKeyFile): (message: Buffer) => Buffer {
  if (file.privateKey.protection !== 'file') throw new Error('test keys are unsealed');
  const key = privateKeyFromPkcs8(file, Buffer.from(file.privateKey.pkcs8, 'base64'));
  return (message) => sign(null, message, key);
}

function payload(overrides: Partial<PassPayload> = {}, key: SigningKeyFile = nbo): PassPayload {
  return {
    keyId: key.keyId,
    shipmentId: SHIPMENT,
    gatePassRef: 'GP-NBO-0042',
    vehicleReg: 'KDA 123X',
    driverHash: driverHash(SHIPMENT, 'Abebe Bikila', 'A1234567'),
    seals: ['S-100231', 'S-100232'],
    itemCount: 14,
    manifestHash: manifestHash(['EX-101 Excavator', 'P-1001 Filter x 4']),
    issuedAt: new Date('2026-03-14T08:00:00Z'),
    expiresAt: new Date('2026-03-15T08:00:00Z'),
    copy: 0,
    returnable: true,
    expectedReturn: '2026-04-01',
    ...overrides,
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'amms-pass-'));
  cache = StationCache.open(dir);
  const w = cache.writer;
  nbo = generateSigningKey();
  revoked = generateSigningKey();
  stranger = generateSigningKey();
  const [site = '', msa = ''] = insertMirrorRows(w, 'locations', [
    { code: 'ACME-NBO', name: 'Nairobi Depot', type: 'site', is_active: 1 },
    { code: 'ACME-MSA', name: 'Mombasa Depot', type: 'site', is_active: 1 },
  ]);
  insertMirrorRows(w, 'station_keys', [
    {
      key_id: nbo.keyId,
      public_key: nbo.publicKey,
      station_name: 'Gate 1',
      site_id: site,
      algorithm: 'ed25519',
    },
    {
      key_id: revoked.keyId,
      public_key: revoked.publicKey,
      station_name: 'Lost laptop',
      site_id: site,
      algorithm: 'ed25519',
      revoked_at: '2026-03-01T00:00:00.000Z',
    },
  ]);
  insertMirrorRows(w, 'shipments', [
    {
      id: SHIPMENT,
      gate_pass_ref: 'GP-NBO-0042',
      origin_location_id: site,
      destination_location_id: msa,
      status: 'dispatched',
      vehicle_reg: 'KDA 123X',
    },
    {
      id: CANCELLED,
      gate_pass_ref: 'GP-NBO-0043',
      origin_location_id: site,
      destination_location_id: msa,
      status: 'cancelled',
    },
  ]);
});

afterAll(() => {
  cache.close();
  rmSync(dir, { recursive: true, force: true });
});

function check(code: string) {
  const result = verifyPassCode(cache.reader, code, { now: NOW });
  if (!result) throw new Error('not read as a gate pass code');
  return result;
}

describe('gate pass codes', () => {
  it('round-trip what the pass says, in the QR alphanumeric set and a small symbol', () => {
    const p = payload();
    const code = signPassCode(p, signer(nbo));
    expect(code.startsWith(PASS_PREFIX)).toBe(true);
    expect(code).toMatch(/^GP1:[A-Z2-7]+$/);
    expect(code.length).toBeLessThan(320);
    // Version 10 or less at error correction M: about 23 mm for a 0.4 mm module.
    expect(qrModules(code).count).toBeLessThanOrEqual(57);
    const decoded = decodePassCode(code);
    expect(decoded.ok && decoded.payload).toEqual(p);
    for (const bytes of [Buffer.from([]), Buffer.from([0xff]), Buffer.from('any bytes at all, 1234567890')]) {
      expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    }
  });

  it('bind the driver hash to the shipment and ignore case and spacing', () => {
    expect(driverHash(SHIPMENT, ' abebe  bikila ', 'a1234567')).toBe(
      driverHash(SHIPMENT, 'Abebe Bikila', 'A1234567'),
    );
    expect(driverHash(CANCELLED, 'Abebe Bikila', 'A1234567')).not.toBe(
      driverHash(SHIPMENT, 'Abebe Bikila', 'A1234567'),
    );
  });
});

describe('verifying a scanned gate pass', () => {
  it('says genuine, with what the paper should say and who signed it', () => {
    const result = check(signPassCode(payload(), signer(nbo)));
    expect(result.verdict).toBe('genuine');
    expect(result.line).toBe(
      'Genuine: GP-NBO-0042, truck KDA 123X, seals S-100231, S-100232, 14 items, valid until 2026-03-15 08:00 UTC, signed by Gate 1 (ACME-NBO).',
    );
    expect(result.paper).toContainEqual({ label: 'Route', value: 'ACME-NBO → ACME-MSA' });
    expect(result.paper).toContainEqual({ label: 'Returnable', value: 'yes, expected back 2026-04-01' });
    expect(result.shipmentId).toBe(SHIPMENT);
  });

  it('says COPY n for a reprint', () => {
    const result = check(signPassCode(payload({ copy: 2 }), signer(nbo)));
    expect(result.verdict).toBe('genuine');
    expect(result.line).toContain('GP-NBO-0042 (COPY 2)');
  });

  it('refuses an altered payload: a changed seal under the original signature', () => {
    const genuine = signPassCode(payload(), signer(nbo));
    const decoded = decodePassCode(genuine);
    if (!decoded.ok) throw new Error('unreadable');
    // Re-encode what the paper now says (another seal number) and keep the genuine signature.
    const forgedBody = signPassCode(payload({ seals: ['S-999999', 'S-100232'] }), () => decoded.signature);
    const result = check(forgedBody);
    expect(result.verdict).toBe('altered');
    expect(result.line).toMatch(/^Altered: the code's signature does not match what it says/);
  });

  it('refuses a code with a character changed, and one cut short', () => {
    const genuine = signPassCode(payload(), signer(nbo));
    const at = 40;
    const flipped = genuine.slice(0, at) + (genuine[at] === 'A' ? 'B' : 'A') + genuine.slice(at + 1);
    expect(check(flipped).verdict).toBe('altered');
    const cut = check(genuine.slice(0, 60));
    expect(cut.verdict).toBe('altered');
    expect(cut.line).toMatch(/^Not a valid gate pass: it is cut short/);
  });

  it('refuses a pass signed by a key no station of the organisation has', () => {
    const result = check(signPassCode(payload({}, stranger), signer(stranger)));
    expect(result.verdict).toBe('unknown_signer');
    expect(result.line).toContain(`signed by key ${stranger.keyId}`);
  });

  it('refuses a pass signed with a withdrawn (revoked) key', () => {
    const result = check(signPassCode(payload({}, revoked), signer(revoked)));
    expect(result.verdict).toBe('unknown_signer');
    expect(result.line).toContain('revoked on 2026-03-01');
  });

  it('refuses an expired pass', () => {
    const result = check(signPassCode(payload({ expiresAt: new Date('2026-03-14T09:00:00Z') }), signer(nbo)));
    expect(result.verdict).toBe('expired');
    expect(result.line).toContain('was valid until 2026-03-14 09:00 UTC');
  });

  it("refuses a cancelled shipment's pass, even within its validity", () => {
    const result = check(
      signPassCode(payload({ shipmentId: CANCELLED, gatePassRef: 'GP-NBO-0043' }), signer(nbo)),
    );
    expect(result.verdict).toBe('cancelled');
    expect(result.line).toBe(
      'Cancelled since: GP-NBO-0043 was cancelled after this pass was issued. The truck must not leave on it.',
    );
  });

  it("verifies this station's own pass before the mirror holds its key", () => {
    const own = generateSigningKey();
    const code = signPassCode(payload({}, own), signer(own));
    expect(check(code).verdict).toBe('unknown_signer');
    const result = verifyPassCode(cache.reader, code, {
      now: NOW,
      ownKey: {
        keyId: own.keyId,
        publicKey: own.publicKey,
        stationName: 'This station',
        siteCode: 'ACME-NBO',
      },
    });
    expect(result?.verdict).toBe('genuine');
  });

  it('answers a scan (lookup) with one match of kind pass carrying the verification', () => {
    const code = signPassCode(payload(), signer(nbo));
    const result = lookupResultSchema.parse(lookupCode(cache.reader, code, { now: NOW }));
    expect(result.status).toBe('matched');
    expect(result.matches).toHaveLength(1);
    expect(result.matches[0]?.item).toMatchObject({
      kind: 'pass',
      check: { verdict: 'genuine', shipmentId: SHIPMENT },
    });
    expect(result.pass?.verdict).toBe('genuine');
    expect(result.message).toBeNull();
    const expired = lookupCode(cache.reader, code, { now: new Date('2026-03-20T00:00:00Z') });
    expect(expired.message).toMatch(/^Expired:/);
    expect(verifyPassCode(cache.reader, 'EX-101')).toBeNull();
  });
});
