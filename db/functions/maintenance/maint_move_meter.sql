-- Moves the asset's meter by `delta` (a new meter row, or an odometer that had no value yet, starts
-- at `delta`); returns the meter's new value. An update first: an INSERT ... ON CONFLICT would
-- check the proposed row (a negative delta) against the table's CHECK constraints.
CREATE OR REPLACE FUNCTION amms_private.maint_move_meter(a assets, meter meter_kind, delta numeric)
RETURNS numeric
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  value numeric;
BEGIN
  IF meter = 'run_hours' THEN
    UPDATE asset_meters m SET current_run_hours = m.current_run_hours + delta, last_updated_at = now()
     WHERE m.tenant_id = a.tenant_id AND m.asset_id = a.id
    RETURNING m.current_run_hours INTO value;
  ELSE
    UPDATE asset_meters m SET current_odometer = coalesce(m.current_odometer + delta, delta), last_updated_at = now()
     WHERE m.tenant_id = a.tenant_id AND m.asset_id = a.id
    RETURNING m.current_odometer INTO value;
  END IF;
  IF NOT FOUND THEN
    INSERT INTO asset_meters (tenant_id, asset_id, current_run_hours, current_odometer, last_updated_at)
    VALUES (a.tenant_id, a.id, CASE WHEN meter = 'run_hours' THEN delta ELSE 0 END,
      CASE WHEN meter = 'odometer' THEN delta END, now());
    value := delta;
  END IF;
  RETURN value;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.maint_move_meter(assets, meter_kind, numeric) FROM PUBLIC;
