-- The site of a day operation: payload.site_id when given, else the station's site; always the
-- station's own site (other_site).
CREATE OR REPLACE FUNCTION amms_private.maint_payload_site(st stations, payload jsonb) RETURNS locations
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  l locations;
  site uuid := CASE WHEN payload ? 'site_id' THEN amms_private.payload_uuid(payload, 'site_id', 'The site')
                    ELSE st.site_id END;
BEGIN
  SELECT * INTO l FROM locations WHERE id = site AND tenant_id = st.tenant_id;
  IF NOT FOUND OR l.type <> 'site' THEN
    PERFORM amms_private.reject('unknown_location', 'That site does not exist.');
  END IF;
  IF l.id <> st.site_id THEN
    PERFORM amms_private.reject('other_site', format('%s is another site; a station submits its own site''s days.', l.code));
  END IF;
  RETURN l;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.maint_payload_site(stations, jsonb) FROM PUBLIC;
