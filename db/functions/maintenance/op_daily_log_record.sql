-- daily_log.record: a supervisor's run hours and fuel for one asset and day. One log per asset
-- and day (a second one, from another station too, is refused naming the first: correct it
-- instead); not on a submitted day; fuel within the asset's tank. The asset's run-hour meter moves
-- up by the hours added, unless a machine reading taken on that day or later already counts them
-- (see migration 0014, "anchoring"). The anomalies the supervisor confirmed are kept on the log,
-- with those the server sees itself (amms_private.maint_log_anomalies).
-- payload: { log_id?, asset_id, date (YYYY-MM-DD), run_hours_added, fuel_liters_added, notes?, anomalies? }
-- result: { log_id, current_run_hours, meter_moved, anomalies }
CREATE OR REPLACE FUNCTION amms_private.op_daily_log_record(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  a assets;
  log_date date;
  v record;
  flags jsonb;
  notes text;
  existing daily_logs;
  new_id uuid := CASE WHEN payload ? 'log_id' THEN amms_private.payload_uuid(payload, 'log_id', 'The log')
                      ELSE gen_random_uuid() END;
  inserted uuid;
  moved numeric := 0;
  meter numeric;
BEGIN
  a := amms_private.maint_load_asset(st, payload);
  log_date := amms_private.maint_payload_date(payload, 'date', 'A daily log cannot be for a future day.');
  SELECT * INTO v FROM amms_private.maint_log_values(a, payload);
  notes := amms_private.payload_text(payload, 'notes', 500, 'The notes');
  flags := amms_private.maint_log_anomalies(a, v.hours, v.fuel, payload);
  PERFORM amms_private.maint_day_open(a, log_date);
  SELECT * INTO existing FROM daily_logs d WHERE d.tenant_id = st.tenant_id AND d.asset_id = a.id AND d.date = log_date;
  IF FOUND THEN
    PERFORM amms_private.reject('duplicate_daily_log', amms_private.maint_existing_log_message(a, existing));
  END IF;
  -- Two stations logging the same asset and day at once: the second waits here for the first and
  -- is then refused like any duplicate.
  INSERT INTO daily_logs (id, tenant_id, date, supervisor_id, asset_id, run_hours_added, fuel_liters_added, notes, anomalies)
  VALUES (new_id, st.tenant_id, log_date, actor.id, a.id, v.hours, v.fuel, notes, flags)
  ON CONFLICT (tenant_id, asset_id, date) DO NOTHING
  RETURNING id INTO inserted;
  IF inserted IS NULL THEN
    SELECT * INTO existing FROM daily_logs d WHERE d.tenant_id = st.tenant_id AND d.asset_id = a.id AND d.date = log_date;
    PERFORM amms_private.reject('duplicate_daily_log', amms_private.maint_existing_log_message(a, existing));
  END IF;
  IF (amms_private.maint_meter_anchor(st.tenant_id, a.id, log_date)).id IS NULL THEN
    moved := v.hours;
  END IF;
  meter := amms_private.maint_move_meter(a, 'run_hours', moved);
  RETURN jsonb_build_object('log_id', new_id, 'current_run_hours', meter, 'meter_moved', moved, 'anomalies', flags);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_daily_log_record(stations, users, jsonb) FROM PUBLIC;

INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('daily_log.record', '{supervisor,manager,admin}', 'amms_private.op_daily_log_record(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
