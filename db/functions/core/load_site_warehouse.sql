-- amms_private.load_site_warehouse(station, location_id): a location of the station's tenant that
-- is a warehouse of the station's own site ('unknown_location', 'not_a_warehouse', 'other_site').
--
-- Before this file: migration 0006.

CREATE OR REPLACE FUNCTION amms_private.load_site_warehouse(st stations, location_id uuid) RETURNS locations
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  l locations;
BEGIN
  SELECT * INTO l FROM locations WHERE id = location_id AND tenant_id = st.tenant_id;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_location', 'That warehouse does not exist.');
  END IF;
  IF l.type <> 'warehouse' THEN
    PERFORM amms_private.reject('not_a_warehouse', format('%s is a %s, not a warehouse.', l.code, l.type));
  END IF;
  IF l.site_id <> st.site_id THEN
    PERFORM amms_private.reject('other_site', format('Warehouse %s belongs to another site.', l.code));
  END IF;
  RETURN l;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.load_site_warehouse(stations, uuid) FROM PUBLIC;
