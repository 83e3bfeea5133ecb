-- A number for the PM engine's sentences: thousands separated by commas, at most 2 decimals, no
-- trailing zeros (12510 -> '12,510', 8.25 -> '8.25'). No SET clause, so that PostgreSQL inlines
-- it into the evaluation's query (it calls only pg_catalog functions, which are always searched
-- first).
CREATE OR REPLACE FUNCTION amms_private.pm_num(value numeric) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT rtrim(to_char(round(value, 2), 'FM999,999,999,999,990.99'), '.')
$$;
REVOKE EXECUTE ON FUNCTION amms_private.pm_num(numeric) FROM PUBLIC;
