-- shipment.dispatch: the truck leaves, sealed. Every asset on it goes in transit (its movement and
-- the asset itself, seen so at every station), an asset loaded without its parent leaves it, and
-- every part line takes its quantity out of its bin (a 'dispatch' stock movement): from then on the
-- parts are in transit on the line, never in two places. Refused without seals, without anything
-- loaded, and when a bin no longer holds what was loaded from it (nothing changes then).
-- payload: { shipment_id, seals: [seal number, ...] }
CREATE OR REPLACE FUNCTION amms_private.op_shipment_dispatch(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  s shipments;
  seal jsonb;
  seal_numbers text[] := '{}';
  v_number text;
  a assets;
  m record;
  line record;
  stock inventory_stock;
  asset_site uuid;
  n_assets integer;
  n_lines integer;
BEGIN
  s := amms_private.lock_shipment(st, payload);
  PERFORM amms_private.require_loading_here(st, s, 'dispatched');
  IF jsonb_typeof(payload -> 'seals') IS DISTINCT FROM 'array' OR jsonb_array_length(payload -> 'seals') = 0 THEN
    PERFORM amms_private.reject('no_seals', 'A truck leaves sealed: enter at least one seal number.');
  END IF;
  IF jsonb_array_length(payload -> 'seals') > 20 THEN
    PERFORM amms_private.reject('too_many_seals', 'A truck can have at most 20 seals.');
  END IF;
  FOR seal IN SELECT value FROM jsonb_array_elements(payload -> 'seals') LOOP
    v_number := amms_private.payload_code(jsonb_build_object('n', seal), 'n', '^[A-Z0-9][A-Z0-9./-]{0,39}$', 'seal number');
    IF v_number IS NULL THEN
      PERFORM amms_private.reject('invalid_field', 'A seal number is empty.');
    END IF;
    IF v_number = ANY (seal_numbers) THEN
      PERFORM amms_private.reject('duplicate_seal', format('Seal %s is listed twice.', v_number));
    END IF;
    seal_numbers := seal_numbers || v_number;
  END LOOP;

  SELECT count(*) INTO n_assets FROM asset_movements x WHERE x.shipment_id = s.id AND x.status = 'loaded';
  SELECT count(*) INTO n_lines FROM shipment_part_lines x WHERE x.shipment_id = s.id AND x.status = 'loaded';
  IF n_assets + n_lines = 0 THEN
    PERFORM amms_private.reject('empty_shipment',
      format('%s has nothing loaded; load at least one asset or part before dispatching.', s.gate_pass_ref));
  END IF;

  -- Assets, locked in id order; each must still be here and not disposed since it was loaded.
  FOR m IN SELECT x.* FROM asset_movements x WHERE x.shipment_id = s.id AND x.status = 'loaded' ORDER BY x.asset_id LOOP
    SELECT * INTO a FROM assets y WHERE y.id = m.asset_id FOR UPDATE;
    IF a.status = 'disposed' THEN
      PERFORM amms_private.reject('asset_disposed', format('%s was disposed after it was loaded; unload it before dispatching.',
        amms_private.asset_code(st.tenant_id, a.id)));
    END IF;
    SELECT l.site_id INTO asset_site FROM locations l WHERE l.id = a.location_id;
    IF asset_site IS DISTINCT FROM st.site_id THEN
      PERFORM amms_private.reject('asset_other_site', format('%s is no longer at this site (it is at %s); unload it before dispatching.',
        amms_private.asset_code(st.tenant_id, a.id), amms_private.site_code(st.tenant_id, a.location_id)));
    END IF;
    UPDATE assets SET status = 'in_transit',
      parent_id = CASE WHEN m.detached_from_asset_id IS NOT NULL AND parent_id = m.detached_from_asset_id THEN NULL
                       ELSE parent_id END
     WHERE id = a.id;
  END LOOP;
  UPDATE asset_movements SET status = 'in_transit', moved_at = now() WHERE shipment_id = s.id AND status = 'loaded';

  -- Parts out of their bins, in bin order (as every stock operation locks them).
  FOR line IN
    SELECT x.*, p AS part, l AS warehouse FROM shipment_part_lines x
      JOIN parts p ON p.id = x.part_id JOIN locations l ON l.id = x.source_location_id
     WHERE x.shipment_id = s.id AND x.status = 'loaded'
     ORDER BY x.part_id, x.source_location_id, x.source_bin
  LOOP
    stock := amms_private.take_from_bin(st, line.part, line.warehouse, line.source_bin, line.qty, 'dispatch');
    PERFORM amms_private.record_shipment_stock_movement(st, actor, 'dispatch', line.part_id, line.source_location_id,
      line.source_bin, -line.qty, stock.qty_on_hand, s.id, NULL);
  END LOOP;
  UPDATE shipment_part_lines SET status = 'in_transit' WHERE shipment_id = s.id AND status = 'loaded';

  INSERT INTO shipment_seals (tenant_id, shipment_id, seq, seal_number, sealed_by_user_id)
  SELECT st.tenant_id, s.id, n.ord, n.num, actor.id FROM unnest(seal_numbers) WITH ORDINALITY AS n(num, ord);
  UPDATE shipments SET status = 'dispatched', dispatched_at = now(), dispatched_by_user_id = actor.id WHERE id = s.id;
  RETURN jsonb_build_object('shipment_id', s.id, 'gate_pass_ref', s.gate_pass_ref, 'assets', n_assets,
    'part_lines', n_lines, 'seals', to_jsonb(seal_numbers));
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_shipment_dispatch(stations, users, jsonb) FROM PUBLIC;
INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('shipment.dispatch', '{logistics_clerk,supervisor,manager,admin}',
  'amms_private.op_shipment_dispatch(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = EXCLUDED.roles, apply_function = EXCLUDED.apply_function;
