-- A shipment that is loading at the station's site, or a rejection that says why not. done: what
-- the operation would do to it, as a participle ("loaded", "unloaded", "dispatched", "cancelled").
CREATE OR REPLACE FUNCTION amms_private.require_loading_here(st stations, s shipments, done text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  origin_site uuid;
BEGIN
  SELECT l.site_id INTO origin_site FROM locations l WHERE l.id = s.origin_location_id AND l.tenant_id = s.tenant_id;
  IF origin_site IS DISTINCT FROM st.site_id THEN
    PERFORM amms_private.reject('other_site', format('%s leaves from %s; it can only be %s there.',
      s.gate_pass_ref, amms_private.site_code(s.tenant_id, s.origin_location_id), done));
  END IF;
  IF s.status = 'dispatched' THEN
    PERFORM amms_private.reject('already_dispatched', format('%s was already dispatched by %s; it can no longer be %s.',
      s.gate_pass_ref, amms_private.user_name(s.tenant_id, s.dispatched_by_user_id), done));
  ELSIF s.status = 'cancelled' THEN
    PERFORM amms_private.reject('shipment_cancelled', format('%s was cancelled by %s; it can no longer be %s.',
      s.gate_pass_ref, amms_private.user_name(s.tenant_id, s.cancelled_by_user_id), done));
  ELSIF s.status <> 'loading' THEN
    PERFORM amms_private.reject('already_received', format('%s was already received at %s; it can no longer be %s.',
      s.gate_pass_ref, amms_private.site_code(s.tenant_id, s.destination_location_id), done));
  END IF;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.require_loading_here(stations, shipments, text) FROM PUBLIC;
