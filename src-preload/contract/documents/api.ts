// Station API, documents: the prints of a shipment's gate pass, manifest and receipt report (the
// original and every COPY, with who, where and why), and opening an issued document from this
// station or the central store (hash-checked; to save or look at, not to print: a print of an
// issued document is a new COPY).
import { z } from 'zod';
import type { MethodSpec } from '../method.ts';
import { OVERLAY } from '../method.ts';
import { madeDocumentSchema } from '../print/reads.ts';
import { documentKindSchema } from './operations.ts';

export const issuedDocumentSchema = z.object({
  documentId: z.string(),
  kind: documentKindSchema,
  copy: z.number().int(),
  reason: z.string().nullable(),
  sha256: z.string().nullable(),
  pages: z.number().int().nullable(),
  issuedAt: z.string(),
  issuedBy: z.string().nullable(),
  station: z.string().nullable(),
  /** Queued here, not yet confirmed by the server. */
  pending: z.boolean(),
  /** The signed QR code printed on a gate pass. */
  qrPayload: z.string().nullable(),
});
export type IssuedDocumentRow = z.infer<typeof issuedDocumentSchema>;

export const documentsPrintParamsSchema = z.object({
  shipmentId: z.uuid({ message: 'must be a shipment id' }),
  kind: documentKindSchema,
  /** Why it is printed again: required for a COPY (3 to 500 characters). */
  reason: z.string().trim().max(500, { message: 'must be at most 500 characters' }).optional(),
  /** Names the print.progress events of this drawing. */
  requestId: z.string().min(1).max(64).optional(),
});

export const documentsPrintResultSchema = madeDocumentSchema.extend({
  /** 0: the original; n: COPY n. */
  copy: z.number().int(),
  /** A loading truck's manifest: drawn, not issued. */
  draft: z.boolean(),
  /** The issued document (queued to the central store); null for a draft. */
  issuedDocumentId: z.string().nullable(),
});
export type DocumentsPrintResult = z.infer<typeof documentsPrintResultSchema>;

export const documentsApi = {
  /**
   * Issues a shipment's gate pass (signed QR), manifest or receipt report: the original once, then
   * COPY n with a reason; drawn in the print worker, then printed once or saved (print.send/file).
   */
  'documents.print': {
    params: documentsPrintParamsSchema,
    result: documentsPrintResultSchema,
  },
  'documents.forShipment': {
    params: z.object({ shipmentId: z.uuid({ message: 'must be a shipment id' }) }),
    result: z.array(issuedDocumentSchema),
    reads: ['issued_documents', 'users', 'stations', ...OVERLAY],
  },
  'documents.open': {
    params: z.object({ documentId: z.uuid({ message: 'must be a document id' }) }),
    result: madeDocumentSchema,
    reads: ['issued_documents'],
  },
} as const satisfies Record<string, MethodSpec>;
