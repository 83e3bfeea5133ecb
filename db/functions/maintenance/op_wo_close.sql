-- wo.close: a supervisor closes a work order in progress. Refused while a mandatory task has no
-- result (naming each one). Each failed mandatory task without a follow-up gets one proposed: a
-- draft corrective work order (high priority) linked from the task, which the supervisor readies
-- or cancels; the station may choose the new work orders' ids (follow_ups). A PM work order
-- records its completion on its schedule and on the schedules folded into it (the date, and the
-- meter reading at completion: the station's reading if given, never above the server's), then
-- the engine runs for the asset.
-- payload: { wo_id, completed_on?, completion_meter?, follow_ups?: [{ task_id, wo_id }] }
CREATE OR REPLACE FUNCTION amms_private.op_wo_close(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_wo work_orders := amms_private.wo_load(st, payload, 'wo_id');
  v_on date := coalesce(amms_private.wo_payload_date(payload, 'completed_on', 'The completion date'), current_date);
  v_open text;
  v_count integer;
  v_task wo_tasks;
  v_new_id uuid;
  v_code text;
  v_meter numeric;
  v_schedule pm_schedules;
  v_follow_ups jsonb := '[]'::jsonb;
  v_completed jsonb := '[]'::jsonb;
BEGIN
  PERFORM amms_private.wo_refuse_state(v_wo, '{in_progress}', 'closed',
    CASE WHEN v_wo.status IN ('draft', 'ready') THEN 'it was never started' END);
  SELECT count(*), string_agg(format('%s. %s', t.seq, t.description), '; ' ORDER BY t.seq)
    INTO v_count, v_open
    FROM wo_tasks t WHERE t.wo_id = v_wo.id AND t.is_mandatory AND t.result IS NULL;
  IF v_count > 0 THEN
    PERFORM amms_private.reject('mandatory_tasks_open', format('%s cannot be closed: %s mandatory %s no result: %s.',
      v_wo.code, v_count, CASE WHEN v_count = 1 THEN 'task has' ELSE 'tasks have' END, v_open));
  END IF;
  IF v_on > current_date + 1 THEN
    PERFORM amms_private.reject('invalid_date', 'The completion date cannot be in the future.');
  END IF;
  IF v_on < coalesce(v_wo.started_at, v_wo.created_at)::date - 1 THEN
    PERFORM amms_private.reject('invalid_date', format('%s was started on %s; it cannot be completed before that.',
      v_wo.code, to_char(coalesce(v_wo.started_at, v_wo.created_at), 'YYYY-MM-DD')));
  END IF;
  IF jsonb_typeof(payload -> 'completion_meter') NOT IN ('number', 'null') THEN
    PERFORM amms_private.reject('invalid_number', 'The meter reading at completion must be a number.');
  END IF;
  IF jsonb_typeof(payload -> 'follow_ups') NOT IN ('array', 'null') THEN
    PERFORM amms_private.reject('invalid_field', 'The follow-ups must be a list.');
  END IF;

  -- Proposed follow-ups for failed mandatory tasks.
  FOR v_task IN SELECT * FROM wo_tasks t
                 WHERE t.wo_id = v_wo.id AND t.is_mandatory AND t.result = 'fail' AND t.follow_up_wo_id IS NULL
                 ORDER BY t.seq FOR UPDATE LOOP
    SELECT amms_private.payload_uuid(f, 'wo_id', 'The follow-up work order id') INTO v_new_id
      FROM jsonb_array_elements(coalesce(payload -> 'follow_ups', '[]')) f
     WHERE f ->> 'task_id' = v_task.id::text LIMIT 1;
    v_new_id := coalesce(v_new_id, gen_random_uuid());
    IF EXISTS (SELECT 1 FROM work_orders w WHERE w.id = v_new_id) THEN
      PERFORM amms_private.reject('duplicate_id', 'A work order with the follow-up''s id exists already.');
    END IF;
    v_code := amms_private.next_wo_code(st.tenant_id);
    INSERT INTO work_orders (id, tenant_id, code, asset_id, status, origin, priority, title, description,
      created_by_user_id)
    VALUES (v_new_id, st.tenant_id, v_code, v_wo.asset_id, 'draft', 'cm', 'high',
      left(format('Follow-up of %s: %s', v_wo.code, v_task.description), 200),
      format('Task %s of %s failed: %s.%s', v_task.seq, v_wo.code, v_task.description,
        CASE WHEN v_task.note IS NOT NULL THEN format(' Note: %s', v_task.note) ELSE '' END),
      actor.id);
    UPDATE wo_tasks SET follow_up_wo_id = v_new_id WHERE id = v_task.id;
    v_follow_ups := v_follow_ups || jsonb_build_object('task_id', v_task.id, 'seq', v_task.seq, 'wo_id', v_new_id,
      'code', v_code);
  END LOOP;

  -- The meter reading at completion (PM work orders): the schedule's meter.
  IF v_wo.pm_schedule_id IS NOT NULL THEN
    SELECT * INTO v_schedule FROM pm_schedules WHERE id = v_wo.pm_schedule_id;
    SELECT CASE v_schedule.meter WHEN 'odometer' THEN m.current_odometer ELSE m.current_run_hours END INTO v_meter
      FROM asset_meters m WHERE m.asset_id = v_wo.asset_id;
    IF jsonb_typeof(payload -> 'completion_meter') = 'number' THEN
      IF (payload ->> 'completion_meter')::numeric < 0 THEN
        PERFORM amms_private.reject('invalid_number', 'The meter reading at completion cannot be negative.');
      END IF;
      v_meter := least((payload ->> 'completion_meter')::numeric, coalesce(v_meter, (payload ->> 'completion_meter')::numeric));
    END IF;
  END IF;

  UPDATE work_orders SET status = 'closed', closed_at = now(), completion_meter = round(v_meter, 2)
   WHERE id = v_wo.id RETURNING * INTO v_wo;
  IF v_wo.pm_schedule_id IS NOT NULL THEN
    v_completed := amms_private.pm_complete(v_wo, v_on, round(v_meter, 2));
    PERFORM amms_private.pm_run_asset(st.tenant_id, v_wo.asset_id, current_date);
  END IF;
  RETURN jsonb_build_object('wo_id', v_wo.id, 'code', v_wo.code, 'status', v_wo.status, 'closed_at', v_wo.closed_at,
    'completed_on', v_on, 'completion_meter', v_wo.completion_meter, 'follow_ups', v_follow_ups,
    'completed_schedules', v_completed);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_wo_close(stations, users, jsonb) FROM PUBLIC;
INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('wo.close', '{supervisor,manager,admin}', 'amms_private.op_wo_close(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
