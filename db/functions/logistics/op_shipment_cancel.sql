-- shipment.cancel: a truck that is still loading does not go. Nothing has left its place yet
-- (assets keep their location and status, parts their bin until dispatch), so cancelling ends the
-- loaded movements and lines as cancelled and the shipment as cancelled, with who and why.
-- payload: { shipment_id, reason? }
CREATE OR REPLACE FUNCTION amms_private.op_shipment_cancel(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  s shipments;
  reason text;
  n_assets integer;
  n_lines integer;
BEGIN
  s := amms_private.lock_shipment(st, payload);
  PERFORM amms_private.require_loading_here(st, s, 'cancelled');
  reason := amms_private.payload_text(payload, 'reason', 500, 'The reason');
  UPDATE asset_movements SET status = 'cancelled' WHERE shipment_id = s.id AND status = 'loaded';
  GET DIAGNOSTICS n_assets = ROW_COUNT;
  UPDATE shipment_part_lines SET status = 'cancelled' WHERE shipment_id = s.id AND status = 'loaded';
  GET DIAGNOSTICS n_lines = ROW_COUNT;
  UPDATE shipments SET status = 'cancelled', cancelled_at = now(), cancelled_by_user_id = actor.id, cancel_reason = reason
   WHERE id = s.id;
  RETURN jsonb_build_object('shipment_id', s.id, 'gate_pass_ref', s.gate_pass_ref, 'assets', n_assets,
    'part_lines', n_lines);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_shipment_cancel(stations, users, jsonb) FROM PUBLIC;
INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('shipment.cancel', '{logistics_clerk,supervisor,manager,admin}',
  'amms_private.op_shipment_cancel(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
