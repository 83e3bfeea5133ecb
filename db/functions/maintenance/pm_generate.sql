-- Generates the work order of schedule w (one of the asset's evaluated states), because schedule
-- r is due (r = w, or a smaller service of w's group that brought w forward). The smaller
-- services of the group that are due or nearly due are folded into it: marked suppressed by w
-- (and their not yet started work order, if any, is cancelled with the reason). The work order
-- gets w's task list (or one mandatory task when w has none) and the sentence why. Returns what
-- was generated. Called by pm_run_asset under the asset's lock.
CREATE OR REPLACE FUNCTION amms_private.pm_generate(
  w amms_private.pm_state, r amms_private.pm_state, states amms_private.pm_state[], p_as_of date
) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  -- The id follows from the generation key (schedule, cycle, and how many work orders that cycle
  -- had before: one that was folded and cancelled): the same history gives the same ids.
  v_wo_id uuid := amms_private.name_uuid(format('pm:%s:%s:%s', w.schedule_id, w.cycle,
    (SELECT count(*) FROM work_orders o WHERE o.tenant_id = w.tenant_id AND o.pm_schedule_id = w.schedule_id
        AND o.pm_cycle = w.cycle)));
  v_code text := amms_private.next_wo_code(w.tenant_id);
  v_folded amms_private.pm_state[];
  f amms_private.pm_state;
  v_names text;
  v_why text;
  v_label text;
  v_due date;
BEGIN
  v_folded := ARRAY(
    SELECT x FROM unnest(states) x
     WHERE x.grp = w.grp AND x.size < w.size AND x.active AND (x.is_due OR x.is_soon)
       AND x.suppressed_by IS NULL AND (x.open_wo_id IS NULL OR x.open_wo_status IN ('draft', 'ready'))
     ORDER BY x.size DESC, x.schedule_id);
  SELECT string_agg('the ' || x.name, ', ' ORDER BY x.size DESC, x.schedule_id) INTO v_names FROM unnest(v_folded) x;
  IF w.is_due THEN
    v_why := format('%s, %s', w.reason, w.last_text);
  ELSE
    v_why := format('Brought forward: the %s is due (%s), and the %s, due %s, includes it; %s',
      r.name, r.reason, w.name, w.next_text, w.last_text);
  END IF;
  IF v_names IS NOT NULL THEN
    v_why := v_why || format('; %s %s folded into it', v_names, CASE WHEN cardinality(v_folded) = 1 THEN 'is' ELSE 'are' END);
  END IF;
  v_why := upper(left(v_why, 1)) || substr(v_why, 2) || '.';

  SELECT coalesce((SELECT i.client_code FROM asset_identities i
                    WHERE i.tenant_id = w.tenant_id AND i.asset_id = w.asset_id AND i.client_code IS NOT NULL
                    ORDER BY i.created_at, i.id LIMIT 1), a.name)
    INTO v_label FROM assets a WHERE a.id = w.asset_id;
  -- Due since: the day the meter reached the due reading (from the engine's samples), or the due
  -- date; brought forward: the nearer of the due date and the forecast.
  IF w.reached_meter THEN
    SELECT min(d.day) INTO v_due FROM amms_private.pm_meter_days d
     WHERE d.asset_id = w.asset_id AND d.day <= p_as_of
       AND CASE w.meter WHEN 'odometer' THEN d.odometer ELSE d.run_hours END >= w.due_meter;
  END IF;
  v_due := CASE WHEN w.reached_meter OR w.reached_date THEN least(v_due, CASE WHEN w.reached_date THEN w.due_date END,
                                                                  p_as_of)
                ELSE coalesce(least(w.due_date, w.forecast_date), p_as_of) END;

  INSERT INTO work_orders (id, tenant_id, code, asset_id, pm_schedule_id, pm_cycle, status, origin, priority, title,
    due_date, pm_why)
  VALUES (v_wo_id, w.tenant_id, v_code, w.asset_id, w.schedule_id, w.cycle, 'draft', 'pm', 'normal',
    left(format('%s: %s', w.name, v_label), 200), v_due, v_why);
  INSERT INTO wo_tasks (id, tenant_id, wo_id, seq, description, is_mandatory)
  SELECT amms_private.name_uuid(format('%s:%s', v_wo_id, t.seq)), w.tenant_id, v_wo_id, t.seq, t.description, t.is_mandatory
    FROM pm_schedule_tasks t WHERE t.tenant_id = w.tenant_id AND t.schedule_id = w.schedule_id;
  IF NOT FOUND THEN
    INSERT INTO wo_tasks (id, tenant_id, wo_id, seq, description, is_mandatory)
    VALUES (amms_private.name_uuid(format('%s:1', v_wo_id)), w.tenant_id, v_wo_id, 1, format('Carry out the %s', w.name), true);
  END IF;

  FOREACH f IN ARRAY v_folded LOOP
    IF f.open_wo_id IS NOT NULL THEN
      UPDATE work_orders SET status = 'cancelled',
             cancel_reason = format('Folded into %s (%s), which includes it.', v_code, w.name)
       WHERE id = f.open_wo_id;
    END IF;
    UPDATE pm_schedules SET suppressed_by_schedule_id = w.schedule_id WHERE id = f.schedule_id;
  END LOOP;

  RETURN jsonb_build_object('wo_id', v_wo_id, 'code', v_code, 'asset_id', w.asset_id, 'asset', v_label,
    'schedule_id', w.schedule_id, 'schedule', w.name, 'cycle', w.cycle, 'due_date', v_due, 'why', v_why,
    'folded', coalesce((SELECT jsonb_agg(jsonb_build_object('schedule_id', x.schedule_id, 'schedule', x.name,
      'cancelled_wo', x.open_wo_code)) FROM unnest(v_folded) x), '[]'::jsonb));
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.pm_generate(amms_private.pm_state, amms_private.pm_state, amms_private.pm_state[], date) FROM PUBLIC;
