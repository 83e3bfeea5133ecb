-- The machine reading that already counts the run hours of a day: the latest run-hour reading of
-- the asset taken on that day or later (a reading counts the hours of its own day). A daily log
-- or a correction of such a day does not move the meter. NULL when there is none.
CREATE OR REPLACE FUNCTION amms_private.maint_meter_anchor(p_tenant uuid, p_asset uuid, p_day date)
RETURNS meter_readings
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT * FROM meter_readings r
   WHERE r.tenant_id = p_tenant AND r.asset_id = p_asset AND r.meter = 'run_hours' AND r.read_on >= p_day
   ORDER BY r.read_at DESC LIMIT 1
$$;
REVOKE EXECUTE ON FUNCTION amms_private.maint_meter_anchor(uuid, uuid, date) FROM PUBLIC;
