-- Records the completion of a closed PM work order: its schedule's running cycle is done (a
-- pm_completions row), the schedule restarts from the completion (date and meter reading: the
-- next cycle counts from when the work was really done, however late or early), and so do the
-- schedules that were folded into it (suppressed by it), each with a 'folded' completion. A
-- cycle is completed once: a second call for the same work order changes nothing. Returns the
-- schedules that restarted.
CREATE OR REPLACE FUNCTION amms_private.pm_complete(wo work_orders, p_date date, p_meter numeric) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  s pm_schedules;
  f pm_schedules;
  done jsonb := '[]'::jsonb;
BEGIN
  SELECT * INTO s FROM pm_schedules WHERE id = wo.pm_schedule_id AND tenant_id = wo.tenant_id FOR UPDATE;
  IF NOT FOUND OR wo.pm_cycle IS NULL OR s.cycle <> wo.pm_cycle THEN
    RETURN done;
  END IF;
  INSERT INTO pm_completions (tenant_id, schedule_id, cycle, kind, wo_id, completed_on, meter)
  VALUES (s.tenant_id, s.id, s.cycle, 'done', wo.id, p_date, CASE WHEN s.interval_meter IS NOT NULL THEN p_meter END)
  ON CONFLICT (schedule_id, cycle) DO NOTHING;
  IF NOT FOUND THEN
    RETURN done;
  END IF;
  UPDATE pm_schedules
     SET last_performed_date = p_date, base_date = p_date,
         last_performed_meter = CASE WHEN interval_meter IS NOT NULL THEN p_meter ELSE last_performed_meter END,
         base_meter = CASE WHEN interval_meter IS NOT NULL THEN p_meter ELSE base_meter END,
         cycle = cycle + 1, last_performed_wo_id = wo.id, suppressed_by_schedule_id = NULL
   WHERE id = s.id;
  done := done || jsonb_build_object('schedule_id', s.id, 'schedule', s.name, 'kind', 'done', 'cycle', s.cycle);
  FOR f IN SELECT * FROM pm_schedules
            WHERE tenant_id = s.tenant_id AND suppressed_by_schedule_id = s.id ORDER BY id FOR UPDATE LOOP
    INSERT INTO pm_completions (tenant_id, schedule_id, cycle, kind, wo_id, via_schedule_id, completed_on, meter)
    VALUES (f.tenant_id, f.id, f.cycle, 'folded', wo.id, s.id, p_date,
            CASE WHEN f.interval_meter IS NOT NULL THEN p_meter END)
    ON CONFLICT (schedule_id, cycle) DO NOTHING;
    UPDATE pm_schedules
       SET last_performed_date = p_date, base_date = p_date,
           last_performed_meter = CASE WHEN interval_meter IS NOT NULL THEN p_meter ELSE last_performed_meter END,
           base_meter = CASE WHEN interval_meter IS NOT NULL THEN p_meter ELSE base_meter END,
           cycle = cycle + 1, last_performed_wo_id = wo.id, suppressed_by_schedule_id = NULL
     WHERE id = f.id;
    done := done || jsonb_build_object('schedule_id', f.id, 'schedule', f.name, 'kind', 'folded', 'cycle', f.cycle);
  END LOOP;
  RETURN done;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.pm_complete(work_orders, date, numeric) FROM PUBLIC;
