-- AMMS central database, migration 0017: station signing keys and issued documents.
--
-- * station_keys: the public half of each station's Ed25519 signing key. The private half never
--   leaves the station (DIR/signing-key.json, mode 0600, sealed by the OS keystore where Electron
--   offers it). A gate pass's QR code carries a payload signed by the issuing station; any station
--   of the organisation verifies it offline against these keys, which every station mirrors as
--   tenant reference data. key_id is the first 8 bytes of SHA-256 of the raw public key, in hex:
--   the QR names its signer with it. Written by enrolment (the admin) and by
--   amms_register_station_key() (a station registering the key it made on first start); revoked
--   with the station (revoked_at). A key's material never changes.
-- * document_blobs: the bytes of every issued document, once per content (tenant, SHA-256), checked
--   against their hash by the database itself. Not mirrored: a station fetches a document it does
--   not have when someone opens it (docs/adr/0015-where-documents-live.md).
-- * issued_documents: every print of a shipment's gate pass, manifest or receipt report, with its
--   copy number (0 the original, then COPY 1, 2 ...), the reason of a reprint, who printed it at
--   which station, the document's hash and, for a gate pass, the signed QR payload as printed.
--   Written only by the document.issue operation; mirrored with its shipment. Never changed.

-- Station keys --------------------------------------------------------------------------------------

CREATE TABLE station_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  station_id uuid NOT NULL,
  site_id uuid NOT NULL,
  station_name text NOT NULL,
  key_id text NOT NULL,
  algorithm text NOT NULL DEFAULT 'ed25519',
  public_key text NOT NULL,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version bigint NOT NULL DEFAULT 1,
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT station_keys_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT station_keys_key_id_key UNIQUE (tenant_id, key_id),
  CONSTRAINT station_keys_station_fk FOREIGN KEY (tenant_id, station_id) REFERENCES stations (tenant_id, id),
  CONSTRAINT station_keys_site_fk FOREIGN KEY (tenant_id, site_id) REFERENCES locations (tenant_id, id),
  CONSTRAINT station_keys_key_id_format CHECK (key_id ~ '^[0-9a-f]{16}$'),
  CONSTRAINT station_keys_algorithm CHECK (algorithm = 'ed25519'),
  CONSTRAINT station_keys_public_key_format CHECK (public_key ~ '^[A-Za-z0-9_-]{43}$'),
  CONSTRAINT station_keys_station_name_not_blank CHECK (btrim(station_name) <> '')
);
COMMENT ON TABLE station_keys IS
  'Public halves of the stations'' Ed25519 signing keys (gate pass QR codes), mirrored to every station of the tenant.';
COMMENT ON COLUMN station_keys.key_id IS 'First 8 bytes of SHA-256 of the raw public key, hex: what a signed QR names.';
COMMENT ON COLUMN station_keys.public_key IS 'The raw 32-byte Ed25519 public key, base64url without padding.';
CREATE INDEX station_keys_change_idx ON station_keys (tenant_id, change_xid);
CREATE INDEX station_keys_station_idx ON station_keys (tenant_id, station_id);
-- A station signs with one key at a time.
CREATE UNIQUE INDEX station_keys_one_active_per_station ON station_keys (station_id) WHERE revoked_at IS NULL;

-- The key id is derived from the key, and a key's material stays what was registered: only
-- revoked_at may change (once).
CREATE FUNCTION amms_private.station_key_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NEW.key_id <> left(encode(sha256(decode(translate(NEW.public_key, '-_', '+/') || '=', 'base64')), 'hex'), 16) THEN
    RAISE EXCEPTION 'The key id % is not derived from this public key', NEW.key_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'station_keys_key_id_derived';
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.key_id, NEW.public_key, NEW.algorithm, NEW.station_id)
       IS DISTINCT FROM (OLD.key_id, OLD.public_key, OLD.algorithm, OLD.station_id) THEN
    RAISE EXCEPTION 'A station key cannot change; revoke it and register another'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'station_keys_unchangeable';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at THEN
    RAISE EXCEPTION 'A revoked station key stays revoked'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'station_keys_unchangeable';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER station_keys_check BEFORE INSERT OR UPDATE ON station_keys
  FOR EACH ROW EXECUTE FUNCTION amms_private.station_key_check();

-- Issued documents ----------------------------------------------------------------------------------

CREATE TYPE document_kind AS ENUM ('gate_pass', 'manifest', 'receipt');

CREATE TABLE document_blobs (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  byte_size integer NOT NULL,
  media_type text NOT NULL DEFAULT 'application/pdf',
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT document_blobs_pkey PRIMARY KEY (tenant_id, sha256),
  CONSTRAINT document_blobs_hash_matches CHECK (sha256 = encode(sha256(content), 'hex')),
  CONSTRAINT document_blobs_size_matches CHECK (byte_size = octet_length(content)),
  CONSTRAINT document_blobs_size_limit CHECK (byte_size BETWEEN 1 AND 20971520),
  CONSTRAINT document_blobs_media_type CHECK (media_type = 'application/pdf')
);
COMMENT ON TABLE document_blobs IS
  'The bytes of issued documents, one row per content, checked against their SHA-256 (docs/adr/0015).';

