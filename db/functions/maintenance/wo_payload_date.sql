-- An optional date from the payload: YYYY-MM-DD, a real date; missing or null is NULL.
CREATE OR REPLACE FUNCTION amms_private.wo_payload_date(payload jsonb, key text, label text) RETURNS date
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  value date;
BEGIN
  IF jsonb_typeof(payload -> key) IS NULL OR jsonb_typeof(payload -> key) = 'null' THEN
    RETURN NULL;
  END IF;
  IF jsonb_typeof(payload -> key) <> 'string' OR payload ->> key !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
    PERFORM amms_private.reject('invalid_date', format('%s must be a date (YYYY-MM-DD).', label));
  END IF;
  BEGIN
    value := (payload ->> key)::date;
  EXCEPTION WHEN OTHERS THEN
    PERFORM amms_private.reject('invalid_date', format('"%s" is not a date.', payload ->> key));
  END;
  RETURN value;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.wo_payload_date(jsonb, text, text) FROM PUBLIC;
