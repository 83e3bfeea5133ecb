-- What a row looks like in the audit trail: secrets redacted (password_hash), binary content left
-- out (a photo's bytes: its size and checksum stay), bookkeeping columns dropped. Used by
-- amms_private.audit_statement (migration 0003) for every audited table.
CREATE OR REPLACE FUNCTION amms_private.audit_clean(row_json jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE WHEN row_json ? 'password_hash' THEN jsonb_set(row_json, '{password_hash}', '"[redacted]"') ELSE row_json END
         - 'change_xid' - 'row_version' - 'updated_at' - 'bytes'
$$;
REVOKE EXECUTE ON FUNCTION amms_private.audit_clean(jsonb) FROM PUBLIC;
