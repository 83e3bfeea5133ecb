-- The code of the site a location belongs to (ACME-NBO for a bay of the Nairobi depot).
CREATE OR REPLACE FUNCTION amms_private.site_code(tenant uuid, location uuid) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT s.code FROM locations l JOIN locations s ON s.id = l.site_id AND s.tenant_id = l.tenant_id
   WHERE l.tenant_id = tenant AND l.id = location
$$;
REVOKE EXECUTE ON FUNCTION amms_private.site_code(uuid, uuid) FROM PUBLIC;
