-- A code people read off a plate, a document or a seal (vehicle registration, identity number,
-- seal number): trimmed, upper-cased, inner spaces collapsed, checked against pattern. NULL when
-- missing or blank; what is required is checked by the caller. what: how the message names it.
CREATE OR REPLACE FUNCTION amms_private.payload_code(payload jsonb, key text, pattern text, what text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  value text;
BEGIN
  IF jsonb_typeof(payload -> key) IS NULL OR jsonb_typeof(payload -> key) = 'null' THEN
    RETURN NULL;
  END IF;
  IF jsonb_typeof(payload -> key) <> 'string' THEN
    PERFORM amms_private.reject('invalid_field', format('%s must be text.', what));
  END IF;
  value := nullif(upper(regexp_replace(btrim(payload ->> key), '\s+', ' ', 'g')), '');
  IF value IS NOT NULL AND value !~ pattern THEN
    PERFORM amms_private.reject('invalid_field', format('"%s" is not a valid %s.', payload ->> key, what));
  END IF;
  RETURN value;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.payload_code(jsonb, text, text, text) FROM PUBLIC;
