-- daily_log.record: a supervisor's run hours and fuel for one asset and day; the asset's run-hour
-- meter moves up by the hours added (its meter row is created if the asset has none).
-- payload: { log_id?, asset_id, date (YYYY-MM-DD), run_hours_added, fuel_liters_added, notes? }
--
-- One log per asset and day; 0 to 24 hours, 0 to 100,000 litres; the date as YYYY-MM-DD (not
-- PostgreSQL's special inputs such as 'epoch' or 'yesterday') and not in the future beyond one
-- day of time-zone leeway. The log names the acting user as its supervisor.
--
-- Before this file: migrations 0006 and 0007 (missing numbers are invalid_number, strict date).

CREATE OR REPLACE FUNCTION amms_private.op_daily_log_record(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  a assets;
  log_date date;
  hours numeric;
  fuel numeric;
  new_id uuid := CASE WHEN payload ? 'log_id' THEN amms_private.payload_uuid(payload, 'log_id', 'The log')
                      ELSE gen_random_uuid() END;
  meter numeric;
BEGIN
  SELECT * INTO a FROM assets WHERE id = amms_private.payload_uuid(payload, 'asset_id', 'The asset') AND tenant_id = st.tenant_id;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_asset', 'That asset does not exist.');
  END IF;
  IF payload ->> 'date' IS NULL THEN
    PERFORM amms_private.reject('missing_field', 'The date is missing.');
  END IF;
  IF payload ->> 'date' !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
    PERFORM amms_private.reject('invalid_date', format('"%s" is not a date.', payload ->> 'date'));
  END IF;
  BEGIN
    log_date := (payload ->> 'date')::date;
  EXCEPTION WHEN OTHERS THEN
    PERFORM amms_private.reject('invalid_date', format('"%s" is not a date.', payload ->> 'date'));
  END;
  IF log_date IS NULL OR log_date > current_date + 1 THEN
    PERFORM amms_private.reject('invalid_date', 'A daily log cannot be for a future day.');
  END IF;
  IF jsonb_typeof(payload -> 'run_hours_added') IS DISTINCT FROM 'number'
     OR jsonb_typeof(payload -> 'fuel_liters_added') IS DISTINCT FROM 'number' THEN
    PERFORM amms_private.reject('invalid_number', 'Run hours and fuel must be numbers.');
  END IF;
  hours := (payload ->> 'run_hours_added')::numeric;
  fuel := (payload ->> 'fuel_liters_added')::numeric;
  IF hours < 0 OR hours > 24 THEN
    PERFORM amms_private.reject('invalid_hours', format('%s hours in one day is not possible (0 to 24).', hours));
  END IF;
  IF fuel < 0 OR fuel > 100000 THEN
    PERFORM amms_private.reject('invalid_fuel', format('%s litres of fuel is not possible.', fuel));
  END IF;
  IF EXISTS (SELECT 1 FROM daily_logs d WHERE d.tenant_id = st.tenant_id AND d.asset_id = a.id AND d.date = log_date) THEN
    PERFORM amms_private.reject('duplicate_daily_log', format('%s already has a daily log for %s.', a.name, log_date));
  END IF;
  INSERT INTO daily_logs (id, tenant_id, date, supervisor_id, asset_id, run_hours_added, fuel_liters_added, notes)
  VALUES (new_id, st.tenant_id, log_date, actor.id, a.id, hours, fuel, nullif(btrim(payload ->> 'notes'), ''));
  INSERT INTO asset_meters AS m (tenant_id, asset_id, current_run_hours, last_updated_at)
  VALUES (st.tenant_id, a.id, hours, now())
  ON CONFLICT (asset_id) DO UPDATE SET current_run_hours = m.current_run_hours + EXCLUDED.current_run_hours,
    last_updated_at = now()
  RETURNING m.current_run_hours INTO meter;
  RETURN jsonb_build_object('log_id', new_id, 'current_run_hours', meter);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_daily_log_record(stations, users, jsonb) FROM PUBLIC;

INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('daily_log.record', '{supervisor,manager,admin}', 'amms_private.op_daily_log_record(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = excluded.roles, apply_function = excluded.apply_function;
