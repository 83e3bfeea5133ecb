-- shipment.finish_receipt: the receiving clerk has scanned what came off and checked every seal.
-- Each seal gets its result (intact, broken, or another number, recorded as found); what was on the
-- manifest and not scanned is missing: asset movements end 'missing' (the asset stays in transit,
-- traceable, at its last recorded place), part lines keep what never arrived as qty - received_qty.
-- Broken or different seals and everything missing become discrepancies, beside the extra, wrong
-- and damaged items recorded while receiving. The shipment ends 'received', or
-- 'received_with_discrepancies' when there is any. A truck that brings back a returnable pass marks
-- that pass returned.
-- payload: { shipment_id, seals: [{ seal_number, result: intact|broken|mismatch, found_number? }], note? }
CREATE OR REPLACE FUNCTION amms_private.op_shipment_finish_receipt(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  s shipments;
  checked jsonb;
  seal shipment_seals;
  v_number text;
  v_result text;
  v_found text;
  seen text[] := '{}';
  v_note text;
  n_discrepancies integer;
  final shipment_status;
BEGIN
  s := amms_private.lock_shipment(st, payload);
  s := amms_private.require_receiving_here(st, s);
  v_note := amms_private.payload_text(payload, 'note', 500, 'The remark');
  IF jsonb_typeof(payload -> 'seals') IS DISTINCT FROM 'array' THEN
    PERFORM amms_private.reject('missing_field', 'Check the seals: give each seal''s result.');
  END IF;

  FOR checked IN SELECT value FROM jsonb_array_elements(payload -> 'seals') LOOP
    IF jsonb_typeof(checked) IS DISTINCT FROM 'object' THEN
      PERFORM amms_private.reject('invalid_field', 'Each checked seal needs its number and result.');
    END IF;
    v_number := amms_private.payload_code(checked, 'seal_number', '^[A-Z0-9][A-Z0-9./-]{0,39}$', 'seal number');
    SELECT * INTO seal FROM shipment_seals x WHERE x.shipment_id = s.id AND x.seal_number = v_number FOR UPDATE;
    IF NOT FOUND THEN
      PERFORM amms_private.reject('unknown_seal', format('Seal %s is not on %s (its seals: %s).', coalesce(v_number, '?'),
        s.gate_pass_ref, (SELECT string_agg(x.seal_number, ', ' ORDER BY x.seq) FROM shipment_seals x WHERE x.shipment_id = s.id)));
    END IF;
    IF v_number = ANY (seen) THEN
      PERFORM amms_private.reject('duplicate_seal', format('Seal %s is listed twice.', v_number));
    END IF;
    seen := seen || v_number;
    v_result := checked ->> 'result';
    IF v_result IS NULL OR v_result NOT IN ('intact', 'broken', 'mismatch') THEN
      PERFORM amms_private.reject('invalid_field', format('Seal %s: the result must be intact, broken or mismatch.', v_number));
    END IF;
    v_found := amms_private.payload_code(checked, 'found_number', '^[A-Z0-9][A-Z0-9./-]{0,39}$', 'seal number');
    IF v_result = 'mismatch' AND v_found IS NULL THEN
      PERFORM amms_private.reject('missing_field', format('Seal %s: enter the number found on the truck.', v_number));
    ELSIF v_result = 'mismatch' AND v_found = v_number THEN
      PERFORM amms_private.reject('invalid_field',
        format('Seal %s: the number found is the number on the pass; the seal is intact or broken.', v_number));
    ELSIF v_result <> 'mismatch' THEN
      v_found := NULL;
    END IF;
    UPDATE shipment_seals SET check_result = v_result::seal_check_result, found_number = v_found,
      checked_by_user_id = actor.id, checked_at = now()
     WHERE id = seal.id;
    IF v_result <> 'intact' THEN
      INSERT INTO shipment_discrepancies (tenant_id, shipment_id, code, seal_id, expected, found, recorded_by_user_id)
      VALUES (st.tenant_id, s.id, ('seal_' || v_result)::discrepancy_code, seal.id, seal.seal_number, v_found, actor.id);
    END IF;
  END LOOP;
  SELECT x.seal_number INTO v_number FROM shipment_seals x
   WHERE x.shipment_id = s.id AND NOT x.seal_number = ANY (seen) ORDER BY x.seq LIMIT 1;
  IF FOUND THEN
    PERFORM amms_private.reject('seal_not_checked', format('Check seal %s before finishing.', v_number));
  END IF;

  -- Assets on the manifest that did not come off: missing.
  WITH missing AS (
    UPDATE asset_movements SET status = 'missing' WHERE shipment_id = s.id AND status = 'in_transit'
    RETURNING id, asset_id
  )
  INSERT INTO shipment_discrepancies (tenant_id, shipment_id, code, asset_id, movement_id, recorded_by_user_id)
  SELECT st.tenant_id, s.id, 'missing', m.asset_id, m.id, actor.id FROM missing m;

  -- Parts: what never arrived stays on its line as missing.
  INSERT INTO shipment_discrepancies (tenant_id, shipment_id, code, part_id, qty, part_line_id, recorded_by_user_id)
  SELECT st.tenant_id, s.id, 'missing', x.part_id, x.qty - x.received_qty, x.id, actor.id
    FROM shipment_part_lines x WHERE x.shipment_id = s.id AND x.status = 'in_transit' AND x.received_qty < x.qty;
  UPDATE shipment_part_lines SET status = CASE WHEN received_qty > 0 THEN 'received' ELSE 'missing' END::movement_status
   WHERE shipment_id = s.id AND status = 'in_transit';

  SELECT count(*) INTO n_discrepancies FROM shipment_discrepancies x WHERE x.shipment_id = s.id;
  final := CASE WHEN n_discrepancies = 0 THEN 'received' ELSE 'received_with_discrepancies' END;
  UPDATE shipments SET status = final, received_at = now(), received_by_user_id = actor.id, receipt_note = v_note
   WHERE id = s.id;
  IF s.return_of_shipment_id IS NOT NULL THEN
    UPDATE shipments SET returned_at = now(), returned_by_shipment_id = s.id
     WHERE id = s.return_of_shipment_id AND returned_at IS NULL;
  END IF;
  RETURN jsonb_build_object('shipment_id', s.id, 'gate_pass_ref', s.gate_pass_ref, 'status', final,
    'discrepancies', (
      SELECT coalesce(jsonb_agg(jsonb_build_object('code', d.code, 'asset',
          CASE WHEN d.asset_id IS NOT NULL THEN amms_private.asset_code(st.tenant_id, d.asset_id) END,
          'sku', (SELECT p.sku FROM parts p WHERE p.id = d.part_id), 'qty', d.qty, 'expected', d.expected,
          'found', d.found, 'note', d.note) ORDER BY d.code, d.recorded_at, d.id), '[]'::jsonb)
        FROM shipment_discrepancies d WHERE d.shipment_id = s.id));
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_shipment_finish_receipt(stations, users, jsonb) FROM PUBLIC;
INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('shipment.finish_receipt', '{logistics_clerk,supervisor,manager,admin}',
  'amms_private.op_shipment_finish_receipt(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
