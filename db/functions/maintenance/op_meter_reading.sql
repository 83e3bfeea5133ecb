-- meter.reading: an absolute reading of an asset's hour meter (or odometer), as the machine shows
-- it, at a date and time. Readings stay in time order (not below an earlier one, not above a later
-- one; a run-hour meter runs at most one hour per clock hour between readings): a reading that
-- breaks the order is refused quoting its neighbours. The latest reading re-aligns the asset's
-- meter with the machine (amms_private.maint_realign): up freely, down only with a reason. A
-- back-dated reading (a later one exists) only joins the history.
-- payload: { reading_id?, asset_id, meter? ("run_hours" | "odometer"), read_at
--            ("2026-03-10T17:30+03:00"), reading, reason?, notes? }
-- result: { reading_id, meter, meter_total, adjustment, current }
CREATE OR REPLACE FUNCTION amms_private.op_meter_reading(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  a assets;
  kind meter_kind;
  t record;
  value numeric;
  total numeric;
  reason text;
  notes text;
  problem jsonb;
  adjustment numeric := 0;
  current numeric;
  new_id uuid := CASE WHEN payload ? 'reading_id' THEN amms_private.payload_uuid(payload, 'reading_id', 'The reading')
                      ELSE gen_random_uuid() END;
BEGIN
  a := amms_private.maint_load_asset(st, payload);
  kind := amms_private.maint_payload_meter(payload);
  SELECT * INTO t FROM amms_private.maint_payload_time(payload, 'read_at', 'The time of the reading');
  value := amms_private.maint_payload_reading(payload, 'reading', 'The reading');
  reason := amms_private.payload_text(payload, 'reason', 500, 'The reason');
  notes := amms_private.payload_text(payload, 'notes', 500, 'The notes');
  PERFORM amms_private.lock_asset_meter_history(a.id);
  total := value + amms_private.meter_offset_at(st.tenant_id, a.id, kind, t.at);
  problem := amms_private.meter_reading_problem(st.tenant_id, a.id, kind, t.at, value, total, NULL, t.zone);
  IF problem IS NOT NULL THEN
    PERFORM amms_private.reject(problem ->> 'code', problem ->> 'message');
  END IF;
  IF NOT EXISTS (SELECT 1 FROM meter_readings r
                  WHERE r.tenant_id = st.tenant_id AND r.asset_id = a.id AND r.meter = kind AND r.read_at > t.at) THEN
    adjustment := amms_private.maint_realign(a, kind, total, t.day,
      format('%s %s on %s', amms_private.fmt_number(value), amms_private.meter_unit(kind),
        amms_private.fmt_time(t.at, t.zone)), reason IS NOT NULL);
  END IF;
  -- The reading first: it is what allows the meter to go down.
  INSERT INTO meter_readings (id, tenant_id, asset_id, meter, source, read_at, read_on, reading, meter_total,
    adjustment, reason, notes, recorded_by_user_id, op_id)
  VALUES (new_id, st.tenant_id, a.id, kind, 'reading', t.at, t.day, value, total, adjustment, reason, notes, actor.id,
    amms_private.acting_op_id());
  IF adjustment <> 0 THEN
    current := amms_private.maint_move_meter(a, kind, adjustment);
  ELSE
    SELECT CASE kind WHEN 'odometer' THEN m.current_odometer ELSE m.current_run_hours END INTO current
      FROM asset_meters m WHERE m.asset_id = a.id;
  END IF;
  RETURN jsonb_build_object('reading_id', new_id, 'meter', kind, 'meter_total', total, 'adjustment', adjustment,
    'current', current);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_meter_reading(stations, users, jsonb) FROM PUBLIC;

INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('meter.reading', '{supervisor,manager,admin}', 'amms_private.op_meter_reading(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
