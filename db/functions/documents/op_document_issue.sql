-- document.issue: a shipment's gate pass, manifest or receipt report was printed at a station. The
-- PDF travels in the payload (base64) and is stored once per content in document_blobs, after the
-- database checked it against its SHA-256; the ledger keeps the hash, not the bytes. The first
-- print of a kind is the original (copy 0); every later one is COPY n, n the next number, with a
-- reason. Two stations printing "the original" offline converge on one: the second is refused with
-- who printed it. A cancelled shipment's gate pass is never issued. The original manifest becomes
-- the shipment's manifest_pdf_url.
-- payload: { document_id, kind, shipment_id, copy_number, reason?, sha256, pages, content,
--            qr_payload?, key_id?, issued_at }
--
-- Migration 0017 made the tables.

CREATE OR REPLACE FUNCTION amms_private.op_document_issue(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_id uuid := amms_private.payload_uuid(payload, 'document_id', 'The document id');
  v_shipment_id uuid := amms_private.payload_uuid(payload, 'shipment_id', 'The shipment');
  v_kind document_kind;
  v_copy integer;
  v_reason text := nullif(btrim(coalesce(payload ->> 'reason', '')), '');
  v_sha text := lower(coalesce(payload ->> 'sha256', ''));
  v_content bytea;
  v_pages integer;
  v_qr text := payload ->> 'qr_payload';
  v_key text := payload ->> 'key_id';
  v_issued_at timestamptz;
  v_word text;
  s shipments;
  origin_site uuid;
  destination_site uuid;
  latest issued_documents;
  latest_station text;
  latest_user text;
  v_url text;
BEGIN
  BEGIN
    v_kind := (payload ->> 'kind')::document_kind;
    v_copy := (payload ->> 'copy_number')::integer;
    v_pages := (payload ->> 'pages')::integer;
    v_issued_at := (payload ->> 'issued_at')::timestamptz;
    v_content := decode(payload ->> 'content', 'base64');
  EXCEPTION WHEN invalid_text_representation OR numeric_value_out_of_range OR invalid_parameter_value
    OR invalid_datetime_format OR datetime_field_overflow THEN
    PERFORM amms_private.reject('invalid_field', 'The document''s kind, copy number, pages, time or content is not valid.');
  END;
  IF v_kind IS NULL OR v_copy IS NULL OR v_pages IS NULL OR v_issued_at IS NULL OR v_content IS NULL THEN
    PERFORM amms_private.reject('missing_field', 'The document needs its kind, copy number, pages, time and content.');
  END IF;
  v_word := CASE v_kind WHEN 'gate_pass' THEN 'gate pass' WHEN 'manifest' THEN 'manifest' ELSE 'receipt report' END;

  -- The shipment, locked: prints of one shipment are numbered one after another.
  SELECT * INTO s FROM shipments WHERE id = v_shipment_id AND tenant_id = st.tenant_id FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_shipment', 'That shipment does not exist.');
  END IF;
  SELECT site_id INTO origin_site FROM locations WHERE id = s.origin_location_id;
  SELECT site_id INTO destination_site FROM locations WHERE id = s.destination_location_id;
  IF st.site_id IS DISTINCT FROM origin_site AND st.site_id IS DISTINCT FROM destination_site THEN
    PERFORM amms_private.reject('foreign_shipment',
      format('%s neither leaves from nor goes to this station''s site.', s.gate_pass_ref));
  END IF;
  IF v_kind = 'gate_pass' AND s.status = 'cancelled' THEN
    PERFORM amms_private.reject('shipment_cancelled',
      format('%s is cancelled: its gate pass cannot be printed as valid.', s.gate_pass_ref));
  END IF;

  -- Original once, then COPY n with a reason.
  SELECT * INTO latest FROM issued_documents
   WHERE tenant_id = st.tenant_id AND shipment_id = s.id AND kind = v_kind
   ORDER BY copy_number DESC LIMIT 1;
  IF FOUND AND v_copy <> latest.copy_number + 1 THEN
    SELECT name INTO latest_station FROM stations WHERE id = latest.station_id;
    SELECT full_name INTO latest_user FROM users WHERE id = latest.issued_by_user_id;
    PERFORM amms_private.reject('copy_number_taken', format(
      '%s''s %s was already printed as %s by %s at %s; this print should have said COPY %s. Print it again.',
      s.gate_pass_ref, v_word,
      CASE WHEN latest.copy_number = 0 THEN 'the original' ELSE 'COPY ' || latest.copy_number END,
      latest_user, latest_station, latest.copy_number + 1));
  END IF;
  IF NOT FOUND AND v_copy <> 0 THEN
    PERFORM amms_private.reject('no_original', format('%s''s %s has no original yet: print the original first.', s.gate_pass_ref, v_word));
  END IF;
  IF v_copy > 0 AND (v_reason IS NULL OR char_length(v_reason) < 3) THEN
    PERFORM amms_private.reject('missing_reason', format('A reprint (COPY %s) needs a reason.', v_copy));
  END IF;
  IF v_copy = 0 THEN
    v_reason := NULL;
  END IF;

  -- The bytes, checked against their hash by the database.
  IF v_sha !~ '^[0-9a-f]{64}$' OR encode(sha256(v_content), 'hex') <> v_sha THEN
    PERFORM amms_private.reject('document_hash_mismatch', 'The document''s content does not match its SHA-256: it was damaged on the way.');
  END IF;
  IF octet_length(v_content) > 20971520 THEN
    PERFORM amms_private.reject('document_too_large', 'A document can be at most 20 MB.');
  END IF;
  INSERT INTO document_blobs (tenant_id, sha256, content, byte_size)
  VALUES (st.tenant_id, v_sha, v_content, octet_length(v_content))
  ON CONFLICT (tenant_id, sha256) DO NOTHING;

  -- A gate pass is signed by this station's active key.
  IF v_kind = 'gate_pass' THEN
    IF v_qr IS NULL OR v_key IS NULL THEN
      PERFORM amms_private.reject('missing_signature', 'A gate pass needs its signed QR code.');
    END IF;
    IF NOT EXISTS (SELECT 1 FROM station_keys k WHERE k.tenant_id = st.tenant_id AND k.key_id = v_key
                    AND k.station_id = st.id AND k.revoked_at IS NULL) THEN
      PERFORM amms_private.reject('unknown_signing_key',
        format('The gate pass is signed with key %s, which is not this station''s active signing key.', v_key));
    END IF;
  ELSIF v_qr IS NOT NULL OR v_key IS NOT NULL THEN
    PERFORM amms_private.reject('invalid_field', format('A %s carries no signed QR code.', v_word));
  END IF;

  INSERT INTO issued_documents (id, tenant_id, op_id, kind, shipment_id, copy_number, reason, sha256, byte_size,
    pages, qr_payload, key_id, station_id, issued_by_user_id, issued_at)
  VALUES (v_id, st.tenant_id, amms_private.acting_op_id(), v_kind, s.id, v_copy, v_reason, v_sha,
    octet_length(v_content), v_pages, v_qr, v_key, st.id, actor.id, v_issued_at);

  v_url := format('amms:document/%s?sha256=%s', v_id, v_sha);
  IF v_kind = 'manifest' AND v_copy = 0 THEN
    UPDATE shipments SET manifest_pdf_url = v_url WHERE id = s.id;
  END IF;
  -- The ledger keeps the operation with the document's hash in place of its bytes.
  UPDATE op_ledger l SET payload = (l.payload - 'content') || jsonb_build_object('content_stored_as', v_url)
   WHERE l.op_id = amms_private.acting_op_id();
  RETURN jsonb_build_object('document_id', v_id, 'copy_number', v_copy, 'sha256', v_sha, 'url', v_url);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_document_issue(stations, users, jsonb) FROM PUBLIC;

INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('document.issue', '{logistics_clerk,supervisor,manager,admin}', 'amms_private.op_document_issue(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = excluded.roles, apply_function = excluded.apply_function;
