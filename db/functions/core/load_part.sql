-- amms_private.load_part(station, part_id): a part of the station's tenant, or 'unknown_part'.
--
-- Before this file: migration 0006.

CREATE OR REPLACE FUNCTION amms_private.load_part(st stations, part_id uuid) RETURNS parts
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  p parts;
BEGIN
  SELECT * INTO p FROM parts WHERE id = part_id AND tenant_id = st.tenant_id;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_part', 'That part is not in the catalogue.');
  END IF;
  RETURN p;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.load_part(stations, uuid) FROM PUBLIC;
