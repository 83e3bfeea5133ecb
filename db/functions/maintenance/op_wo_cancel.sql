-- wo.cancel: a supervisor cancels a work order that will not be done (draft, ready or in
-- progress), with a reason. A PM work order skips its cycle: the schedule's next cycle counts
-- from the skipped service's planned point, and schedules folded into it go back to their own
-- cycles; then the engine runs for the asset. Parts already booked to it stay booked.
-- payload: { wo_id, reason }
CREATE OR REPLACE FUNCTION amms_private.op_wo_cancel(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_wo work_orders := amms_private.wo_load(st, payload, 'wo_id');
  v_reason text := amms_private.payload_text(payload, 'reason', 500, 'The reason');
  v_skipped jsonb := '[]'::jsonb;
BEGIN
  PERFORM amms_private.wo_refuse_state(v_wo, '{draft,ready,in_progress}', 'cancelled', NULL);
  IF v_reason IS NULL THEN
    PERFORM amms_private.reject('missing_reason', format('Cancelling %s needs a reason.', v_wo.code));
  END IF;
  UPDATE work_orders SET status = 'cancelled', cancel_reason = v_reason WHERE id = v_wo.id RETURNING * INTO v_wo;
  IF v_wo.pm_schedule_id IS NOT NULL THEN
    v_skipped := amms_private.pm_skip(v_wo, v_reason, current_date);
    PERFORM amms_private.pm_run_asset(st.tenant_id, v_wo.asset_id, current_date);
  END IF;
  RETURN jsonb_build_object('wo_id', v_wo.id, 'code', v_wo.code, 'status', v_wo.status, 'reason', v_reason,
    'skipped_schedules', v_skipped);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_wo_cancel(stations, users, jsonb) FROM PUBLIC;
INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('wo.cancel', '{supervisor,manager,admin}', 'amms_private.op_wo_cancel(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
