-- An optional boolean from the payload: true or false, NULL when missing or null.
CREATE OR REPLACE FUNCTION amms_private.payload_boolean(payload jsonb, key text, label text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF jsonb_typeof(payload -> key) IS NULL OR jsonb_typeof(payload -> key) = 'null' THEN
    RETURN NULL;
  END IF;
  IF jsonb_typeof(payload -> key) <> 'boolean' THEN
    PERFORM amms_private.reject('invalid_field', format('%s must be true or false.', label));
  END IF;
  RETURN (payload ->> key)::boolean;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.payload_boolean(jsonb, text, text) FROM PUBLIC;
