-- A user's full name for messages ("someone" when there is none).
CREATE OR REPLACE FUNCTION amms_private.user_name(tenant uuid, user_id uuid) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT coalesce((SELECT u.full_name FROM users u WHERE u.tenant_id = tenant AND u.id = user_id), 'someone')
$$;
REVOKE EXECUTE ON FUNCTION amms_private.user_name(uuid, uuid) FROM PUBLIC;
