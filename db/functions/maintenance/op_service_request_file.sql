-- service_request.file: an operator (or a technician, a supervisor) reports a defect on an asset,
-- with an optional photo kept with the request (service_request_photos). The request waits for
-- triage (pending).
-- payload: { request_id, asset_id, description, photo?: { photo_id?, content_type, data (base64) } }
CREATE OR REPLACE FUNCTION amms_private.op_service_request_file(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_id uuid := amms_private.payload_uuid(payload, 'request_id', 'The request id');
  v_description text := amms_private.payload_text(payload, 'description', 2000, 'The description');
  v_asset assets;
  v_bytes bytea;
  v_photo_id uuid;
BEGIN
  SELECT * INTO v_asset FROM assets
   WHERE id = amms_private.payload_uuid(payload, 'asset_id', 'The asset') AND tenant_id = st.tenant_id;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_asset', 'That asset does not exist.');
  END IF;
  IF v_asset.status = 'disposed' THEN
    PERFORM amms_private.reject('asset_disposed', format('%s is disposed of; no defect can be reported on it.', v_asset.name));
  END IF;
  IF v_description IS NULL THEN
    PERFORM amms_private.reject('missing_field', 'Describe the defect.');
  END IF;
  IF EXISTS (SELECT 1 FROM service_requests r WHERE r.id = v_id) THEN
    PERFORM amms_private.reject('duplicate_id', 'A service request with this id exists already.');
  END IF;
  INSERT INTO service_requests (id, tenant_id, asset_id, reported_by_user_id, description, status)
  VALUES (v_id, st.tenant_id, v_asset.id, actor.id, v_description, 'pending');
  IF jsonb_typeof(payload -> 'photo') IS NOT NULL AND jsonb_typeof(payload -> 'photo') <> 'null' THEN
    v_bytes := amms_private.sr_photo_bytes(payload -> 'photo');
    v_photo_id := CASE WHEN payload -> 'photo' ? 'photo_id'
                       THEN amms_private.payload_uuid(payload -> 'photo', 'photo_id', 'The photo id')
                       ELSE gen_random_uuid() END;
    INSERT INTO service_request_photos (id, tenant_id, request_id, content_type, bytes, byte_size, sha256)
    VALUES (v_photo_id, st.tenant_id, v_id, payload -> 'photo' ->> 'content_type', v_bytes, octet_length(v_bytes),
      encode(sha256(v_bytes), 'hex'));
  END IF;
  RETURN jsonb_build_object('request_id', v_id, 'status', 'pending', 'photo_id', v_photo_id,
    'photo_bytes', octet_length(v_bytes));
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_service_request_file(stations, users, jsonb) FROM PUBLIC;
INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('service_request.file', '{operator,technician,supervisor,manager,admin}',
  'amms_private.op_service_request_file(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
