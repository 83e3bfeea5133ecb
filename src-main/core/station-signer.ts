// The station's signing key, as the core uses it: the public half (what its gate passes name) and
// signing with the private half. A station enrolled before signing keys existed gets its key pair
// here, on its first start (the sync engine then registers the public half). When the Electron app
// sealed the private half with the OS keystore, the app's main process unseals it and hands it to
// the core (provideKey); outside the app such a key cannot sign, and says why.
import { sign, type KeyObject } from 'node:crypto';
import {
  generateSigningKey,
  privateKeyFromPkcs8,
  readSigningKeyFile,
  writeSigningKeyFile,
  type SigningKeyFile,
} from '../../db/admin/signing-key-file.ts';
import { OpError } from './errors.ts';

export interface StationPublicKey {
  keyId: string;
  /** Raw 32 bytes, base64url. */
  publicKey: string;
}

export class StationSigner {
  private readonly file: SigningKeyFile;
  private key: KeyObject | null = null;

  constructor(dir: string) {
    const existing = readSigningKeyFile(dir);
    if (existing) this.file = existing;
    else {
      this.file = generateSigningKey();
      writeSigningKeyFile(dir, this.file);
    }
  }

  get publicKey(): StationPublicKey {
    return { keyId: this.file.keyId, publicKey: this.file.publicKey };
  }

  /** The private half unsealed by the app's OS keystore (PKCS#8 DER). */
  provideKey(pkcs8: Buffer): void {
    this.key = privateKeyFromPkcs8(this.file, pkcs8);
  }

  private privateKey(): KeyObject {
    if (this.key) return this.key;
    if (this.file.privateKey.protection === 'os-keystore') {
      throw new OpError(
        'signing_key_sealed',
        "This station's signing key is sealed by the operating system's keystore of the AMMS app: sign gate passes from the app.",
      );
    }
    this.key = privateKeyFromPkcs8(this.file, Buffer.from(this.file.privateKey.pkcs8, 'base64'));
    return this.key;
  }

  /** An Ed25519 signature (64 bytes) of `message`. */
  sign(message: Uint8Array): Buffer {
    return sign(null, message, this.privateKey());
  }
}
