-- An asset as a supervisor names it in messages: its client code and name ("EX-101 (Excavator
-- Caterpillar 336)"), or its name alone when it has no client code.
CREATE OR REPLACE FUNCTION amms_private.maint_asset_label(a assets) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT coalesce((
    SELECT i.client_code || ' (' || a.name || ')' FROM asset_identities i
     WHERE i.tenant_id = a.tenant_id AND i.asset_id = a.id AND i.client_code IS NOT NULL
     ORDER BY i.created_at, i.client_code LIMIT 1), a.name)
$$;
REVOKE EXECUTE ON FUNCTION amms_private.maint_asset_label(assets) FROM PUBLIC;
