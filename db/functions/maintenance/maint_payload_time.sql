-- A date and time from the payload as the station's user gave it, with its UTC offset
-- ("2026-03-10T17:30:00+03:00", seconds and fraction optional, "Z" for UTC): the instant, the
-- day as written (the site's day) and the offset (to quote other times in the same zone). Not more
-- than an hour ahead of the server's clock. Rejections: missing_field, invalid_time.
CREATE OR REPLACE FUNCTION amms_private.maint_payload_time(
  payload jsonb, key text, what text, OUT at timestamp with time zone, OUT day date, OUT zone interval
) RETURNS record
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  raw text := payload ->> key;
  parts text[];
BEGIN
  IF raw IS NULL THEN
    PERFORM amms_private.reject('missing_field', format('%s is missing.', what));
  END IF;
  parts := regexp_match(raw,
    '^([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?)(Z|[+-][0-9]{2}:[0-9]{2})$');
  IF parts IS NULL THEN
    PERFORM amms_private.reject('invalid_time', format('"%s" is not a date and time (2026-03-10T17:30+03:00).', raw));
  END IF;
  BEGIN
    day := parts[1]::date;
    at := (parts[1] || ' ' || parts[2] || CASE WHEN parts[5] = 'Z' THEN '+00:00' ELSE parts[5] END)::timestamptz;
    zone := CASE WHEN parts[5] = 'Z' THEN interval '0' ELSE parts[5]::interval END;
  EXCEPTION WHEN OTHERS THEN
    PERFORM amms_private.reject('invalid_time', format('"%s" is not a date and time (2026-03-10T17:30+03:00).', raw));
  END;
  IF at > now() + interval '1 hour' THEN
    PERFORM amms_private.reject('invalid_time', format('%s cannot be in the future.', what));
  END IF;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.maint_payload_time(jsonb, text, text) FROM PUBLIC;
