-- amms_private.payload_uuid(payload, key, label): a required id from an operation's payload, or
-- a rejection naming the field by its label ('missing_field', 'invalid_field').
--
-- Before this file: migration 0006.

CREATE OR REPLACE FUNCTION amms_private.payload_uuid(payload jsonb, key text, label text) RETURNS uuid
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF payload ->> key IS NULL THEN
    PERFORM amms_private.reject('missing_field', format('%s is missing.', label));
  END IF;
  RETURN (payload ->> key)::uuid;
EXCEPTION WHEN invalid_text_representation THEN
  PERFORM amms_private.reject('invalid_field', format('%s is not a valid id.', label));
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.payload_uuid(jsonb, text, text) FROM PUBLIC;
