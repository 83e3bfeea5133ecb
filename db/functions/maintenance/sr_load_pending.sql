-- The service request named by payload.request_id, of the station's tenant, locked, and still
-- waiting for triage; otherwise a rejection that says what happened to it.
CREATE OR REPLACE FUNCTION amms_private.sr_load_pending(st stations, payload jsonb) RETURNS service_requests
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_request service_requests;
  v_who text;
BEGIN
  SELECT * INTO v_request FROM service_requests
   WHERE id = amms_private.payload_uuid(payload, 'request_id', 'The request') AND tenant_id = st.tenant_id
   FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_request', 'That service request does not exist.');
  END IF;
  IF v_request.status <> 'pending' THEN
    SELECT u.full_name INTO v_who FROM users u WHERE u.id = v_request.triaged_by_user_id;
    PERFORM amms_private.reject('request_triaged', CASE v_request.status
      WHEN 'converted' THEN format('This request was already converted into %s%s.',
        (SELECT w.code FROM work_orders w WHERE w.id = v_request.converted_wo_id),
        CASE WHEN v_who IS NOT NULL THEN ' by ' || v_who ELSE '' END)
      ELSE format('This request was already rejected%s: %s', CASE WHEN v_who IS NOT NULL THEN ' by ' || v_who ELSE '' END,
        v_request.rejection_reason) END);
  END IF;
  RETURN v_request;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.sr_load_pending(stations, jsonb) FROM PUBLIC;
