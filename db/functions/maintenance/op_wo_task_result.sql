-- wo.task_result: the result of one checklist task of a work order in progress: pass, fail, or a
-- recorded value (input), with an optional note. A result can be recorded again (the audit trail
-- keeps the earlier one) until the work order closes; a failed task that already has its
-- follow-up work order stays failed.
-- payload: { task_id, result: 'pass' | 'fail' | 'input', value? (required for input), note? }
CREATE OR REPLACE FUNCTION amms_private.op_wo_task_result(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_task wo_tasks;
  v_wo work_orders;
  v_result text := amms_private.wo_payload_choice(payload, 'result', ARRAY['pass', 'fail', 'input'], NULL, 'The result');
  v_value text := amms_private.payload_text(payload, 'value', 200, 'The value');
  v_note text := amms_private.payload_text(payload, 'note', 1000, 'The note');
BEGIN
  SELECT * INTO v_task FROM wo_tasks
   WHERE id = amms_private.payload_uuid(payload, 'task_id', 'The task') AND tenant_id = st.tenant_id;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_task', 'That task does not exist.');
  END IF;
  v_wo := amms_private.wo_load(st, jsonb_build_object('wo_id', v_task.wo_id), 'wo_id');
  SELECT * INTO v_task FROM wo_tasks WHERE id = v_task.id FOR UPDATE;
  IF v_result IS NULL THEN
    PERFORM amms_private.reject('missing_field', 'The result is missing (pass, fail or input).');
  END IF;
  IF v_result = 'input' AND v_value IS NULL THEN
    PERFORM amms_private.reject('missing_value', format('Task %s (%s) needs the value that was read.', v_task.seq,
      v_task.description));
  END IF;
  IF v_result <> 'input' AND v_value IS NOT NULL THEN
    PERFORM amms_private.reject('invalid_field', 'A value goes with the result "input" only; put remarks in the note.');
  END IF;
  PERFORM amms_private.wo_refuse_state(v_wo, '{in_progress}', 'given task results',
    CASE WHEN v_wo.status IN ('draft', 'ready') THEN 'start it first' END);
  PERFORM amms_private.wo_check_assignee(v_wo, actor, 'record results on');
  IF v_task.follow_up_wo_id IS NOT NULL AND v_result <> 'fail' THEN
    PERFORM amms_private.reject('follow_up_exists', format('Task %s failed and has its follow-up %s; it stays failed.',
      v_task.seq, (SELECT w.code FROM work_orders w WHERE w.id = v_task.follow_up_wo_id)));
  END IF;
  UPDATE wo_tasks
     SET result = v_result::task_result, result_value = v_value, note = v_note,
         completed_by_user_id = actor.id, completed_at = now()
   WHERE id = v_task.id
  RETURNING * INTO v_task;
  RETURN jsonb_build_object('task_id', v_task.id, 'wo_id', v_wo.id, 'seq', v_task.seq, 'result', v_task.result,
    'value', v_task.result_value, 'note', v_task.note, 'is_mandatory', v_task.is_mandatory);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_wo_task_result(stations, users, jsonb) FROM PUBLIC;
INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('wo.task_result', '{technician,supervisor,manager,admin}', 'amms_private.op_wo_task_result(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
