-- daily_log.correct: changes a day's hours, fuel or notes with a reason. The old and new values,
-- the reason and who corrected stay readable in daily_log_corrections (and the audit trail); the
-- asset's run-hour meter moves by the difference of the hours (down too), unless a machine
-- reading taken on that day or later already counts them. Not on a submitted day. With expected
-- values (what the supervisor saw), a log changed meanwhile is refused rather than overwritten.
-- payload: { correction_id?, log_id, run_hours_added, fuel_liters_added, notes?, reason,
--            expected?: { run_hours_added, fuel_liters_added }, anomalies? }
--   notes: absent keeps the log's notes; null or "" clears them.
--   anomalies: those confirmed for the new values (replace the log's flags).
-- result: { log_id, correction_id, meter_delta, current_run_hours, anomalies }
CREATE OR REPLACE FUNCTION amms_private.op_daily_log_correct(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  d daily_logs;
  a assets;
  v record;
  reason text;
  new_notes text;
  flags jsonb;
  delta numeric := 0;
  meter numeric;
  expected jsonb := payload -> 'expected';
  correction uuid := CASE WHEN payload ? 'correction_id'
                          THEN amms_private.payload_uuid(payload, 'correction_id', 'The correction')
                          ELSE gen_random_uuid() END;
BEGIN
  SELECT * INTO d FROM daily_logs
   WHERE id = amms_private.payload_uuid(payload, 'log_id', 'The daily log') AND tenant_id = st.tenant_id
   FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_log',
      'That daily log does not exist (it may have been refused when it was sent).');
  END IF;
  SELECT * INTO a FROM assets WHERE id = d.asset_id AND tenant_id = st.tenant_id;
  reason := amms_private.payload_text(payload, 'reason', 500, 'The reason');
  IF reason IS NULL THEN
    PERFORM amms_private.reject('missing_reason', 'A correction needs a reason.');
  END IF;
  SELECT * INTO v FROM amms_private.maint_log_values(a, payload);
  new_notes := CASE WHEN payload ? 'notes' THEN amms_private.payload_text(payload, 'notes', 500, 'The notes')
                    ELSE d.notes END;
  IF expected IS NOT NULL AND jsonb_typeof(expected) = 'object' AND (
       (expected ? 'run_hours_added' AND (expected ->> 'run_hours_added')::numeric IS DISTINCT FROM d.run_hours_added)
       OR (expected ? 'fuel_liters_added' AND (expected ->> 'fuel_liters_added')::numeric IS DISTINCT FROM d.fuel_liters_added)) THEN
    PERFORM amms_private.reject('log_changed',
      format('The daily log of %s for %s was changed meanwhile: it now says %s h and %s L. Look at it again before correcting.',
        amms_private.maint_asset_label(a), d.date, amms_private.fmt_number(d.run_hours_added),
        amms_private.fmt_number(d.fuel_liters_added)));
  END IF;
  IF (v.hours, v.fuel, new_notes) IS NOT DISTINCT FROM (d.run_hours_added, d.fuel_liters_added, d.notes) THEN
    PERFORM amms_private.reject('no_change',
      format('The daily log of %s for %s already says %s h and %s L; the correction changes nothing.',
        amms_private.maint_asset_label(a), d.date, amms_private.fmt_number(d.run_hours_added),
        amms_private.fmt_number(d.fuel_liters_added)));
  END IF;
  PERFORM amms_private.maint_day_open(a, d.date);
  flags := CASE WHEN payload ? 'anomalies' OR v.hours <> d.run_hours_added OR v.fuel <> d.fuel_liters_added
                THEN amms_private.maint_log_anomalies(a, v.hours, v.fuel, payload)
                ELSE d.anomalies END;
  IF (amms_private.maint_meter_anchor(st.tenant_id, a.id, d.date)).id IS NULL THEN
    delta := v.hours - d.run_hours_added;
  END IF;
  -- The correction first: it is what allows the log (and a meter going down) to change.
  INSERT INTO daily_log_corrections (id, tenant_id, daily_log_id, asset_id, date, old_run_hours_added,
    new_run_hours_added, old_fuel_liters_added, new_fuel_liters_added, old_notes, new_notes, meter_delta, reason,
    corrected_by_user_id, op_id)
  VALUES (correction, st.tenant_id, d.id, a.id, d.date, d.run_hours_added, v.hours, d.fuel_liters_added, v.fuel,
    d.notes, new_notes, delta, reason, actor.id, amms_private.acting_op_id());
  UPDATE daily_logs SET run_hours_added = v.hours, fuel_liters_added = v.fuel, notes = new_notes, anomalies = flags
   WHERE id = d.id;
  IF delta <> 0 THEN
    meter := amms_private.maint_move_meter(a, 'run_hours', delta);
  ELSE
    SELECT m.current_run_hours INTO meter FROM asset_meters m WHERE m.asset_id = a.id;
  END IF;
  RETURN jsonb_build_object('log_id', d.id, 'correction_id', correction, 'meter_delta', delta,
    'current_run_hours', meter, 'anomalies', flags);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_daily_log_correct(stations, users, jsonb) FROM PUBLIC;

INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('daily_log.correct', '{supervisor,manager,admin}', 'amms_private.op_daily_log_correct(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
