// The documents calls (documents.print is the logistics domain's: print-handlers.ts there): a shipment's prints (from the mirror, with the ones still queued here) and
// opening an issued document, from this station's store or fetched from the central store.
import type { documentsApi, IssuedDocumentRow } from '../../src-preload/contract/documents/api.ts';
import type { DocumentKind } from '../../src-preload/contract/documents/operations.ts';
import { DOCUMENT_WORDS } from '../../src-preload/contract/documents/operations.ts';
import { OpError } from '../core/errors.ts';
import { reader, type HandlerMap } from '../core/handler-types.ts';
import { printServiceOf } from '../print/print-service.ts';
import { DocumentUnavailableError, fetchDocument } from '../sync/document-fetch.ts';
import { DocumentStore } from './document-store.ts';

interface PrintRow {
  id: string;
  kind: DocumentKind;
  copy_number: number;
  reason: string | null;
  sha256: string;
  pages: number;
  issued_at: string;
  issued_by: string | null;
  station: string | null;
  qr_payload: string | null;
}

export const documentHandlers: HandlerMap<Exclude<keyof typeof documentsApi, 'documents.print'>> = {
  'documents.forShipment': (ctx, params) => {
    const db = reader(ctx);
    const confirmed = db
      .prepare<[string], PrintRow>(
        `SELECT d.id, d.kind, d.copy_number, d.reason, d.sha256, d.pages, d.issued_at, u.full_name AS issued_by,
                k.station_name AS station, d.qr_payload
           FROM issued_documents d LEFT JOIN users u ON u.id = d.issued_by_user_id
           LEFT JOIN station_keys k ON k.station_id = d.station_id AND k.revoked_at IS NULL
          WHERE d.shipment_id = ? ORDER BY d.kind, d.copy_number`,
      )
      .all(params.shipmentId)
      .map((r): IssuedDocumentRow => ({
        documentId: r.id,
        kind: r.kind,
        copy: r.copy_number,
        reason: r.reason,
        sha256: r.sha256,
        pages: r.pages,
        issuedAt: r.issued_at,
        issuedBy: r.issued_by,
        station: r.station,
        pending: false,
        qrPayload: r.qr_payload,
      }));
    const known = new Set(confirmed.map((d) => d.documentId));
    const queued = db
      .prepare<[string], { payload: string; created_at: string; user: string | null }>(
        `SELECT o.payload, o.created_at, u.full_name AS user FROM outbox o LEFT JOIN users u ON u.id = o.user_id
          WHERE o.type = 'document.issue' AND o.status <> 'rejected' AND json_extract(o.payload, '$.shipment_id') = ?
          ORDER BY o.seq`,
      )
      .all(params.shipmentId)
      .map((row) => ({ row, p: JSON.parse(row.payload) as Record<string, unknown> }))
      .filter(({ p }) => !known.has(String(p.document_id)))
      .map(({ row, p }): IssuedDocumentRow => ({
        documentId: String(p.document_id),
        kind: p.kind as DocumentKind,
        copy: Number(p.copy_number),
        reason: typeof p.reason === 'string' ? p.reason : null,
        sha256: String(p.sha256),
        pages: Number(p.pages),
        issuedAt: String(p.issued_at),
        issuedBy: row.user,
        station: ctx.core.file.name,
        pending: true,
        qrPayload: typeof p.qr_payload === 'string' ? p.qr_payload : null,
      }));
    return [...confirmed, ...queued].sort((a, b) => a.kind.localeCompare(b.kind) || a.copy - b.copy);
  },
  'documents.open': async (ctx, params) => {
    const db = reader(ctx);
    const row = db
      .prepare<
        [string],
        { sha256: string; kind: DocumentKind; copy_number: number; pages: number; ref: string | null }
      >(
        `SELECT d.sha256, d.kind, d.copy_number, d.pages, s.gate_pass_ref AS ref
           FROM issued_documents d LEFT JOIN shipments s ON s.id = d.shipment_id WHERE d.id = ?`,
      )
      .get(params.documentId);
    if (!row) throw new OpError('unknown_document', 'That document is not at this station (yet).');
    const store = new DocumentStore(ctx.core.dir);
    let bytes = store.get(row.sha256);
    if (!bytes) {
      try {
        bytes = await fetchDocument(ctx.core.file, row.sha256);
      } catch (error) {
        if (error instanceof DocumentUnavailableError)
          throw new OpError('document_unavailable', error.message);
        throw error;
      }
      store.put(bytes);
    }
    const word = DOCUMENT_WORDS[row.kind];
    const copy = row.copy_number === 0 ? 'original' : `copy-${String(row.copy_number)}`;
    const file = printServiceOf(ctx.core).files.keep(bytes, {
      fileName: `${word.replace(/ /g, '-')}-${row.ref ?? 'shipment'}-${copy}.pdf`,
      title: `${row.ref ?? 'Shipment'} ${word} (${row.copy_number === 0 ? 'original' : `COPY ${String(row.copy_number)}`}, stored)`,
      pages: row.pages,
      media: 'A4',
      printsLeft: 0,
      noPrintReason: `This is the stored ${word}: to print it, reprint it (a COPY, with a reason).`,
    });
    return {
      documentId: file.id,
      fileName: file.fileName,
      title: file.title,
      pages: file.pages,
      bytes: file.bytes,
      sha256: file.sha256,
      ms: 0,
    };
  },
};
