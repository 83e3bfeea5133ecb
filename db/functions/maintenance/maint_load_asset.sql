-- The asset named by payload.asset_id: an asset of the station's organisation, or a rejection.
CREATE OR REPLACE FUNCTION amms_private.maint_load_asset(st stations, payload jsonb) RETURNS assets
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  a assets;
BEGIN
  SELECT * INTO a FROM assets
   WHERE id = amms_private.payload_uuid(payload, 'asset_id', 'The asset') AND tenant_id = st.tenant_id;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_asset', 'That asset does not exist.');
  END IF;
  RETURN a;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.maint_load_asset(stations, jsonb) FROM PUBLIC;
