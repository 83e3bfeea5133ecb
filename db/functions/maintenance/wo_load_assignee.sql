-- The technician a work order is assigned to (payload[key], optional): an active technician of
-- the tenant. Missing or null is NULL.
CREATE OR REPLACE FUNCTION amms_private.wo_load_assignee(st stations, payload jsonb, key text) RETURNS users
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  u users;
BEGIN
  IF jsonb_typeof(payload -> key) IS NULL OR jsonb_typeof(payload -> key) = 'null' THEN
    RETURN NULL;
  END IF;
  SELECT * INTO u FROM users
   WHERE id = amms_private.payload_uuid(payload, key, 'The technician') AND tenant_id = st.tenant_id;
  IF NOT FOUND OR NOT u.is_active THEN
    PERFORM amms_private.reject('unknown_technician', 'That technician is not an active user.');
  END IF;
  IF u.role <> 'technician' THEN
    PERFORM amms_private.reject('not_a_technician',
      format('%s is a %s; work orders are assigned to technicians.', u.full_name, u.role));
  END IF;
  RETURN u;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.wo_load_assignee(stations, jsonb, text) FROM PUBLIC;
