-- shipment.receive: one scan at the destination: an asset (condition ok or damaged with a note)
-- or a part quantity into a bin of a warehouse of the destination site. The first receipt claims
-- the truck for this station; another station of the site is then refused (one truck, one
-- receipt). What is not on the manifest is recorded as extra (or wrong item), not refused.
-- payload: { shipment_id, asset_id, condition?, note?, receipt_id? } or
--          { shipment_id, part_id, qty, location_id, bin_location?, condition?, note?, receipt_id? }
CREATE OR REPLACE FUNCTION amms_private.op_shipment_receive(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  s shipments;
  v_condition receipt_condition;
  v_note text;
BEGIN
  s := amms_private.lock_shipment(st, payload);
  s := amms_private.require_receiving_here(st, s);
  IF payload ? 'asset_id' AND payload ? 'part_id' THEN
    PERFORM amms_private.reject('invalid_field', 'Receive an asset or a part, not both at once.');
  END IF;
  IF coalesce(payload ->> 'condition', 'ok') NOT IN ('ok', 'damaged') THEN
    PERFORM amms_private.reject('invalid_field', 'The condition must be "ok" or "damaged".');
  END IF;
  v_condition := coalesce(payload ->> 'condition', 'ok')::receipt_condition;
  v_note := amms_private.payload_text(payload, 'note', 500, 'The note');
  IF v_condition = 'damaged' AND v_note IS NULL THEN
    PERFORM amms_private.reject('missing_note', 'Say what is damaged: a damaged item needs a note.');
  END IF;
  IF payload ? 'asset_id' THEN
    RETURN amms_private.receive_shipment_asset(st, actor, s, payload, v_condition, v_note);
  ELSIF payload ? 'part_id' THEN
    RETURN amms_private.receive_shipment_part(st, actor, s, payload, v_condition, v_note);
  END IF;
  PERFORM amms_private.reject('missing_field', 'Say what came off the truck: an asset or a part.');
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_shipment_receive(stations, users, jsonb) FROM PUBLIC;
INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('shipment.receive', '{logistics_clerk,storekeeper,supervisor,manager,admin}',
  'amms_private.op_shipment_receive(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
