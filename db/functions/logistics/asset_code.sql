-- How people name an asset in the clerk's messages: its client code (the label on the machine),
-- else its name.
CREATE OR REPLACE FUNCTION amms_private.asset_code(tenant uuid, asset uuid) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT coalesce(
    (SELECT i.client_code FROM asset_identities i
      WHERE i.tenant_id = tenant AND i.asset_id = asset AND i.client_code IS NOT NULL
      ORDER BY i.created_at, i.id LIMIT 1),
    (SELECT a.name FROM assets a WHERE a.tenant_id = tenant AND a.id = asset),
    'That asset')
$$;
REVOKE EXECUTE ON FUNCTION amms_private.asset_code(uuid, uuid) FROM PUBLIC;
