-- An optional choice from the payload (one of the allowed texts); missing or null is the default.
CREATE OR REPLACE FUNCTION amms_private.wo_payload_choice(payload jsonb, key text, allowed text[], fallback text,
  label text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF jsonb_typeof(payload -> key) IS NULL OR jsonb_typeof(payload -> key) = 'null' THEN
    RETURN fallback;
  END IF;
  IF jsonb_typeof(payload -> key) <> 'string' OR NOT (payload ->> key = ANY (allowed)) THEN
    PERFORM amms_private.reject('invalid_field', format('%s must be one of %s.', label, array_to_string(allowed, ', ')));
  END IF;
  RETURN payload ->> key;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.wo_payload_choice(jsonb, text, text[], text, text) FROM PUBLIC;
