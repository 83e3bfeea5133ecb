-- AMMS central database, migration 0004: tenant isolation and station roles.
--
-- Each station logs in with its own PostgreSQL role (created by `amms station enroll`), a member
-- of the group role amms_station. The tenant a session may see is looked up from its login role
-- (session_user, which a non-superuser cannot change) in the stations table, never from a setting
-- the client could set. Row-level security is enabled and forced on every tenant table; stations
-- get SELECT (filtered) and no INSERT, UPDATE or DELETE. Writes arrive later through one
-- SECURITY DEFINER entry point, which the same policies still confine to the station's tenant.
--
-- The role running migrations must be a superuser or have BYPASSRLS (it owns the tables and
-- forced row-level security applies to owners too).
--
-- Every function in 0002-0004 pins search_path with pg_temp LAST. Left out, pg_temp is searched
-- FIRST for tables, so a session allowed to create temporary tables could shadow e.g. stations
-- and make current_station_tenant_id() return another tenant (or divert audit rows).

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolbypassrls)) THEN
    RAISE EXCEPTION 'The AMMS schema must be installed by a superuser or a role with BYPASSRLS (connected as %)', current_user;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'amms_station') THEN
    CREATE ROLE amms_station NOLOGIN;
  END IF;
END $$;
COMMENT ON ROLE amms_station IS 'Group role of AMMS station login roles: read own tenant (RLS), write only through the entry point.';

-- The database is private to AMMS: no connecting, no temporary objects for PUBLIC. Enrolment grants
-- CONNECT to each station role.
DO $$
BEGIN
  EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END $$;

REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON SCHEMA amms_private FROM PUBLIC;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA amms_private FROM PUBLIC;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO amms_station;

-- The tenant of the calling station, from its login role. NULL for any other role, so such a
-- role sees no tenant rows at all.
CREATE FUNCTION current_station_tenant_id() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT s.tenant_id FROM stations s WHERE s.role_name = session_user AND s.revoked_at IS NULL
$$;
REVOKE EXECUTE ON FUNCTION current_station_tenant_id() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION current_station_tenant_id() TO amms_station;

GRANT EXECUTE ON FUNCTION location_subtree(uuid), location_path(uuid), asset_subtree(uuid), asset_path(uuid)
  TO amms_station;

-- Stations: a station sees its own row only (this is also what current_station_tenant_id reads).
ALTER TABLE stations ENABLE ROW LEVEL SECURITY;
ALTER TABLE stations FORCE ROW LEVEL SECURITY;
CREATE POLICY stations_own_row ON stations USING (role_name = session_user AND revoked_at IS NULL);

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenants_own_tenant ON tenants
  USING (id = (SELECT current_station_tenant_id()))
  WITH CHECK (id = (SELECT current_station_tenant_id()));

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'locations', 'users', 'assets', 'asset_identities', 'asset_meters', 'asset_specs',
    'pm_schedules', 'work_orders', 'wo_tasks', 'service_requests', 'parts', 'inventory_stock',
    'inventory_wallets', 'wo_consumables', 'shipments', 'asset_movements', 'daily_logs',
    'audit_logs', 'sync_tombstones'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (tenant_id = (SELECT current_station_tenant_id()))
                    WITH CHECK (tenant_id = (SELECT current_station_tenant_id()))', t || '_own_tenant', t);
  END LOOP;
END $$;

-- Stations read; they never write directly.
GRANT SELECT ON
  tenants, users, stations, audit_logs, locations, assets, asset_identities, asset_meters, asset_specs,
  pm_schedules, work_orders, wo_tasks, service_requests, parts, inventory_stock, inventory_wallets,
  wo_consumables, asset_movements, shipments, daily_logs, sync_tombstones
TO amms_station;

-- A read model for the counter: stock per part and warehouse against the part's minimum level.
-- security_invoker: the caller's row-level security applies, so a station sees its tenant only.
CREATE VIEW part_stock_levels WITH (security_invoker = true) AS
SELECT p.tenant_id, p.id AS part_id, p.sku, p.name, p.min_level, s.location_id,
       coalesce(sum(s.qty_on_hand), 0) AS qty_on_hand,
       coalesce(sum(s.qty_on_hand), 0) < p.min_level AS is_low
  FROM parts p
  LEFT JOIN inventory_stock s ON s.part_id = p.id AND s.tenant_id = p.tenant_id
 GROUP BY p.tenant_id, p.id, p.sku, p.name, p.min_level, s.location_id;
GRANT SELECT ON part_stock_levels TO amms_station;
