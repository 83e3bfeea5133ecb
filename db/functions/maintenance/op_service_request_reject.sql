-- service_request.reject: a supervisor turns a pending request down, with a reason the reporter
-- can read (a duplicate, not a defect, ...).
-- payload: { request_id, reason }
CREATE OR REPLACE FUNCTION amms_private.op_service_request_reject(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_request service_requests := amms_private.sr_load_pending(st, payload);
  v_reason text := amms_private.payload_text(payload, 'reason', 500, 'The reason');
BEGIN
  IF v_reason IS NULL THEN
    PERFORM amms_private.reject('missing_reason', 'Rejecting a request needs a reason the reporter can read.');
  END IF;
  UPDATE service_requests
     SET status = 'rejected', rejection_reason = v_reason, triaged_by_user_id = actor.id, triaged_at = now()
   WHERE id = v_request.id;
  RETURN jsonb_build_object('request_id', v_request.id, 'status', 'rejected', 'reason', v_reason);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_service_request_reject(stations, users, jsonb) FROM PUBLIC;
INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('service_request.reject', '{supervisor,manager,admin}', 'amms_private.op_service_request_reject(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
