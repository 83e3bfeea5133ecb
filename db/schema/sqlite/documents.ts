// Station signing keys and issued documents in the station's SQLite mirror (migration 0017):
// every station of the tenant holds every station key (it verifies gate passes offline with them)
// and the prints of the shipments it holds (copy numbers, who printed, the QR as printed). The
// documents' bytes are not mirrored. See core.ts for the storage contract.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { documentKind } from '../pg/enums.ts';
import { stamps, tenantRow } from './core.ts';

export const stationKeys = sqliteTable(
  'station_keys',
  {
    ...tenantRow(),
    stationId: text('station_id').notNull(),
    siteId: text('site_id').notNull(),
    stationName: text('station_name').notNull(),
    keyId: text('key_id').notNull(),
    algorithm: text('algorithm').notNull(),
    publicKey: text('public_key').notNull(),
    revokedAt: text('revoked_at'),
    ...stamps(),
  },
  (t) => [index('station_keys_key_id_idx').on(t.keyId)],
);

export const issuedDocuments = sqliteTable(
  'issued_documents',
  {
    ...tenantRow(),
    opId: text('op_id').notNull(),
    kind: text('kind', { enum: documentKind.enumValues }).notNull(),
    shipmentId: text('shipment_id').notNull(),
    copyNumber: integer('copy_number').notNull(),
    reason: text('reason'),
    sha256: text('sha256').notNull(),
    byteSize: integer('byte_size').notNull(),
    pages: integer('pages').notNull(),
    qrPayload: text('qr_payload'),
    keyId: text('key_id'),
    stationId: text('station_id').notNull(),
    issuedByUserId: text('issued_by_user_id').notNull(),
    issuedAt: text('issued_at').notNull(),
    ...stamps(),
  },
  (t) => [index('issued_documents_shipment_idx').on(t.shipmentId, t.kind, t.copyNumber)],
);

export type StationKey = typeof stationKeys.$inferSelect;
export type IssuedDocument = typeof issuedDocuments.$inferSelect;
