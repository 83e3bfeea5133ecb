-- One asset's meters changed: keep today's sample (the meters at the end of the day), refresh the
-- asset's average daily use and run the engine for it. A failure of the engine never refuses the
-- meter change that caused it (the daily log or reading stays); it is recorded in
-- amms_private.pm_engine_failures and the periodic run (amms pm run) catches up.
CREATE OR REPLACE FUNCTION amms_private.pm_meter_changed(p_tenant uuid, p_asset uuid, p_run_hours numeric,
  p_odometer numeric) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_state text;
  v_message text;
BEGIN
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM amms_private.pm_meter_days p WHERE p.asset_id = p_asset) THEN
      PERFORM amms_private.pm_backfill_meter_days(p_tenant, ARRAY[p_asset]);
    END IF;
    INSERT INTO amms_private.pm_meter_days (tenant_id, asset_id, day, run_hours, odometer)
    VALUES (p_tenant, p_asset, current_date, p_run_hours, p_odometer)
    ON CONFLICT (asset_id, day) DO UPDATE SET run_hours = EXCLUDED.run_hours, odometer = EXCLUDED.odometer;
    PERFORM amms_private.pm_refresh_usage(p_tenant, ARRAY[p_asset]);
    RETURN amms_private.pm_run_asset(p_tenant, p_asset, current_date);
  EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT;
    -- Transient failures (serialisation, deadlock, lock timeout, shutdown) end the whole change so
    -- that it is retried; anything else is recorded and the change goes on.
    IF v_state LIKE '40%' OR v_state LIKE '53%' OR v_state LIKE '57%' OR v_state IN ('55P03', '55006') THEN
      RAISE;
    END IF;
    INSERT INTO amms_private.pm_engine_failures (tenant_id, asset_id, sqlstate, message)
    VALUES (p_tenant, p_asset, v_state, v_message);
    RAISE WARNING 'PM engine failed for asset %: % (%)', p_asset, v_message, v_state;
    RETURN '[]'::jsonb;
  END;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.pm_meter_changed(uuid, uuid, numeric, numeric) FROM PUBLIC;
