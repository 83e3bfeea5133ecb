-- A shipment on its way to the station's site that this station may receive, or a rejection that
-- says why not. The first station to receive from a truck claims it (receiving_station_id); the
-- shipment row is locked (lock_shipment), so two stations receiving the same truck at once end with
-- one receiving it and the other told where it is being received.
CREATE OR REPLACE FUNCTION amms_private.require_receiving_here(st stations, s shipments) RETURNS shipments
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  destination_site uuid;
  other_station text;
  first_user uuid;
BEGIN
  SELECT l.site_id INTO destination_site FROM locations l
   WHERE l.id = s.destination_location_id AND l.tenant_id = s.tenant_id;
  IF destination_site IS DISTINCT FROM st.site_id THEN
    PERFORM amms_private.reject('wrong_site', format('%s is going to %s, not to this site (%s).', s.gate_pass_ref,
      amms_private.site_code(s.tenant_id, s.destination_location_id), amms_private.site_code(st.tenant_id, st.site_id)));
  END IF;
  IF s.status = 'loading' THEN
    PERFORM amms_private.reject('not_dispatched', format('%s has not been dispatched yet; it is still loading at %s.',
      s.gate_pass_ref, amms_private.site_code(s.tenant_id, s.origin_location_id)));
  ELSIF s.status = 'cancelled' THEN
    PERFORM amms_private.reject('shipment_cancelled', format('%s was cancelled; there is nothing to receive.', s.gate_pass_ref));
  ELSIF s.status <> 'dispatched' THEN
    PERFORM amms_private.reject('already_received', format('%s was already received by %s.',
      s.gate_pass_ref, amms_private.user_name(s.tenant_id, s.received_by_user_id)));
  END IF;
  IF s.receiving_station_id IS NULL THEN
    UPDATE shipments SET receiving_station_id = st.id, receiving_started_at = now() WHERE id = s.id RETURNING * INTO s;
  ELSIF s.receiving_station_id <> st.id THEN
    SELECT x.name INTO other_station FROM stations x WHERE x.id = s.receiving_station_id AND x.tenant_id = s.tenant_id;
    SELECT r.received_by_user_id INTO first_user FROM shipment_receipt_lines r
     WHERE r.shipment_id = s.id AND r.tenant_id = s.tenant_id ORDER BY r.received_at, r.id LIMIT 1;
    PERFORM amms_private.reject('receiving_elsewhere', format('%s is being received at %s by %s; finish it there.',
      s.gate_pass_ref, coalesce(other_station, 'another station'), amms_private.user_name(s.tenant_id, first_user)));
  END IF;
  RETURN s;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.require_receiving_here(stations, shipments) FROM PUBLIC;
