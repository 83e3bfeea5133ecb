// Documents, operations: a shipment's gate pass, manifest or receipt report was printed at this
// station (the original once, then COPY n with a reason). Queued by the core when it prints: the
// PDF (its bytes and SHA-256) and, for a gate pass, the signed QR code as printed. The server
// stores the bytes once per content, hash-checked (docs/adr/0017-where-documents-live.md).
import { z } from 'zod';
import { uuid } from '../fields.ts';
import { defineOperation, operationMap } from '../operation.ts';
import type { UserRoleName } from '../roles.ts';

/** Who prints and reprints a shipment's documents. */
export const DOCUMENT_ROLES: readonly UserRoleName[] = ['logistics_clerk', 'supervisor', 'manager', 'admin'];

export const DOCUMENT_KINDS = ['gate_pass', 'manifest', 'receipt'] as const;
export const documentKindSchema = z.enum(DOCUMENT_KINDS, {
  message: 'must be gate_pass, manifest or receipt',
});
export type DocumentKind = z.infer<typeof documentKindSchema>;

/** What each kind is called on paper and on screen. */
export const DOCUMENT_WORDS: { readonly [K in DocumentKind]: string } = {
  gate_pass: 'gate pass',
  manifest: 'manifest',
  receipt: 'receipt report',
};

/** A PDF in an operation: at most 20 MB (base64 is 4/3 of that). */
const MAX_BASE64 = Math.ceil((20 * 1024 * 1024 * 4) / 3) + 4;

export const documentIssue = defineOperation({
  type: 'document.issue',
  label: 'Document printed',
  pendingWord: 'print',
  roles: DOCUMENT_ROLES,
  payload: z
    .object({
      document_id: uuid,
      kind: documentKindSchema,
      shipment_id: uuid,
      copy_number: z.number({ message: 'must be a number' }).int().min(0).max(999),
      reason: z
        .string({ message: 'must be text' })
        .trim()
        .min(3, { message: 'must say why (at least 3 characters)' })
        .max(500, { message: 'can be at most 500 characters' })
        .optional(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256 in hex' }),
      pages: z.number().int().min(1).max(10_000),
      content: z.string().min(4).max(MAX_BASE64, { message: 'is larger than 20 MB' }),
      qr_payload: z
        .string()
        .regex(/^GP1:[A-Z2-7]{40,1000}$/, { message: 'must be a signed gate pass code' })
        .optional(),
      key_id: z
        .string()
        .regex(/^[0-9a-f]{16}$/, { message: 'must be a key id' })
        .optional(),
      issued_at: z.iso.datetime({ message: 'must be a time like 2026-03-14T10:00:00Z' }),
    })
    .refine((p) => p.copy_number === 0 || p.reason !== undefined, {
      message: 'A reprint (a COPY) needs a reason.',
      path: ['reason'],
    }),
  fields: {
    document_id: 'document id',
    kind: 'kind',
    shipment_id: 'shipment',
    copy_number: 'copy number',
    reason: 'reason',
    sha256: 'SHA-256',
    pages: 'pages',
    content: 'document',
    qr_payload: 'QR code',
    key_id: 'key id',
    issued_at: 'time',
  },
  queuedByCore: true,
});

export const documentOperations = operationMap(documentIssue);
