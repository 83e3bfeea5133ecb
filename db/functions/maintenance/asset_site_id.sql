-- The site an asset is at (the root site of its location).
CREATE OR REPLACE FUNCTION amms_private.asset_site_id(p_tenant uuid, p_asset uuid) RETURNS uuid
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT l.site_id FROM assets a JOIN locations l ON l.id = a.location_id AND l.tenant_id = a.tenant_id
   WHERE a.id = p_asset AND a.tenant_id = p_tenant
$$;
REVOKE EXECUTE ON FUNCTION amms_private.asset_site_id(uuid, uuid) FROM PUBLIC;
