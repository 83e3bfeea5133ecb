// Issuing a shipment's document at this station: the copy number comes first (the original once,
// then COPY n, which needs a reason), the document is drawn knowing it (the COPY mark, the signed
// QR), the bytes are kept on the station by their hash and queued to the central store in a
// document.issue operation. The same steps serve the app (drawn in the core's print worker) and
// `amms station print` (drawn in the command's process). A loading truck's manifest is a draft:
// drawn, never issued.
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import type { DocumentKind } from '../../src-preload/contract/documents/operations.ts';
import { DOCUMENT_WORDS } from '../../src-preload/contract/documents/operations.ts';
import type { StationCache } from '../cache/station-cache.ts';
import { OpError } from '../core/errors.ts';
import type { StationScope } from '../core/scope.ts';
import { submitOwnOperation } from '../ops/submit.ts';
import type { PrintJob } from '../print/print-jobs.ts';
import { nextCopyNumber } from './copies.ts';
import { DocumentStore } from './document-store.ts';
import { documentOperationHandlers } from './operations.ts';
import type { IssueFacts } from '../print/documents/shipment-docs.ts';

/** The station's signing key as a document signs with it. */
export interface Signer {
  keyId: string;
  sign: (message: Buffer) => Uint8Array;
}

/** What a domain gives for one of its documents: its reference, whether it is a draft, how it is drawn. */
export interface DocumentSource {
  reference: string;
  /** A draft (a loading truck's manifest): drawn, never issued. */
  draft: boolean;
  /** The print job for this print (its copy mark, who and where); a gate pass signs its QR code. */
  draw: (facts: IssueFacts) => { job: PrintJob; qrCode: string | null };
}

export interface IssueEnv {
  cache: StationCache;
  scope: StationScope;
  /** The station's folder (its document store). */
  dir: string;
  userId: string;
  signer: Signer;
  /** "Gate 1 · ACME-NBO", as the paper says where it was printed. */
  stationLabel: string;
}

export interface IssueRequest {
  kind: DocumentKind;
  shipmentId: string;
  /** Why it is printed again (required for a COPY). */
  reason?: string | null;
}

export interface IssuePlan {
  kind: DocumentKind;
  shipmentId: string;
  reference: string;
  copy: number;
  reason: string | null;
  /** A loading truck's manifest: not issued, not recorded. */
  draft: boolean;
  issuedAt: Date;
  job: PrintJob;
  qrCode: string | null;
  fileName: string;
  title: string;
}

/** What is printed next and how it is drawn; refuses what cannot be printed (and a COPY without a reason). */
export function planIssue(
  env: IssueEnv,
  request: IssueRequest,
  source: DocumentSource,
  now: Date = new Date(),
): IssuePlan {
  const db = env.cache.reader;
  const user = db.prepare('SELECT full_name FROM users WHERE id = ?').pluck().get(env.userId) as
    string | undefined;
  if (user === undefined) throw new OpError('unknown_user', 'That user is not at this station.');
  const { reference, draft } = source;
  const word = DOCUMENT_WORDS[request.kind];
  const copy = draft ? 0 : nextCopyNumber(db, request.shipmentId, request.kind);
  const reason = request.reason?.trim() ?? '';
  if (copy > 0 && reason.length < 3) {
    throw new OpError(
      'reprint_needs_reason',
      `${reference}'s ${word} was printed before: this print is COPY ${String(copy)} and needs a reason.`,
    );
  }
  const issuedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const { job, qrCode } = source.draw({
    copy,
    reason: copy > 0 ? reason : null,
    issuedAt: issuedAt.toISOString(),
    issuedBy: user,
    station: env.stationLabel,
  });
  const mark = draft ? 'draft' : copy === 0 ? 'original' : `copy-${String(copy)}`;
  return {
    kind: request.kind,
    shipmentId: request.shipmentId,
    reference,
    copy,
    reason: copy > 0 ? reason : null,
    draft,
    issuedAt,
    job,
    qrCode,
    fileName: `${word.replace(/ /g, '-')}-${reference}-${mark}.pdf`,
    title: `${reference} ${word} (${draft ? 'DRAFT' : copy === 0 ? 'original' : `COPY ${String(copy)}`})`,
  };
}

export interface Recorded {
  documentId: string;
  opId: string;
}

/** Keeps the drawn bytes and queues document.issue (nothing for a draft). */
export function recordIssue(
  env: IssueEnv,
  plan: IssuePlan,
  bytes: Buffer,
  pages: number,
  sha256: string,
): Recorded | null {
  if (plan.draft) return null;
  new DocumentStore(env.dir).put(bytes);
  const documentId = uuidv7();
  const queued = submitOwnOperation(documentOperationHandlers, env.cache, env.scope, {
    type: 'document.issue',
    userId: env.userId,
    payload: {
      document_id: documentId,
      kind: plan.kind,
      shipment_id: plan.shipmentId,
      copy_number: plan.copy,
      ...(plan.copy > 0 && plan.reason !== null ? { reason: plan.reason } : {}),
      sha256,
      pages,
      content: bytes.toString('base64'),
      ...(plan.qrCode !== null ? { qr_payload: plan.qrCode, key_id: env.signer.keyId } : {}),
      issued_at: plan.issuedAt.toISOString(),
    },
  });
  return { documentId, opId: queued.opId };
}
