-- Moves the asset's meter by `delta` (a new meter row, or an odometer that had no value yet, starts
-- at `delta`); returns the meter's new value.
CREATE OR REPLACE FUNCTION amms_private.maint_move_meter(a assets, meter meter_kind, delta numeric)
RETURNS numeric
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  value numeric;
BEGIN
  IF meter = 'run_hours' THEN
    INSERT INTO asset_meters AS m (tenant_id, asset_id, current_run_hours, last_updated_at)
    VALUES (a.tenant_id, a.id, delta, now())
    ON CONFLICT (asset_id) DO UPDATE SET current_run_hours = m.current_run_hours + delta, last_updated_at = now()
    RETURNING m.current_run_hours INTO value;
  ELSE
    INSERT INTO asset_meters AS m (tenant_id, asset_id, current_run_hours, current_odometer, last_updated_at)
    VALUES (a.tenant_id, a.id, 0, delta, now())
    ON CONFLICT (asset_id) DO UPDATE SET current_odometer = coalesce(m.current_odometer + delta, delta),
      last_updated_at = now()
    RETURNING m.current_odometer INTO value;
  END IF;
  RETURN value;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.maint_move_meter(assets, meter_kind, numeric) FROM PUBLIC;
