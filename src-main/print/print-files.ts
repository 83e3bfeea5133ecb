// The PDFs a station made, kept in DIR/print/ until they are printed or saved: each under a random
// id (what the screen holds to print it, save it or print it again), with its name and hash.
// Files older than a day are removed when the next one is kept; issued documents (gate passes,
// manifests) are kept elsewhere for good, by their hash.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PRINT_FOLDER = 'print';
const KEEP_MS = 24 * 3600 * 1000;

export interface MadeFile {
  id: string;
  path: string;
  /** The name offered when the user saves it, e.g. "bin-labels-ACME-NBO-WH1.pdf". */
  fileName: string;
  /** Title of the print job (what the printer's queue shows). */
  title: string;
  pages: number;
  bytes: number;
  sha256: string;
  /** Paper size the document was drawn for. */
  media: 'A4' | 'A5';
  /**
   * How many more times it may go to a printer: null for no limit (labels); an issued document's
   * original prints once (a reprint is a new COPY), a copy opened from the central store never.
   */
  printsLeft: number | null;
  /** Why it cannot be printed (again), when printsLeft is 0. */
  noPrintReason?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A file name without characters that are unsafe in any file system. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return cleaned === '' ? 'document.pdf' : cleaned;
}

export class PrintFiles {
  private readonly dir: string;
  private readonly files = new Map<string, MadeFile>();

  constructor(stationDir: string) {
    this.dir = join(stationDir, PRINT_FOLDER);
  }

  keep(
    bytes: Uint8Array,
    info: Omit<MadeFile, 'id' | 'path' | 'bytes' | 'sha256' | 'printsLeft'> & { printsLeft?: number | null },
  ): MadeFile {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.prune();
    const id = randomUUID();
    const path = join(this.dir, `${id}.pdf`);
    writeFileSync(path, bytes, { mode: 0o600 });
    const file: MadeFile = {
      ...info,
      printsLeft: info.printsLeft ?? null,
      fileName: safeFileName(info.fileName),
      id,
      path,
      bytes: bytes.byteLength,
      sha256: sha256Hex(bytes),
    };
    this.files.set(id, file);
    return file;
  }

  /** A kept file, or null when it is unknown or gone (made before a restart, or pruned). */
  get(id: string): MadeFile | null {
    if (!UUID.test(id)) return null;
    const file = this.files.get(id);
    if (!file || !existsSync(file.path)) return null;
    return file;
  }

  /** One print sent: an issued document's allowance goes down. */
  printed(file: MadeFile, why: string): void {
    if (file.printsLeft === null) return;
    file.printsLeft = Math.max(0, file.printsLeft - 1);
    if (file.printsLeft === 0) file.noPrintReason = why;
  }

  read(file: MadeFile): Buffer {
    return readFileSync(file.path);
  }

  private prune(): void {
    const now = Date.now();
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name);
      try {
        if (now - statSync(path).mtimeMs > KEEP_MS) {
          rmSync(path, { force: true });
          this.files.delete(name.replace(/\.pdf$/, ''));
        }
      } catch {
        // Removed meanwhile.
      }
    }
  }
}
