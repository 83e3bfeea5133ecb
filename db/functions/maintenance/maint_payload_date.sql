-- A day from the payload (YYYY-MM-DD, a real date, not in the future beyond one day of time-zone
-- leeway), or a rejection: missing_field, invalid_date (future_message for a future day).
CREATE OR REPLACE FUNCTION amms_private.maint_payload_date(payload jsonb, key text, future_message text) RETURNS date
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  raw text := payload ->> key;
  day date;
BEGIN
  IF raw IS NULL THEN
    PERFORM amms_private.reject('missing_field', 'The date is missing.');
  END IF;
  IF raw !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
    PERFORM amms_private.reject('invalid_date', format('"%s" is not a date.', raw));
  END IF;
  BEGIN
    day := raw::date;
  EXCEPTION WHEN OTHERS THEN
    PERFORM amms_private.reject('invalid_date', format('"%s" is not a date.', raw));
  END;
  IF day > current_date + 1 THEN
    PERFORM amms_private.reject('invalid_date', future_message);
  END IF;
  RETURN day;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.maint_payload_date(jsonb, text, text) FROM PUBLIC;
