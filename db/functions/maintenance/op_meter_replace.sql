-- meter.replace: a replaced or reset meter (hour meter or odometer). The old meter's final reading
-- is a reading like any other (in time order, after every earlier reading, and it re-aligns the
-- asset's meter, down too: the replacement's reason covers it); the new meter's start reading sets
-- the offset of the readings that follow, so the asset's total stays continuous:
-- total = old final + offset before = new start + offset after.
-- payload: { replacement_id?, asset_id, meter?, replaced_at ("2026-03-10T17:30+03:00"),
--            old_final_reading, new_start_reading, reason, notes? }
-- result: { replacement_id, meter, meter_total, offset_after, adjustment, current }
CREATE OR REPLACE FUNCTION amms_private.op_meter_replace(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  a assets;
  kind meter_kind;
  t record;
  old_final numeric;
  new_start numeric;
  reason text;
  notes text;
  offset_before numeric;
  total numeric;
  problem jsonb;
  last_reading meter_readings;
  adjustment numeric;
  current numeric;
  new_id uuid := CASE WHEN payload ? 'replacement_id'
                      THEN amms_private.payload_uuid(payload, 'replacement_id', 'The replacement')
                      ELSE gen_random_uuid() END;
BEGIN
  a := amms_private.maint_load_asset(st, payload);
  kind := amms_private.maint_payload_meter(payload);
  SELECT * INTO t FROM amms_private.maint_payload_time(payload, 'replaced_at', 'The time of the replacement');
  old_final := amms_private.maint_payload_reading(payload, 'old_final_reading', 'The old meter''s final reading');
  new_start := amms_private.maint_payload_reading(payload, 'new_start_reading', 'The new meter''s start reading');
  reason := amms_private.payload_text(payload, 'reason', 500, 'The reason');
  IF reason IS NULL THEN
    PERFORM amms_private.reject('missing_reason', 'A meter replacement needs a reason.');
  END IF;
  notes := amms_private.payload_text(payload, 'notes', 500, 'The notes');
  PERFORM amms_private.lock_asset_meter_history(a.id);
  SELECT * INTO last_reading FROM meter_readings r
   WHERE r.tenant_id = st.tenant_id AND r.asset_id = a.id AND r.meter = kind
   ORDER BY r.read_at DESC LIMIT 1;
  IF last_reading.read_at >= t.at THEN
    PERFORM amms_private.reject('replacement_out_of_order',
      format('A meter replacement must come after the last reading of the meter (%s %s on %s).',
        amms_private.fmt_number(last_reading.reading), amms_private.meter_unit(kind),
        amms_private.fmt_time(last_reading.read_at, t.zone)));
  END IF;
  offset_before := amms_private.meter_offset_at(st.tenant_id, a.id, kind, t.at);
  total := old_final + offset_before;
  problem := amms_private.meter_reading_problem(st.tenant_id, a.id, kind, t.at, old_final, total, NULL, t.zone);
  IF problem IS NOT NULL THEN
    PERFORM amms_private.reject(problem ->> 'code', problem ->> 'message');
  END IF;
  adjustment := amms_private.maint_realign(a, kind, total, t.day, '', true);
  INSERT INTO meter_replacements (id, tenant_id, asset_id, meter, replaced_at, replaced_on, old_final_reading,
    new_start_reading, meter_total, offset_before, offset_after, reason, recorded_by_user_id, op_id)
  VALUES (new_id, st.tenant_id, a.id, kind, t.at, t.day, old_final, new_start, total, offset_before,
    total - new_start, reason, actor.id, amms_private.acting_op_id());
  INSERT INTO meter_readings (tenant_id, asset_id, meter, source, replacement_id, read_at, read_on, reading,
    meter_total, adjustment, reason, notes, recorded_by_user_id, op_id)
  VALUES (st.tenant_id, a.id, kind, 'replacement', new_id, t.at, t.day, old_final, total, adjustment, reason, notes,
    actor.id, amms_private.acting_op_id());
  IF adjustment <> 0 THEN
    current := amms_private.maint_move_meter(a, kind, adjustment);
  ELSE
    SELECT CASE kind WHEN 'odometer' THEN m.current_odometer ELSE m.current_run_hours END INTO current
      FROM asset_meters m WHERE m.asset_id = a.id;
  END IF;
  RETURN jsonb_build_object('replacement_id', new_id, 'meter', kind, 'meter_total', total,
    'offset_after', total - new_start, 'adjustment', adjustment, 'current', current);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_meter_replace(stations, users, jsonb) FROM PUBLIC;

INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('meter.replace', '{supervisor,manager,admin}', 'amms_private.op_meter_replace(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
