// DIR/signing-key.json: the station's own Ed25519 signing key (gate pass QR codes). The private half
// never leaves the station: the file is written with mode 0600, and where Electron offers the OS
// keystore (safeStorage) the app seals the private half with it (protection 'os-keystore'). The
// public half is registered in the central station_keys table (enrolment, or the station's sync on
// its first start) and mirrored to every station of the tenant. The key id is the first 8 bytes of
// SHA-256 of the raw 32-byte public key, in hex.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const SIGNING_KEY_FILE = 'signing-key.json';

const privateKeySchema = z.discriminatedUnion('protection', [
  /** PKCS#8 DER, base64; the file's mode (0600) protects it. */
  z.object({ protection: z.literal('file'), pkcs8: z.string().min(40) }),
  /** The PKCS#8 DER sealed by the OS keystore through Electron's safeStorage, base64. */
  z.object({ protection: z.literal('os-keystore'), sealed: z.string().min(20) }),
]);

export const signingKeyFileSchema = z.object({
  format: z.literal(1),
  algorithm: z.literal('ed25519'),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  /** The raw 32-byte public key, base64url without padding. */
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  createdAt: z.string(),
  privateKey: privateKeySchema,
});
export type SigningKeyFile = z.infer<typeof signingKeyFileSchema>;

export function signingKeyPath(dir: string): string {
  return join(dir, SIGNING_KEY_FILE);
}

/** The raw 32-byte Ed25519 public key of a key object. */
export function rawPublicKey(key: KeyObject): Buffer {
  const der = createPublicKey(key).export({ format: 'der', type: 'spki' });
  // SPKI of Ed25519: a fixed 12-byte header, then the 32 key bytes.
  return der.subarray(der.length - 32);
}

export function keyIdOf(rawPublic: Uint8Array): string {
  return createHash('sha256').update(rawPublic).digest('hex').slice(0, 16);
}

/** A public key object from its raw 32 bytes (base64url), for verifying. */
export function publicKeyFromRaw(base64url: string): KeyObject {
  const raw = Buffer.from(base64url, 'base64url');
  if (raw.length !== 32) throw new Error('An Ed25519 public key has 32 bytes.');
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]);
  return createPublicKey({ key: spki, format: 'der', type: 'spki' });
}

/** A new key pair, as the file holds it (private half unsealed). */
export function generateSigningKey(now: Date = new Date()): SigningKeyFile {
  const { privateKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(privateKey);
  return {
    format: 1,
    algorithm: 'ed25519',
    keyId: keyIdOf(raw),
    publicKey: raw.toString('base64url'),
    createdAt: now.toISOString(),
    privateKey: {
      protection: 'file',
      pkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    },
  };
}

/** Writes the file with mode 0600, atomically (a station never sees half a key). */
export function writeSigningKeyFile(dir: string, file: SigningKeyFile): string {
  const path = signingKeyPath(dir);
  const temporary = `${path}.${String(process.pid)}.tmp`;
  writeFileSync(temporary, JSON.stringify(signingKeyFileSchema.parse(file), null, 2) + '\n', { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
  return path;
}

/** The station's key file, or null when it has none yet. */
export function readSigningKeyFile(dir: string): SigningKeyFile | null {
  const path = signingKeyPath(dir);
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(`${path} is not valid JSON: the station's signing key is damaged.`);
  }
  const parsed = signingKeyFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `${path} is not a valid signing key file: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`,
    );
  }
  return parsed.data;
}

/** The private key object from its PKCS#8 DER, checked to belong to the file's public key. */
export function privateKeyFromPkcs8(file: SigningKeyFile, pkcs8: Buffer): KeyObject {
  const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  if (keyIdOf(rawPublicKey(key)) !== file.keyId) {
    throw new Error("The station's private signing key does not belong to its public key (key id).");
  }
  return key;
}
