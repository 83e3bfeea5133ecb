-- Why an asset with an open movement cannot be loaded (or a component of it, when unit is given):
-- "EX-101 is already on GP-NBO1-0042 loading at ACME-NBO."
CREATE OR REPLACE FUNCTION amms_private.open_movement_refusal(m asset_movements, unit uuid) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  s shipments;
  what text := CASE WHEN unit IS NULL OR unit = m.asset_id THEN amms_private.asset_code(m.tenant_id, m.asset_id)
    ELSE format('%s''s component %s', amms_private.asset_code(m.tenant_id, unit), amms_private.asset_code(m.tenant_id, m.asset_id)) END;
BEGIN
  SELECT * INTO s FROM shipments x WHERE x.id = m.shipment_id AND x.tenant_id = m.tenant_id;
  IF NOT FOUND THEN
    RETURN format('%s is already on its way to %s.', what, amms_private.site_code(m.tenant_id, m.to_location_id));
  END IF;
  RETURN format('%s is already on %s.', what, amms_private.shipment_label(s));
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.open_movement_refusal(asset_movements, uuid) FROM PUBLIC;