CREATE TABLE issued_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  op_id uuid NOT NULL,
  kind document_kind NOT NULL,
  shipment_id uuid NOT NULL,
  copy_number integer NOT NULL,
  reason text,
  sha256 text NOT NULL,
  byte_size integer NOT NULL,
  pages integer NOT NULL,
  qr_payload text,
  key_id text,
  station_id uuid NOT NULL,
  issued_by_user_id uuid NOT NULL,
  issued_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  row_version bigint NOT NULL DEFAULT 1,
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT issued_documents_tenant_id_id_key UNIQUE (tenant_id, id),
  CONSTRAINT issued_documents_one_per_copy UNIQUE (tenant_id, shipment_id, kind, copy_number),
  CONSTRAINT issued_documents_op_fk FOREIGN KEY (op_id) REFERENCES op_ledger (op_id),
  CONSTRAINT issued_documents_shipment_fk FOREIGN KEY (tenant_id, shipment_id) REFERENCES shipments (tenant_id, id),
  CONSTRAINT issued_documents_blob_fk FOREIGN KEY (tenant_id, sha256) REFERENCES document_blobs (tenant_id, sha256),
  CONSTRAINT issued_documents_station_fk FOREIGN KEY (tenant_id, station_id) REFERENCES stations (tenant_id, id),
  CONSTRAINT issued_documents_issued_by_fk FOREIGN KEY (tenant_id, issued_by_user_id) REFERENCES users (tenant_id, id),
  CONSTRAINT issued_documents_key_fk FOREIGN KEY (tenant_id, key_id) REFERENCES station_keys (tenant_id, key_id),
  CONSTRAINT issued_documents_copy_number CHECK (copy_number BETWEEN 0 AND 999),
  CONSTRAINT issued_documents_reprint_reason CHECK ((copy_number = 0) = (reason IS NULL)),
  CONSTRAINT issued_documents_reason_length CHECK (char_length(btrim(reason)) BETWEEN 3 AND 500),
  CONSTRAINT issued_documents_sha256_format CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  CONSTRAINT issued_documents_size CHECK (byte_size > 0 AND pages > 0),
  CONSTRAINT issued_documents_qr_only_on_gate_pass CHECK (qr_payload IS NULL OR kind = 'gate_pass'),
  CONSTRAINT issued_documents_qr_with_key CHECK ((qr_payload IS NULL) = (key_id IS NULL)),
  CONSTRAINT issued_documents_qr_format CHECK (qr_payload ~ '^GP1:[A-Z2-7]{40,}$' AND char_length(qr_payload) <= 1004)
);
COMMENT ON TABLE issued_documents IS
  'Every print of a shipment''s gate pass, manifest or receipt report: original (copy 0) or COPY n with its reason.';
CREATE INDEX issued_documents_change_idx ON issued_documents (tenant_id, change_xid);
CREATE INDEX issued_documents_shipment_idx ON issued_documents (tenant_id, shipment_id);
CREATE INDEX issued_documents_op_idx ON issued_documents (op_id);

-- Documents are not rewritten: a wrong print is followed by a reprint. Blobs never change either.
CREATE FUNCTION amms_private.documents_unchangeable() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  RAISE EXCEPTION 'An issued document cannot be changed; print a copy instead'
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER issued_documents_append_only BEFORE UPDATE ON issued_documents
  FOR EACH ROW EXECUTE FUNCTION amms_private.documents_unchangeable();
CREATE TRIGGER document_blobs_append_only BEFORE UPDATE ON document_blobs
  FOR EACH ROW EXECUTE FUNCTION amms_private.documents_unchangeable();

-- The same stamps, audit, tombstones and wake-ups as every synced tenant table (0003, 0005). The
-- blobs are not synced and their bytes stay out of the audit trail: the issued_documents row that
-- names a blob is audited, with the blob's hash.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['station_keys', 'issued_documents'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE ON %I
                    FOR EACH ROW EXECUTE FUNCTION amms_private.stamp_row()', t || '_stamp', t);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.audit_statement()', t || '_audit_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.audit_statement()', t || '_audit_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.audit_statement()', t || '_audit_delete', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.record_tombstones()', t || '_tombstone', t);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.notify_sync()', t || '_notify_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.notify_sync()', t || '_notify_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION amms_private.notify_sync()', t || '_notify_delete', t);
  END LOOP;
END $$;

-- Tenant isolation (0004): stations read their tenant's rows and write none directly.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['station_keys', 'issued_documents', 'document_blobs'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (tenant_id = (SELECT current_station_tenant_id()))
                    WITH CHECK (tenant_id = (SELECT current_station_tenant_id()))', t || '_own_tenant', t);
  END LOOP;
END $$;
GRANT SELECT ON station_keys, issued_documents, document_blobs TO amms_station;
