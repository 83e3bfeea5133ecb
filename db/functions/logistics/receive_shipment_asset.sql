-- Receives one asset off a truck at its destination (shipment.receive with asset_id), blind: only
-- what is scanned counts. On the manifest: its movement and those of the components that came
-- with it are received, and the assets are now at the destination, with the status they had before
-- the trip. Not on the manifest: recorded, not refused: on another open truck it is a wrong item
-- (it stays on that truck's manifest); otherwise an extra that is now here (a movement marked
-- is_extra, and it leaves any parent). Damaged items need a note. Scanned twice is refused.
-- The receipt line is stamped with clock_timestamp(), not now(): a pushed batch is one transaction,
-- and receipts list by received_at in the order they were scanned.
CREATE OR REPLACE FUNCTION amms_private.receive_shipment_asset(st stations, actor users, s shipments, payload jsonb,
  v_condition receipt_condition, v_note text)
RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  a assets;
  label text;
  m asset_movements;
  other asset_movements;
  other_ref text;
  receipt uuid := CASE WHEN payload ? 'receipt_id'
    THEN amms_private.payload_uuid(payload, 'receipt_id', 'The receipt line') ELSE gen_random_uuid() END;
  movement uuid;
  kind text;
  n integer := 0;
BEGIN
  IF actor.role = 'storekeeper' THEN
    PERFORM amms_private.reject('forbidden',
      format('%s (storekeeper) receives parts only; assets are received by a logistics clerk.', actor.full_name));
  END IF;
  SELECT * INTO a FROM assets
   WHERE id = amms_private.payload_uuid(payload, 'asset_id', 'The asset') AND tenant_id = st.tenant_id
   FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('unknown_asset', 'That asset does not exist.');
  END IF;
  label := amms_private.asset_code(st.tenant_id, a.id);
  IF EXISTS (SELECT 1 FROM shipment_receipt_lines r WHERE r.shipment_id = s.id AND r.asset_id = a.id) THEN
    PERFORM amms_private.reject('scanned_twice', format('%s was already received from %s.', label, s.gate_pass_ref));
  END IF;
  SELECT * INTO m FROM asset_movements x
   WHERE x.tenant_id = st.tenant_id AND x.shipment_id = s.id AND x.asset_id = a.id AND x.status IN ('in_transit', 'received')
   ORDER BY x.created_at DESC LIMIT 1;
  IF FOUND AND m.status = 'received' THEN
    PERFORM amms_private.reject('scanned_twice', format('%s was already received from %s with its unit %s.', label,
      s.gate_pass_ref, amms_private.asset_code(st.tenant_id,
        (SELECT x.asset_id FROM asset_movements x WHERE x.id = m.parent_movement_id))));
  END IF;

  IF m.id IS NOT NULL THEN
    kind := 'manifest';
    movement := m.id;
    WITH RECURSIVE tree AS (
      SELECT m.id
      UNION ALL
      SELECT x.id FROM asset_movements x JOIN tree ON x.parent_movement_id = tree.id
       WHERE x.tenant_id = st.tenant_id AND x.status = 'in_transit'
    ), received AS (
      UPDATE asset_movements x SET status = 'received', received_at = now(), received_by_user_id = actor.id
        FROM tree WHERE x.id = tree.id
      RETURNING x.asset_id, x.asset_status_before
    )
    UPDATE assets y SET location_id = s.destination_location_id, status = coalesce(r.asset_status_before, 'in_service')
      FROM received r WHERE y.id = r.asset_id;
    GET DIAGNOSTICS n = ROW_COUNT;
    n := n - 1;
  ELSE
    other := amms_private.open_movement_of(st.tenant_id, a.id);
    IF other.id IS NOT NULL THEN
      kind := 'wrong_item';
      other_ref := coalesce(other.gate_pass_ref, 'another movement');
    ELSE
      kind := 'extra';
      IF a.location_id <> s.destination_location_id THEN
        movement := gen_random_uuid();
        INSERT INTO asset_movements (id, tenant_id, asset_id, shipment_id, from_location_id, to_location_id, status,
          gate_pass_ref, asset_status_before, is_extra, received_at, received_by_user_id)
        VALUES (movement, st.tenant_id, a.id, s.id, a.location_id, s.destination_location_id, 'received',
          s.gate_pass_ref, amms_private.asset_status_before_trip(a), true, now(), actor.id);
      END IF;
      UPDATE assets SET location_id = s.destination_location_id, parent_id = NULL,
        status = amms_private.asset_status_before_trip(a)
       WHERE id = a.id;
    END IF;
  END IF;

  INSERT INTO shipment_receipt_lines (id, tenant_id, shipment_id, station_id, asset_id, movement_id, condition, note,
    received_by_user_id, received_at)
  VALUES (receipt, st.tenant_id, s.id, st.id, a.id, movement, v_condition, v_note, actor.id, clock_timestamp());
  IF kind <> 'manifest' THEN
    INSERT INTO shipment_discrepancies (tenant_id, shipment_id, code, asset_id, movement_id, receipt_line_id,
      other_shipment_id, note, recorded_by_user_id)
    VALUES (st.tenant_id, s.id, kind::discrepancy_code, a.id, movement, receipt, other.shipment_id,
      CASE WHEN kind = 'wrong_item' THEN format('On %s', other_ref) END, actor.id);
  END IF;
  IF v_condition = 'damaged' THEN
    INSERT INTO shipment_discrepancies (tenant_id, shipment_id, code, asset_id, movement_id, receipt_line_id, note,
      recorded_by_user_id)
    VALUES (st.tenant_id, s.id, 'damaged', a.id, movement, receipt, v_note, actor.id);
  END IF;
  RETURN jsonb_build_object('receipt_id', receipt, 'kind', kind, 'asset_id', a.id, 'asset', label,
    'components', greatest(n, 0), 'other_gate_pass', other_ref, 'condition', v_condition);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.receive_shipment_asset(stations, users, shipments, jsonb, receipt_condition, text)
  FROM PUBLIC;
