-- Whether the tenant has Agile Mode on (tenants.settings.agile_mode): field work may start before
-- the paperwork is ready. See docs/operations.md, "Agile Mode and work orders".
CREATE OR REPLACE FUNCTION amms_private.wo_agile_mode(p_tenant uuid) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT coalesce((SELECT (t.settings ->> 'agile_mode')::boolean FROM tenants t WHERE t.id = p_tenant), false)
$$;
REVOKE EXECUTE ON FUNCTION amms_private.wo_agile_mode(uuid) FROM PUBLIC;
