-- amms_private.load_wallet_technician(station, technician_id): the holder of a wallet that parts
-- leave (a return, a consumption): a technician of the organisation whose wallet this station keeps
-- (home site = the station's site). A technician who left (inactive) may still give parts back.
--
-- Before this file: migration 0009.

CREATE OR REPLACE FUNCTION amms_private.load_wallet_technician(st stations, technician_id uuid) RETURNS users
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  u users;
BEGIN
  SELECT * INTO u FROM users WHERE id = technician_id AND tenant_id = st.tenant_id;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_technician', 'That technician does not exist.');
  END IF;
  IF u.role <> 'technician' THEN
    PERFORM amms_private.reject('not_a_technician', format('%s is a %s; only technicians hold a wallet.', u.full_name, u.role));
  END IF;
  IF u.site_id IS DISTINCT FROM st.site_id THEN
    PERFORM amms_private.reject('other_site', format('%s''s wallet is kept at another site.', u.full_name));
  END IF;
  RETURN u;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.load_wallet_technician(stations, uuid) FROM PUBLIC;
