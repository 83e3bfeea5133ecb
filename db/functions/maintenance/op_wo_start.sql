-- wo.start: work begins (ready -> in_progress; with Agile Mode also draft -> in_progress). A
-- technician starts work orders assigned to them or to nobody (then they are assigned to it).
-- payload: { wo_id }
CREATE OR REPLACE FUNCTION amms_private.op_wo_start(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_wo work_orders := amms_private.wo_load(st, payload, 'wo_id');
  v_agile boolean := amms_private.wo_agile_mode(st.tenant_id);
BEGIN
  PERFORM amms_private.wo_refuse_state(v_wo,
    CASE WHEN v_agile THEN '{draft,ready}'::wo_status[] ELSE '{ready}'::wo_status[] END, 'started',
    CASE WHEN v_wo.status = 'draft' THEN 'a supervisor readies it first, or turn Agile Mode on'
         WHEN v_wo.status = 'in_progress' THEN format('it was started on %s', to_char(v_wo.started_at, 'YYYY-MM-DD HH24:MI'))
    END);
  PERFORM amms_private.wo_check_assignee(v_wo, actor, 'start');
  UPDATE work_orders
     SET status = 'in_progress',
         assigned_to_user_id = CASE WHEN actor.role = 'technician' THEN actor.id ELSE assigned_to_user_id END
   WHERE id = v_wo.id
  RETURNING * INTO v_wo;
  RETURN jsonb_build_object('wo_id', v_wo.id, 'code', v_wo.code, 'status', v_wo.status, 'started_at', v_wo.started_at,
    'assigned_to_user_id', v_wo.assigned_to_user_id);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_wo_start(stations, users, jsonb) FROM PUBLIC;
INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('wo.start', '{technician,supervisor,manager,admin}', 'amms_private.op_wo_start(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
