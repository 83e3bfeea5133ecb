// Issued documents kept on the station (DIR/documents/<sha256>.pdf, mode 0600): the ones it printed
// and the ones it fetched from the central store to open. A file is read back only when its bytes
// still match the hash it is named by.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from './copies.ts';

export const DOCUMENTS_FOLDER = 'documents';

export class DocumentStore {
  private readonly dir: string;

  constructor(stationDir: string) {
    this.dir = join(stationDir, DOCUMENTS_FOLDER);
  }

  private path(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('Not a SHA-256.');
    return join(this.dir, `${sha256}.pdf`);
  }

  put(bytes: Uint8Array): string {
    const sha256 = sha256Hex(bytes);
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const path = this.path(sha256);
    if (!existsSync(path)) writeFileSync(path, bytes, { mode: 0o600 });
    return sha256;
  }

  /** The document's bytes, or null when the station does not have it (or its file was damaged). */
  get(sha256: string): Buffer | null {
    const path = this.path(sha256);
    if (!existsSync(path)) return null;
    const bytes = readFileSync(path);
    return sha256Hex(bytes) === sha256 ? bytes : null;
  }
}
