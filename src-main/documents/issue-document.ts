// Issuing a shipment's document at this station: the copy number comes first (the original once,
// then COPY n, which needs a reason), the domain draws the document knowing it (the COPY mark, the
// signed QR), the print room draws the PDF off the core's thread, the bytes are kept on the station
// by their hash and queued to the central store in a document.issue operation. The result can be
// sent to a printer once (a reprint is a new COPY) and saved.
import type { DocumentKind } from '../../src-preload/contract/documents/operations.ts';
import { DOCUMENT_WORDS } from '../../src-preload/contract/documents/operations.ts';
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import { QUEUE_TABLES } from '../../src-preload/contract/tables.ts';
import { OpError } from '../core/errors.ts';
import { submitOwnOperation } from '../ops/submit.ts';
import { requireUser, type HandlerContext } from '../core/handler-types.ts';
import type { MadeFile } from '../print/print-files.ts';
import type { PrintJob, RenderProgress } from '../print/print-jobs.ts';
import { printServiceOf, type MakeInfo } from '../print/print-service.ts';
import { nextCopyNumber } from './copies.ts';
import { DocumentStore } from './document-store.ts';
import { documentOperationHandlers } from './operations.ts';

export interface DrawnDocument {
  job: PrintJob;
  info: Omit<MakeInfo, 'printsLeft' | 'noPrintReason'>;
  /** A gate pass's signed QR code as printed, and the key that signed it. */
  signed?: { qrPayload: string; keyId: string };
}

export interface IssueRequest {
  kind: DocumentKind;
  shipmentId: string;
  /** The shipment's reference, for messages. */
  reference: string;
  /** Why it is printed again (required for a COPY). */
  reason?: string;
  /** Draws the document for this copy number, issued at this time. */
  draw: (copy: number, issuedAt: Date) => DrawnDocument;
}

export interface IssuedDocument {
  file: MadeFile & { ms: number };
  documentId: string;
  copy: number;
  opId: string;
  qrPayload: string | null;
}

export async function issueDocument(
  ctx: HandlerContext,
  request: IssueRequest,
  onProgress?: RenderProgress,
): Promise<IssuedDocument> {
  const user = requireUser(ctx);
  const word = DOCUMENT_WORDS[request.kind];
  const copy = nextCopyNumber(ctx.core.cache.reader, request.shipmentId, request.kind);
  const reason = request.reason?.trim() ?? '';
  if (copy > 0 && reason.length < 3) {
    throw new OpError(
      'reprint_needs_reason',
      `${request.reference}'s ${word} was printed before: this print is COPY ${String(copy)} and needs a reason.`,
    );
  }
  const issuedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  const drawn = request.draw(copy, issuedAt);
  const service = printServiceOf(ctx.core);
  const file = await service.make(
    drawn.job,
    {
      ...drawn.info,
      printsLeft: 1,
      noPrintReason: `${request.reference}'s ${word} was printed; print it again as a COPY, with a reason.`,
    },
    onProgress,
  );
  const bytes = service.files.read(file);
  new DocumentStore(ctx.core.dir).put(bytes);
  const documentId = uuidv7();
  const queued = submitOwnOperation(documentOperationHandlers, ctx.core.cache, ctx.core.scope, {
    type: 'document.issue',
    userId: user.id,
    payload: {
      document_id: documentId,
      kind: request.kind,
      shipment_id: request.shipmentId,
      copy_number: copy,
      ...(copy > 0 ? { reason } : {}),
      sha256: file.sha256,
      pages: file.pages,
      content: bytes.toString('base64'),
      ...(drawn.signed ? { qr_payload: drawn.signed.qrPayload, key_id: drawn.signed.keyId } : {}),
      issued_at: issuedAt.toISOString(),
    },
  });
  ctx.core.localChange(QUEUE_TABLES);
  return { file, documentId, copy, opId: queued.opId, qrPayload: drawn.signed?.qrPayload ?? null };
}
