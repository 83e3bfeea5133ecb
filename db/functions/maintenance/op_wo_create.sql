-- wo.create: a corrective (cm) or defect work order raised by a supervisor (with Agile Mode also
-- by a technician, who is then assigned to it). It starts as a draft with the server's next code
-- (WO-000124), an optional checklist, and optionally as the follow-up of a failed task of an open
-- work order (the task then points at it).
-- payload: { wo_id, asset_id, origin: 'cm' | 'defect', title, description?, priority?,
--            assigned_to_user_id?, due_date?, tasks?: [{ description, is_mandatory? }],
--            follow_up_of_task_id? }
CREATE OR REPLACE FUNCTION amms_private.op_wo_create(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_wo_id uuid := amms_private.payload_uuid(payload, 'wo_id', 'The work order id');
  v_a assets;
  v_origin text := amms_private.wo_payload_choice(payload, 'origin', ARRAY['cm', 'defect'], NULL, 'The origin');
  v_priority text := amms_private.wo_payload_choice(payload, 'priority', ARRAY['low', 'normal', 'high', 'urgent'],
    'normal', 'The priority');
  v_title text := amms_private.payload_text(payload, 'title', 200, 'The title');
  v_description text := amms_private.payload_text(payload, 'description', 4000, 'The description');
  v_due date := amms_private.wo_payload_date(payload, 'due_date', 'The due date');
  v_assignee users := amms_private.wo_load_assignee(st, payload, 'assigned_to_user_id');
  v_task jsonb;
  v_task_text text;
  v_seq integer := 0;
  v_parent_task wo_tasks;
  v_parent work_orders;
  v_code text;
BEGIN
  IF actor.role = 'technician' AND NOT amms_private.wo_agile_mode(st.tenant_id) THEN
    PERFORM amms_private.reject('forbidden',
      format('%s (technician) cannot raise work orders; a supervisor does (or turn Agile Mode on).', actor.full_name));
  END IF;
  IF v_origin IS NULL THEN
    PERFORM amms_private.reject('missing_field', 'The origin is missing (cm or defect).');
  END IF;
  IF v_title IS NULL THEN
    PERFORM amms_private.reject('missing_field', 'The title is missing.');
  END IF;
  SELECT * INTO v_a FROM assets WHERE id = amms_private.payload_uuid(payload, 'asset_id', 'The asset')
   AND tenant_id = st.tenant_id;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_asset', 'That asset does not exist.');
  END IF;
  IF v_a.status = 'disposed' THEN
    PERFORM amms_private.reject('asset_disposed', format('%s is disposed of; no work can be raised on it.', v_a.name));
  END IF;
  IF EXISTS (SELECT 1 FROM work_orders w WHERE w.id = v_wo_id) THEN
    PERFORM amms_private.reject('duplicate_id', 'A work order with this id exists already.');
  END IF;
  IF jsonb_typeof(payload -> 'tasks') NOT IN ('array', 'null') THEN
    PERFORM amms_private.reject('invalid_field', 'The tasks must be a list.');
  END IF;
  IF jsonb_array_length(coalesce(payload -> 'tasks', '[]')) > 100 THEN
    PERFORM amms_private.reject('too_many_tasks', 'A work order can have at most 100 tasks.');
  END IF;
  IF actor.role = 'technician' AND v_assignee.id IS NULL THEN
    v_assignee := actor;
  END IF;

  v_code := amms_private.next_wo_code(st.tenant_id);
  INSERT INTO work_orders (id, tenant_id, code, asset_id, status, origin, priority, title, description,
    assigned_to_user_id, due_date, created_by_user_id)
  VALUES (v_wo_id, st.tenant_id, v_code, v_a.id, 'draft', v_origin::wo_origin, v_priority::wo_priority, v_title, v_description,
    v_assignee.id, v_due, actor.id);

  FOR v_task IN SELECT value FROM jsonb_array_elements(coalesce(payload -> 'tasks', '[]')) LOOP
    v_seq := v_seq + 1;
    IF jsonb_typeof(v_task -> 'is_mandatory') NOT IN ('boolean', 'null') THEN
      PERFORM amms_private.reject('invalid_field', format('Task %s: mandatory must be true or false.', v_seq));
    END IF;
    v_task_text := amms_private.payload_text(v_task, 'description', 500, format('Task %s', v_seq));
    IF v_task_text IS NULL THEN
      PERFORM amms_private.reject('missing_field', format('Task %s has no description.', v_seq));
    END IF;
    INSERT INTO wo_tasks (tenant_id, wo_id, seq, description, is_mandatory)
    VALUES (st.tenant_id, v_wo_id, v_seq, v_task_text, coalesce((v_task ->> 'is_mandatory')::boolean, false));
  END LOOP;

  IF jsonb_typeof(payload -> 'follow_up_of_task_id') IS DISTINCT FROM 'null' AND payload ? 'follow_up_of_task_id' THEN
    SELECT * INTO v_parent_task FROM wo_tasks
     WHERE id = amms_private.payload_uuid(payload, 'follow_up_of_task_id', 'The failed task')
       AND tenant_id = st.tenant_id FOR UPDATE;
    IF NOT FOUND THEN
      PERFORM amms_private.reject('unknown_task', 'That task does not exist.');
    END IF;
    SELECT * INTO v_parent FROM work_orders WHERE id = v_parent_task.wo_id;
    IF v_parent_task.result IS DISTINCT FROM 'fail' THEN
      PERFORM amms_private.reject('task_not_failed',
        format('Task %s of %s did not fail; only a failed task gets a follow-up.', v_parent_task.seq, v_parent.code));
    END IF;
    IF v_parent_task.follow_up_wo_id IS NOT NULL THEN
      PERFORM amms_private.reject('follow_up_exists', format('Task %s of %s already has its follow-up %s.',
        v_parent_task.seq, v_parent.code, (SELECT w.code FROM work_orders w WHERE w.id = v_parent_task.follow_up_wo_id)));
    END IF;
    IF v_parent.status IN ('closed', 'cancelled') THEN
      PERFORM amms_private.reject('wo_closed', format('%s is %s; its follow-ups were proposed when it closed.',
        v_parent.code, v_parent.status));
    END IF;
    UPDATE wo_tasks SET follow_up_wo_id = v_wo_id WHERE id = v_parent_task.id;
  END IF;

  RETURN jsonb_build_object('wo_id', v_wo_id, 'code', v_code, 'status', 'draft', 'tasks', v_seq,
    'assigned_to_user_id', v_assignee.id);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_wo_create(stations, users, jsonb) FROM PUBLIC;
INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('wo.create', '{supervisor,manager,admin,technician}', 'amms_private.op_wo_create(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
