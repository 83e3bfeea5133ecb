-- The open (loaded or in transit) movement of an asset, if any: there is at most one (the unique
-- index asset_movements_one_open_per_asset).
CREATE OR REPLACE FUNCTION amms_private.open_movement_of(tenant uuid, asset uuid) RETURNS asset_movements
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT m.* FROM asset_movements m
   WHERE m.tenant_id = tenant AND m.asset_id = asset AND m.status IN ('loaded', 'in_transit')
$$;
REVOKE EXECUTE ON FUNCTION amms_private.open_movement_of(uuid, uuid) FROM PUBLIC;
