-- A time for messages, in the time zone (an offset) of the person reading it.
CREATE OR REPLACE FUNCTION amms_private.fmt_time(at timestamp with time zone, zone interval) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT to_char(at AT TIME ZONE coalesce(zone, interval '0'), 'YYYY-MM-DD HH24:MI')
$$;
REVOKE EXECUTE ON FUNCTION amms_private.fmt_time(timestamp with time zone, interval) FROM PUBLIC;
