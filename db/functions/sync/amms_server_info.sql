-- amms_server_info(): the sync protocol's handshake. Stations call it on every exchange and
-- compare the protocol and the schema version with their own.
--
-- Before this file: migration 0005.

CREATE OR REPLACE FUNCTION amms_server_info() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT jsonb_build_object(
    'protocol', 1,
    'min_station_protocol', 1,
    'schema_version', (SELECT max(version) FROM amms_private.schema_migrations),
    'server_time', now()
  )
$$;
REVOKE EXECUTE ON FUNCTION amms_server_info() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION amms_server_info() TO amms_station;
