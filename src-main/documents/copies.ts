// Which print of a shipment's document comes next: the original (copy 0) when none was printed,
// else COPY n, n one more than the last print the station knows of (the mirror's, then the prints
// still queued here).
import { createHash } from 'node:crypto';
import type { CacheDb } from '../cache/db.ts';
import type { DocumentKind } from '../../src-preload/contract/documents/operations.ts';
import { pendingDelta } from '../ops/overlay.ts';

export function documentKey(shipmentId: string, kind: DocumentKind): string {
  return `${shipmentId}|${kind}`;
}

export function nextCopyNumber(db: CacheDb, shipmentId: string, kind: DocumentKind): number {
  const last = db
    .prepare('SELECT max(copy_number) FROM issued_documents WHERE shipment_id = ? AND kind = ?')
    .pluck()
    .get(shipmentId, kind) as number | null;
  return (last === null ? 0 : last + 1) + pendingDelta(db, 'document', documentKey(shipmentId, kind));
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
