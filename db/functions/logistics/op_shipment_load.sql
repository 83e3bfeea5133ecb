-- shipment.load: an asset (with its components) or a part quantity from a bin onto a truck that is
-- loading at the station's site. Storekeepers load parts only.
-- payload: { shipment_id, asset_id, movement_id? } or
--          { shipment_id, part_id, location_id, bin_location, qty, line_id? }
CREATE OR REPLACE FUNCTION amms_private.op_shipment_load(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  s shipments;
BEGIN
  s := amms_private.lock_shipment(st, payload);
  PERFORM amms_private.require_loading_here(st, s, 'loaded');
  IF payload ? 'asset_id' AND payload ? 'part_id' THEN
    PERFORM amms_private.reject('invalid_field', 'Load an asset or a part, not both at once.');
  ELSIF payload ? 'asset_id' THEN
    RETURN amms_private.load_shipment_asset(st, actor, s, payload);
  ELSIF payload ? 'part_id' THEN
    RETURN amms_private.load_shipment_part(st, actor, s, payload);
  END IF;
  PERFORM amms_private.reject('missing_field', 'Say what is loaded: an asset or a part.');
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_shipment_load(stations, users, jsonb) FROM PUBLIC;
INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('shipment.load', '{logistics_clerk,storekeeper,supervisor,manager,admin}',
  'amms_private.op_shipment_load(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
