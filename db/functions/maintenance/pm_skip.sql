-- A PM work order was cancelled: its cycle is skipped (a pm_completions row of kind 'skipped' with
-- the reason) and the next cycle counts from the skipped service's planned point (its due date
-- and due meter), not from today, so the cadence is kept; last_performed_* stay as they were.
-- Schedules folded into it are released and go back to their own cycles (the engine gives them
-- a work order of their own if they are due). A second call changes nothing.
CREATE OR REPLACE FUNCTION amms_private.pm_skip(wo work_orders, p_reason text, p_as_of date) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  s pm_schedules;
  b_date date;
  b_meter numeric;
BEGIN
  SELECT * INTO s FROM pm_schedules WHERE id = wo.pm_schedule_id AND tenant_id = wo.tenant_id FOR UPDATE;
  IF NOT FOUND OR wo.pm_cycle IS NULL OR s.cycle <> wo.pm_cycle THEN
    RETURN '[]'::jsonb;
  END IF;
  b_date := coalesce(s.base_date, s.last_performed_date, s.created_at::date);
  b_meter := coalesce(s.base_meter, s.last_performed_meter, 0);
  IF s.interval_days IS NOT NULL THEN
    b_date := b_date + s.interval_days;
  END IF;
  IF s.interval_meter IS NOT NULL THEN
    b_meter := b_meter + s.interval_meter;
  END IF;
  INSERT INTO pm_completions (tenant_id, schedule_id, cycle, kind, wo_id, completed_on, meter, note)
  VALUES (s.tenant_id, s.id, s.cycle, 'skipped', wo.id,
          CASE WHEN s.interval_days IS NOT NULL THEN b_date ELSE p_as_of END,
          CASE WHEN s.interval_meter IS NOT NULL THEN b_meter END, p_reason)
  ON CONFLICT (schedule_id, cycle) DO NOTHING;
  IF NOT FOUND THEN
    RETURN '[]'::jsonb;
  END IF;
  UPDATE pm_schedules
     SET base_date = CASE WHEN interval_days IS NOT NULL THEN b_date ELSE base_date END,
         base_meter = CASE WHEN interval_meter IS NOT NULL THEN b_meter ELSE base_meter END,
         cycle = cycle + 1
   WHERE id = s.id;
  UPDATE pm_schedules SET suppressed_by_schedule_id = NULL
   WHERE tenant_id = s.tenant_id AND suppressed_by_schedule_id = s.id;
  RETURN jsonb_build_array(jsonb_build_object('schedule_id', s.id, 'schedule', s.name, 'kind', 'skipped',
    'cycle', s.cycle));
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.pm_skip(work_orders, text, date) FROM PUBLIC;
