-- Readings of one asset's meters are checked one at a time.
CREATE OR REPLACE FUNCTION amms_private.lock_asset_meter_history(p_asset uuid) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
  SELECT pg_advisory_xact_lock(hashtext('amms.meter_history'), hashtext(p_asset::text))
$$;
REVOKE EXECUTE ON FUNCTION amms_private.lock_asset_meter_history(uuid) FROM PUBLIC;
