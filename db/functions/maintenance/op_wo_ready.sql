-- wo.ready: a supervisor releases a draft work order for the technicians (draft -> ready),
-- optionally assigning it and setting its due date and priority at the same time.
-- payload: { wo_id, assigned_to_user_id?, due_date?, priority? }
CREATE OR REPLACE FUNCTION amms_private.op_wo_ready(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_wo work_orders := amms_private.wo_load(st, payload, 'wo_id');
  v_assignee users := amms_private.wo_load_assignee(st, payload, 'assigned_to_user_id');
  v_due date := amms_private.wo_payload_date(payload, 'due_date', 'The due date');
  v_priority text := amms_private.wo_payload_choice(payload, 'priority', ARRAY['low', 'normal', 'high', 'urgent'],
    NULL, 'The priority');
BEGIN
  PERFORM amms_private.wo_refuse_state(v_wo, '{draft}', 'readied', CASE WHEN v_wo.status = 'ready' THEN 'it is ready already' END);
  UPDATE work_orders
     SET status = 'ready',
         assigned_to_user_id = coalesce(v_assignee.id, assigned_to_user_id),
         due_date = coalesce(v_due, due_date),
         priority = coalesce(v_priority::wo_priority, work_orders.priority)
   WHERE id = v_wo.id
  RETURNING * INTO v_wo;
  RETURN jsonb_build_object('wo_id', v_wo.id, 'code', v_wo.code, 'status', v_wo.status,
    'assigned_to_user_id', v_wo.assigned_to_user_id, 'due_date', v_wo.due_date, 'priority', v_wo.priority);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_wo_ready(stations, users, jsonb) FROM PUBLIC;
INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('wo.ready', '{supervisor,manager,admin}', 'amms_private.op_wo_ready(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
