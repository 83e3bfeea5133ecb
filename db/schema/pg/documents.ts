// Station signing keys and issued documents (migration 0017): the public halves of the stations'
// Ed25519 keys (gate pass QR codes are signed with the private halves, which stay on the stations),
// the bytes of issued documents once per content, and every print of a shipment's documents.
import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { stamps, tenantId, tenantRow, timestamptz } from './columns.ts';
import { stations, users } from './core.ts';
import { documentKind } from './enums.ts';
import { shipments } from './logistics.ts';
import { locations } from './registry.ts';
import { opLedger } from './sync.ts';
import { tenantForeignKey, tenantOwned } from './tenants.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType() {
    return 'bytea';
  },
});

export const stationKeys = pgTable(
  'station_keys',
  {
    ...tenantRow(),
    stationId: uuid('station_id').notNull(),
    siteId: uuid('site_id').notNull(),
    stationName: text('station_name').notNull(),
    keyId: text('key_id').notNull(),
    algorithm: text('algorithm').notNull().default('ed25519'),
    publicKey: text('public_key').notNull(),
    revokedAt: timestamptz('revoked_at'),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('station_keys', t),
    unique('station_keys_key_id_key').on(t.tenantId, t.keyId),
    foreignKey({
      name: 'station_keys_station_fk',
      columns: [t.tenantId, t.stationId],
      foreignColumns: [stations.tenantId, stations.id],
    }),
    foreignKey({
      name: 'station_keys_site_fk',
      columns: [t.tenantId, t.siteId],
      foreignColumns: [locations.tenantId, locations.id],
    }),
    check('station_keys_key_id_format', sql`key_id ~ '^[0-9a-f]{16}$'`),
    check('station_keys_algorithm', sql`algorithm = 'ed25519'`),
    check('station_keys_public_key_format', sql`public_key ~ '^[A-Za-z0-9_-]{43}$'`),
    check('station_keys_station_name_not_blank', sql`btrim(station_name) <> ''`),
    index('station_keys_station_idx').on(t.tenantId, t.stationId),
    uniqueIndex('station_keys_one_active_per_station')
      .on(t.stationId)
      .where(sql`revoked_at IS NULL`),
  ],
);

export const documentBlobs = pgTable(
  'document_blobs',
  {
    tenantId: tenantId(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    byteSize: integer('byte_size').notNull(),
    mediaType: text('media_type').notNull().default('application/pdf'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'document_blobs_pkey', columns: [t.tenantId, t.sha256] }),
    tenantForeignKey('document_blobs', t.tenantId),
    check('document_blobs_hash_matches', sql`sha256 = encode(sha256(content), 'hex')`),
    check('document_blobs_size_matches', sql`byte_size = octet_length(content)`),
    check('document_blobs_size_limit', sql`byte_size >= 1 AND byte_size <= 20971520`),
    check('document_blobs_media_type', sql`media_type = 'application/pdf'`),
  ],
);

export const issuedDocuments = pgTable(
  'issued_documents',
  {
    ...tenantRow(),
    opId: uuid('op_id').notNull(),
    kind: documentKind('kind').notNull(),
    shipmentId: uuid('shipment_id').notNull(),
    copyNumber: integer('copy_number').notNull(),
    reason: text('reason'),
    sha256: text('sha256').notNull(),
    byteSize: integer('byte_size').notNull(),
    pages: integer('pages').notNull(),
    qrPayload: text('qr_payload'),
    keyId: text('key_id'),
    stationId: uuid('station_id').notNull(),
    issuedByUserId: uuid('issued_by_user_id').notNull(),
    issuedAt: timestamptz('issued_at').notNull(),
    ...stamps(),
  },
  (t) => [
    ...tenantOwned('issued_documents', t),
    unique('issued_documents_one_per_copy').on(t.tenantId, t.shipmentId, t.kind, t.copyNumber),
    foreignKey({ name: 'issued_documents_op_fk', columns: [t.opId], foreignColumns: [opLedger.opId] }),
    foreignKey({
      name: 'issued_documents_shipment_fk',
      columns: [t.tenantId, t.shipmentId],
      foreignColumns: [shipments.tenantId, shipments.id],
    }),
    foreignKey({
      name: 'issued_documents_blob_fk',
      columns: [t.tenantId, t.sha256],
      foreignColumns: [documentBlobs.tenantId, documentBlobs.sha256],
    }),
    foreignKey({
      name: 'issued_documents_station_fk',
      columns: [t.tenantId, t.stationId],
      foreignColumns: [stations.tenantId, stations.id],
    }),
    foreignKey({
      name: 'issued_documents_issued_by_fk',
      columns: [t.tenantId, t.issuedByUserId],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({
      name: 'issued_documents_key_fk',
      columns: [t.tenantId, t.keyId],
      foreignColumns: [stationKeys.tenantId, stationKeys.keyId],
    }),
    check('issued_documents_copy_number', sql`copy_number >= 0 AND copy_number <= 999`),
    check('issued_documents_reprint_reason', sql`(copy_number = 0) = (reason IS NULL)`),
    check(
      'issued_documents_reason_length',
      sql`char_length(btrim(reason)) >= 3 AND char_length(btrim(reason)) <= 500`,
    ),
    check('issued_documents_sha256_format', sql`sha256 ~ '^[0-9a-f]{64}$'`),
    check('issued_documents_size', sql`byte_size > 0 AND pages > 0`),
    check('issued_documents_qr_only_on_gate_pass', sql`qr_payload IS NULL OR kind = 'gate_pass'`),
    check('issued_documents_qr_with_key', sql`(qr_payload IS NULL) = (key_id IS NULL)`),
    check(
      'issued_documents_qr_format',
      sql`qr_payload ~ '^GP1:[A-Z2-7]{40,}$' AND char_length(qr_payload) <= 1004`,
    ),
    index('issued_documents_shipment_idx').on(t.tenantId, t.shipmentId),
    index('issued_documents_op_idx').on(t.opId),
  ],
);

export type StationKey = typeof stationKeys.$inferSelect;
export type IssuedDocument = typeof issuedDocuments.$inferSelect;
