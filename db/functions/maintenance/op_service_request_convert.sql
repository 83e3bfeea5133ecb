-- service_request.convert: a supervisor turns a pending request into work: a new draft work order
-- (origin defect, or cm) that keeps the request's description, who reported it and when (its
-- photo stays with the request, which the work order points back to through converted_wo_id),
-- or, for a duplicate, the open work order of the same asset that already covers it.
-- payload: { request_id, wo_id (new) | existing_wo_id, title?, priority?, origin?, assigned_to_user_id? }
CREATE OR REPLACE FUNCTION amms_private.op_service_request_convert(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_request service_requests := amms_private.sr_load_pending(st, payload);
  v_wo work_orders;
  v_reporter users;
  v_label text;
  v_create jsonb;
  v_result jsonb;
BEGIN
  IF (payload ? 'wo_id') = (payload ? 'existing_wo_id') THEN
    PERFORM amms_private.reject('invalid_field',
      'Give either a new work order id (wo_id) or the open work order it belongs to (existing_wo_id).');
  END IF;
  IF payload ? 'existing_wo_id' THEN
    v_wo := amms_private.wo_load(st, payload, 'existing_wo_id');
    IF v_wo.asset_id <> v_request.asset_id THEN
      PERFORM amms_private.reject('other_asset', format('%s is for another asset; a request joins a work order of its own asset.',
        v_wo.code));
    END IF;
    PERFORM amms_private.wo_refuse_state(v_wo, '{draft,ready,in_progress}', 'given more requests', NULL);
  ELSE
    SELECT * INTO v_reporter FROM users WHERE id = v_request.reported_by_user_id;
    SELECT coalesce((SELECT i.client_code FROM asset_identities i
                      WHERE i.asset_id = v_request.asset_id AND i.client_code IS NOT NULL
                      ORDER BY i.created_at, i.id LIMIT 1), a.name)
      INTO v_label FROM assets a WHERE a.id = v_request.asset_id;
    v_create := jsonb_build_object(
      'wo_id', payload -> 'wo_id',
      'asset_id', v_request.asset_id,
      'origin', coalesce(payload -> 'origin', '"defect"'),
      'title', coalesce(payload -> 'title',
        to_jsonb(left(format('Defect: %s (%s)', left(v_request.description, 80), v_label), 200))),
      'description', format('%s%sReported by %s on %s.', v_request.description, E'\n\n', v_reporter.full_name,
        to_char(v_request.created_at, 'YYYY-MM-DD')),
      'priority', coalesce(payload -> 'priority', '"normal"'),
      'assigned_to_user_id', payload -> 'assigned_to_user_id');
    v_result := amms_private.op_wo_create(st, actor, v_create);
    SELECT * INTO v_wo FROM work_orders WHERE id = (v_result ->> 'wo_id')::uuid;
  END IF;
  UPDATE service_requests
     SET status = 'converted', converted_wo_id = v_wo.id, triaged_by_user_id = actor.id, triaged_at = now()
   WHERE id = v_request.id;
  RETURN jsonb_build_object('request_id', v_request.id, 'status', 'converted', 'wo_id', v_wo.id, 'code', v_wo.code,
    'new_work_order', NOT (payload ? 'existing_wo_id'));
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_service_request_convert(stations, users, jsonb) FROM PUBLIC;
INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('service_request.convert', '{supervisor,manager,admin}', 'amms_private.op_service_request_convert(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
