-- The unit a meter counts in, for messages.
CREATE OR REPLACE FUNCTION amms_private.meter_unit(meter meter_kind) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT CASE meter WHEN 'odometer' THEN 'km' ELSE 'h' END
$$;
REVOKE EXECUTE ON FUNCTION amms_private.meter_unit(meter_kind) FROM PUBLIC;
