-- AMMS central database, migration 0016: stations through a transaction pooler (PgBouncer).
--
-- A pooler in transaction mode shares a few server connections between many stations, all logged
-- in to PostgreSQL as the pooler's own role, so session_user no longer names the station. The
-- isolation stays keyed on the station's login role, proven again in every transaction:
--
-- * A station still authenticates as its own role, to the pooler (PgBouncer checks its password
--   against the role's SCRAM verifier through amms_pool_auth(), db/functions/sync/); a dropped
--   or revoked role cannot reach the pool.
-- * Each transaction of a pooled station starts with
--     SELECT set_config('amms.station', '<role name>:<pool key>', true)
--   (a bind parameter, never in the query text). The pool key is derived from the station's
--   password (db/auth/pool-key.ts); the server keeps only its SHA-256 (station_pool_keys, written
--   at enrolment). The setting is local to the transaction, so it ends with it and never reaches
--   the next client of that server connection.
-- * current_station_role() is the one place that says which station is calling: session_user
--   for a station connected directly (unchanged), and for a session of a pooler role (a member of
--   amms_pooler) the role named by a claim whose key matches. current_station_tenant_id(),
--   acting_station_id(), the stations policy and the push entry point read it. A claim is ignored
--   in a station's own session, and a pooler session without a valid claim is nobody: it sees no
--   tenant row and cannot push.
-- * Pooled sessions share one role, and PostgreSQL shows a session's query text to every session
--   of the same role: the functions behind pg_stat_activity are taken from PUBLIC (monitoring
--   keeps them through pg_read_all_stats).

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'amms_pooler') THEN
    CREATE ROLE amms_pooler NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'amms_pool_authenticator') THEN
    CREATE ROLE amms_pool_authenticator NOLOGIN;
  END IF;
END $$;
COMMENT ON ROLE amms_pooler IS 'Group role of the login roles a transaction pooler uses: may act for the station named by a valid amms.station claim, in that transaction only.';
GRANT USAGE ON SCHEMA public TO amms_pool_authenticator;
COMMENT ON ROLE amms_pool_authenticator IS 'Group role of the pooler''s auth_user: may read station roles'' SCRAM verifiers through amms_pool_auth(), nothing else.';

CREATE TABLE amms_private.station_pool_keys (
  role_name text PRIMARY KEY REFERENCES stations (role_name),
  key_hash bytea NOT NULL CHECK (length(key_hash) = 32),
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE amms_private.station_pool_keys IS 'SHA-256 of each station''s pool key (derived from its password at enrolment); a station without a row cannot use the pooler.';

-- The login role of the calling station: session_user for a direct session; for a pooler
-- session, the role named by this transaction's amms.station claim if its key matches.
CREATE FUNCTION current_station_role() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT CASE
    WHEN NOT pg_has_role(session_user, 'amms_pooler', 'MEMBER') THEN session_user::text
    ELSE (
      SELECT k.role_name
        FROM (SELECT coalesce(current_setting('amms.station', true), '') AS claim) c
        JOIN amms_private.station_pool_keys k
          ON k.role_name = split_part(c.claim, ':', 1)
         AND k.key_hash = sha256(convert_to(split_part(c.claim, ':', 2), 'UTF8'))
    )
  END
$$;
REVOKE EXECUTE ON FUNCTION current_station_role() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION current_station_role() TO amms_station, amms_pooler;

CREATE OR REPLACE FUNCTION current_station_tenant_id() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT s.tenant_id FROM stations s WHERE s.role_name = current_station_role() AND s.revoked_at IS NULL
$$;

CREATE OR REPLACE FUNCTION amms_private.acting_station_id() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT s.id FROM stations s WHERE s.role_name = current_station_role()
$$;

DROP POLICY stations_own_row ON stations;
CREATE POLICY stations_own_row ON stations
  USING (role_name = (SELECT current_station_role()) AND revoked_at IS NULL);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND rolsuper) THEN
    REVOKE EXECUTE ON FUNCTION pg_catalog.pg_stat_get_activity(integer) FROM PUBLIC;
    REVOKE EXECUTE ON FUNCTION pg_catalog.pg_stat_get_backend_activity(integer) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION pg_catalog.pg_stat_get_activity(integer) TO pg_read_all_stats;
    GRANT EXECUTE ON FUNCTION pg_catalog.pg_stat_get_backend_activity(integer) TO pg_read_all_stats;
  ELSE
    RAISE WARNING 'Not a superuser: pg_stat_activity still shows query texts to sessions of the same role. Before stations use a pooler, run as a superuser: REVOKE EXECUTE ON FUNCTION pg_stat_get_activity(integer), pg_stat_get_backend_activity(integer) FROM PUBLIC';
  END IF;
END $$;
