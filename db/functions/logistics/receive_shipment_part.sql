-- Receives a part quantity off a truck into a bin of a warehouse of the destination site
-- (shipment.receive with part_id), blind. The quantity goes into the bin at once (an 'arrival'
-- stock movement) and is taken off what the manifest still has in transit for that part, line by
-- line (received_qty, never more than a line's qty): stock is never in two places. What is beyond
-- the manifest is kept as extra_qty and recorded as an extra. Damaged parts go to bin QUARANTINE.
-- The receipt line is stamped with clock_timestamp(), not now(): a pushed batch is one transaction,
-- and receipts list by received_at in the order they were scanned.
CREATE OR REPLACE FUNCTION amms_private.receive_shipment_part(st stations, actor users, s shipments, payload jsonb,
  v_condition receipt_condition, v_note text)
RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  p parts;
  l locations;
  v_bin text;
  v_qty numeric;
  remaining numeric;
  take numeric;
  line shipment_part_lines;
  stock inventory_stock;
  receipt uuid := CASE WHEN payload ? 'receipt_id'
    THEN amms_private.payload_uuid(payload, 'receipt_id', 'The receipt line') ELSE gen_random_uuid() END;
BEGIN
  p := amms_private.load_part(st, amms_private.payload_uuid(payload, 'part_id', 'The part'));
  l := amms_private.load_site_warehouse(st, amms_private.payload_uuid(payload, 'location_id', 'The warehouse'));
  v_qty := amms_private.checked_quantity(payload -> 'qty', p, 'The quantity received');
  IF v_condition = 'damaged' THEN
    IF payload ->> 'bin_location' IS NOT NULL AND upper(btrim(payload ->> 'bin_location')) <> 'QUARANTINE' THEN
      PERFORM amms_private.reject('quarantine_bin',
        format('Damaged parts go to bin QUARANTINE, not to %s.', upper(btrim(payload ->> 'bin_location'))));
    END IF;
    v_bin := 'QUARANTINE';
  ELSE
    v_bin := amms_private.payload_bin(payload, 'bin_location');
    IF v_bin = 'QUARANTINE' THEN
      PERFORM amms_private.reject('quarantine_bin',
        'Bin QUARANTINE is for damaged parts; mark them damaged or choose another bin.');
    END IF;
  END IF;

  remaining := v_qty;
  FOR line IN
    SELECT * FROM shipment_part_lines x
     WHERE x.tenant_id = st.tenant_id AND x.shipment_id = s.id AND x.part_id = p.id AND x.status = 'in_transit'
       AND x.received_qty < x.qty
     ORDER BY x.created_at, x.id
     FOR UPDATE
  LOOP
    EXIT WHEN remaining = 0;
    take := least(line.qty - line.received_qty, remaining);
    UPDATE shipment_part_lines SET received_qty = received_qty + take, received_location_id = l.id,
      received_bin = v_bin, received_at = now(), received_by_user_id = actor.id
     WHERE id = line.id;
    remaining := remaining - take;
  END LOOP;

  stock := amms_private.add_to_bin(st, p, l, v_bin, v_qty, NULL);
  PERFORM amms_private.record_shipment_stock_movement(st, actor, 'arrival', p.id, l.id, v_bin, v_qty,
    stock.qty_on_hand, s.id, v_note);
  INSERT INTO shipment_receipt_lines (id, tenant_id, shipment_id, station_id, part_id, qty, extra_qty, location_id,
    bin_location, condition, note, received_by_user_id, received_at)
  VALUES (receipt, st.tenant_id, s.id, st.id, p.id, v_qty, remaining, l.id, v_bin, v_condition, v_note, actor.id,
    clock_timestamp());
  IF remaining > 0 THEN
    INSERT INTO shipment_discrepancies (tenant_id, shipment_id, code, part_id, qty, receipt_line_id, recorded_by_user_id)
    VALUES (st.tenant_id, s.id, 'extra', p.id, remaining, receipt, actor.id);
  END IF;
  IF v_condition = 'damaged' THEN
    INSERT INTO shipment_discrepancies (tenant_id, shipment_id, code, part_id, qty, receipt_line_id, note,
      recorded_by_user_id)
    VALUES (st.tenant_id, s.id, 'damaged', p.id, v_qty, receipt, v_note, actor.id);
  END IF;
  RETURN jsonb_build_object('receipt_id', receipt, 'kind', CASE WHEN remaining = v_qty THEN 'extra' ELSE 'manifest' END,
    'part_id', p.id, 'sku', p.sku, 'qty', v_qty, 'extra_qty', remaining, 'bin_location', v_bin,
    'stock_id', stock.id, 'qty_on_hand', stock.qty_on_hand, 'condition', v_condition);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.receive_shipment_part(stations, users, shipments, jsonb, receipt_condition, text)
  FROM PUBLIC;
