-- A shipment as a clerk says it on the radio, with where it is:
-- "GP-NBO1-0042 loading at ACME-NBO", "GP-NBO1-0042, in transit from ACME-NBO to ACME-MSA".
CREATE OR REPLACE FUNCTION amms_private.shipment_label(s shipments) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT CASE s.status
    WHEN 'loading' THEN format('%s loading at %s', s.gate_pass_ref,
      amms_private.site_code(s.tenant_id, s.origin_location_id))
    WHEN 'dispatched' THEN format('%s, in transit from %s to %s', s.gate_pass_ref,
      amms_private.site_code(s.tenant_id, s.origin_location_id),
      amms_private.site_code(s.tenant_id, s.destination_location_id))
    ELSE s.gate_pass_ref
  END
$$;
REVOKE EXECUTE ON FUNCTION amms_private.shipment_label(shipments) FROM PUBLIC;
