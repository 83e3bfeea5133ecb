-- Trigger of asset_meters (statement level, after INSERT and after UPDATE; created by migration
-- 0015): the engine runs for every asset whose run hours or odometer changed, in the transaction
-- that changed them, in asset order. Bulk loads by a privileged role (the demo-data generator,
-- which runs the engine itself afterwards) are left alone.
CREATE OR REPLACE FUNCTION amms_private.pm_on_meter_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  r record;
BEGIN
  IF amms_private.audit_suppressed() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    FOR r IN SELECT n.tenant_id, n.asset_id, n.current_run_hours, n.current_odometer
               FROM new_rows n ORDER BY n.asset_id LOOP
      PERFORM amms_private.pm_meter_changed(r.tenant_id, r.asset_id, r.current_run_hours, r.current_odometer);
    END LOOP;
  ELSE
    FOR r IN SELECT n.tenant_id, n.asset_id, n.current_run_hours, n.current_odometer
               FROM new_rows n JOIN old_rows o ON o.id = n.id
              WHERE n.current_run_hours IS DISTINCT FROM o.current_run_hours
                 OR n.current_odometer IS DISTINCT FROM o.current_odometer
              ORDER BY n.asset_id LOOP
      PERFORM amms_private.pm_meter_changed(r.tenant_id, r.asset_id, r.current_run_hours, r.current_odometer);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.pm_on_meter_change() FROM PUBLIC;
