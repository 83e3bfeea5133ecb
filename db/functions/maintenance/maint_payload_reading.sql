-- A value read off a meter: a JSON number from 0 to 99,999,999 with at most 2 decimals.
-- Rejection: invalid_reading.
CREATE OR REPLACE FUNCTION amms_private.maint_payload_reading(payload jsonb, key text, label text) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  value numeric;
BEGIN
  IF jsonb_typeof(payload -> key) IS DISTINCT FROM 'number' THEN
    PERFORM amms_private.reject('invalid_reading', format('%s must be a number.', label));
  END IF;
  value := (payload ->> key)::numeric;
  IF value < 0 OR value > 99999999 THEN
    PERFORM amms_private.reject('invalid_reading', format('%s of %s is not possible (0 to 99,999,999).', label, value));
  END IF;
  IF value <> round(value, 2) THEN
    PERFORM amms_private.reject('invalid_reading', format('%s has more than 2 decimals.', label));
  END IF;
  RETURN value;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.maint_payload_reading(jsonb, text, text) FROM PUBLIC;
