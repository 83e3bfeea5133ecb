-- 12345.5 -> '12,345.5' (grouped, no trailing zeros), for messages.
CREATE OR REPLACE FUNCTION amms_private.fmt_number(value numeric) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE WHEN value IS NULL THEN '?' ELSE
    rtrim(to_char(value, CASE WHEN value < 0 THEN 'FM-999,999,999,990.99' ELSE 'FM999,999,999,990.99' END), '.') END
$$;
REVOKE EXECUTE ON FUNCTION amms_private.fmt_number(numeric) FROM PUBLIC;
