-- The offset of the meter in use at a time: what to add to a reading to get the continuous total.
CREATE OR REPLACE FUNCTION amms_private.meter_offset_at(p_tenant uuid, p_asset uuid, p_meter meter_kind, p_at timestamp with time zone)
RETURNS numeric
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT coalesce((
    SELECT r.offset_after FROM meter_replacements r
     WHERE r.tenant_id = p_tenant AND r.asset_id = p_asset AND r.meter = p_meter AND r.replaced_at <= p_at
     ORDER BY r.replaced_at DESC LIMIT 1), 0)
$$;
REVOKE EXECUTE ON FUNCTION amms_private.meter_offset_at(uuid, uuid, meter_kind, timestamp with time zone) FROM PUBLIC;
