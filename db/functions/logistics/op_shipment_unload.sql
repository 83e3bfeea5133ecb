-- shipment.unload: takes an asset (with the components that came with it) or a part line (all of
-- it, or qty of it) off a truck that is still loading. A component loaded with its unit comes off
-- with the unit only. Unloaded movements and lines are kept as cancelled (the trail of the load).
-- payload: { shipment_id, asset_id } or { shipment_id, part_id, location_id, bin_location, qty? }
CREATE OR REPLACE FUNCTION amms_private.op_shipment_unload(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  s shipments;
  m asset_movements;
  label text;
  p parts;
  l locations;
  v_bin text;
  v_qty numeric;
  line shipment_part_lines;
  n integer;
BEGIN
  s := amms_private.lock_shipment(st, payload);
  PERFORM amms_private.require_loading_here(st, s, 'unloaded');
  IF payload ? 'asset_id' AND payload ? 'part_id' THEN
    PERFORM amms_private.reject('invalid_field', 'Unload an asset or a part, not both at once.');
  END IF;

  IF payload ? 'asset_id' THEN
    IF actor.role = 'storekeeper' THEN
      PERFORM amms_private.reject('forbidden',
        format('%s (storekeeper) unloads parts only; assets are unloaded by a logistics clerk.', actor.full_name));
    END IF;
    SELECT * INTO m FROM asset_movements x
     WHERE x.tenant_id = st.tenant_id AND x.shipment_id = s.id AND x.status = 'loaded'
       AND x.asset_id = amms_private.payload_uuid(payload, 'asset_id', 'The asset');
    label := amms_private.asset_code(st.tenant_id, (payload ->> 'asset_id')::uuid);
    IF NOT FOUND THEN
      PERFORM amms_private.reject('not_on_shipment', format('%s is not on %s.', label, s.gate_pass_ref));
    END IF;
    IF m.parent_movement_id IS NOT NULL THEN
      PERFORM amms_private.reject('loaded_with_unit', format('%s is loaded with its unit %s; unload %s to take it off.',
        label, amms_private.asset_code(st.tenant_id, (SELECT x.asset_id FROM asset_movements x WHERE x.id = m.parent_movement_id)),
        amms_private.asset_code(st.tenant_id, (SELECT x.asset_id FROM asset_movements x WHERE x.id = m.parent_movement_id))));
    END IF;
    WITH RECURSIVE tree AS (
      SELECT m.id
      UNION ALL
      SELECT x.id FROM asset_movements x JOIN tree ON x.parent_movement_id = tree.id
       WHERE x.tenant_id = st.tenant_id AND x.status = 'loaded'
    )
    UPDATE asset_movements x SET status = 'cancelled' FROM tree WHERE x.id = tree.id;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN jsonb_build_object('asset_id', m.asset_id, 'asset', label, 'unloaded', n);
  END IF;

  IF NOT payload ? 'part_id' THEN
    PERFORM amms_private.reject('missing_field', 'Say what is unloaded: an asset or a part.');
  END IF;
  p := amms_private.load_part(st, amms_private.payload_uuid(payload, 'part_id', 'The part'));
  l := amms_private.load_site_warehouse(st, amms_private.payload_uuid(payload, 'location_id', 'The warehouse'));
  v_bin := amms_private.payload_bin(payload, 'bin_location');
  SELECT * INTO line FROM shipment_part_lines x
   WHERE x.tenant_id = st.tenant_id AND x.shipment_id = s.id AND x.part_id = p.id AND x.source_location_id = l.id
     AND x.source_bin = v_bin AND x.status = 'loaded'
   FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('not_on_shipment', format('No %s from bin %s is on %s.', p.sku, v_bin, s.gate_pass_ref));
  END IF;
  IF payload ? 'qty' AND jsonb_typeof(payload -> 'qty') <> 'null' THEN
    v_qty := amms_private.checked_quantity(payload -> 'qty', p, 'The quantity unloaded');
  ELSE
    v_qty := line.qty;
  END IF;
  IF v_qty > line.qty THEN
    PERFORM amms_private.reject('invalid_quantity', format('Only %s of %s from bin %s are on %s; cannot unload %s.',
      trim_scale(line.qty), p.sku, v_bin, s.gate_pass_ref, trim_scale(v_qty)));
  END IF;
  IF v_qty = line.qty THEN
    UPDATE shipment_part_lines SET status = 'cancelled' WHERE id = line.id;
  ELSE
    UPDATE shipment_part_lines SET qty = qty - v_qty WHERE id = line.id;
  END IF;
  RETURN jsonb_build_object('line_id', line.id, 'part_id', p.id, 'sku', p.sku, 'qty', v_qty,
    'line_qty', line.qty - v_qty);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_shipment_unload(stations, users, jsonb) FROM PUBLIC;
INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('shipment.unload', '{logistics_clerk,storekeeper,supervisor,manager,admin}',
  'amms_private.op_shipment_unload(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
