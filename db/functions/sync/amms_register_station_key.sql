-- amms_register_station_key(protocol, key): a station registers the public half of the signing
-- key it made itself (a station enrolled before signing keys existed makes one on its first start;
-- enrolment registers a new station's key directly). Called by the station's sync engine before it
-- pushes, with its own login role: it can only register a key for itself, and only while it has no
-- active key (replacing a key is an administrator's act: revoke, then the station registers anew).
-- Idempotent: the same key again returns {registered: false}. No application user is involved, so
-- this is not an operation of amms_push (which needs an acting user): the station's login role is
-- the identity that matters, and the audit row names the station.
-- key: { key_id, public_key, algorithm: 'ed25519' }
--
-- Migration 0017 made the table. The caller is current_station_role() (migration 0016): the
-- station's login role, directly or through a pooler's claim.

CREATE OR REPLACE FUNCTION amms_register_station_key(protocol integer, key jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  st stations%ROWTYPE;
  existing station_keys%ROWTYPE;
  v_key_id text := key ->> 'key_id';
  v_public text := key ->> 'public_key';
BEGIN
  IF protocol IS DISTINCT FROM 1 THEN
    RAISE EXCEPTION 'This server speaks sync protocol 1; the station sent %', protocol USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT * INTO st FROM stations s WHERE s.role_name = current_station_role() AND s.revoked_at IS NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'Only an enrolled, active station can register a signing key' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF coalesce(key ->> 'algorithm', 'ed25519') <> 'ed25519' THEN
    RAISE EXCEPTION 'Only Ed25519 signing keys are taken' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT * INTO existing FROM station_keys k WHERE k.tenant_id = st.tenant_id AND k.key_id = v_key_id;
  IF FOUND THEN
    IF existing.station_id <> st.id OR existing.public_key <> v_public THEN
      RAISE EXCEPTION 'The key id % is taken by another key', v_key_id USING ERRCODE = 'unique_violation';
    END IF;
    RETURN jsonb_build_object('registered', false, 'key_id', v_key_id, 'revoked', existing.revoked_at IS NOT NULL);
  END IF;
  IF EXISTS (SELECT 1 FROM station_keys k WHERE k.station_id = st.id AND k.revoked_at IS NULL) THEN
    RAISE EXCEPTION 'This station already has a signing key; an administrator must revoke it before another is registered'
      USING ERRCODE = 'unique_violation';
  END IF;
  -- The key id, format and derivation are checked by the table (station_keys_check).
  INSERT INTO station_keys (tenant_id, station_id, site_id, station_name, key_id, public_key)
  VALUES (st.tenant_id, st.id, st.site_id, st.name, v_key_id, v_public);
  RETURN jsonb_build_object('registered', true, 'key_id', v_key_id, 'revoked', false);
END $$;
REVOKE EXECUTE ON FUNCTION amms_register_station_key(integer, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION amms_register_station_key(integer, jsonb) TO amms_station;
