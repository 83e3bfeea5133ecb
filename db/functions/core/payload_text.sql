-- amms_private.payload_text(payload, key, max, label): optional free text from an operation's
-- payload: trimmed, at most max characters; missing, null or blank is NULL.
--
-- Before this file: migration 0009.

CREATE OR REPLACE FUNCTION amms_private.payload_text(payload jsonb, key text, max integer, label text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  value text;
BEGIN
  IF jsonb_typeof(payload -> key) IS NULL OR jsonb_typeof(payload -> key) = 'null' THEN
    RETURN NULL;
  END IF;
  IF jsonb_typeof(payload -> key) <> 'string' THEN
    PERFORM amms_private.reject('invalid_field', format('%s must be text.', label));
  END IF;
  value := nullif(btrim(payload ->> key), '');
  IF char_length(value) > max THEN
    PERFORM amms_private.reject('invalid_field', format('%s can be at most %s characters.', label, max));
  END IF;
  RETURN value;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.payload_text(jsonb, text, integer, text) FROM PUBLIC;
