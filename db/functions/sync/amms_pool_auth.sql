-- PgBouncer's auth_query (docs/adr/0018): the SCRAM verifier of an enrolled, active station's
-- login role, so that a station authenticates to the pooler as itself, with its own password.
-- Nothing for any other role (admins, the pooler's own roles) or for a revoked station. Only the
-- pooler's auth_user (a member of amms_pool_authenticator) may call it; the role that clients'
-- transactions run as (amms_pooler) may not. Reads pg_authid: the function must be owned by a
-- superuser (the migrating role).
CREATE OR REPLACE FUNCTION amms_pool_auth(username text) RETURNS TABLE(usename text, passwd text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT a.rolname::text, a.rolpassword
    FROM pg_authid a
   WHERE a.rolname = username
     AND a.rolcanlogin AND NOT a.rolsuper AND NOT a.rolbypassrls
     AND pg_has_role(a.oid, 'amms_station', 'MEMBER')
     AND NOT pg_has_role(a.oid, 'amms_pooler', 'MEMBER')
     AND EXISTS (SELECT 1 FROM stations s WHERE s.role_name = a.rolname AND s.revoked_at IS NULL)
$$;
REVOKE EXECUTE ON FUNCTION amms_pool_auth(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION amms_pool_auth(text) TO amms_pool_authenticator;
