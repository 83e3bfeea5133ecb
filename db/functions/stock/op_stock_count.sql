-- stock.count: a cycle count of one bin. The bin is set to the counted quantity AS THE SERVER
-- APPLIES IT (the count wins over whatever moved meanwhile); the difference is booked as an
-- 'adjust' movement with the mandatory reason. A count of 0 in a bin without a stock row books a
-- zero movement and creates no row. The QUARANTINE bin is counted like any bin (a count to 0
-- writes scrapped parts off).
-- payload: { part_id, location_id, bin_location, counted_qty, reason }
--
-- Before this file: migration 0009.

CREATE OR REPLACE FUNCTION amms_private.op_stock_count(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  p parts;
  l locations;
  bin text;
  counted numeric;
  reason text;
  stock inventory_stock;
  qty_before numeric := 0;
  stock_id uuid;
BEGIN
  p := amms_private.load_part(st, amms_private.payload_uuid(payload, 'part_id', 'The part'));
  l := amms_private.load_site_warehouse(st, amms_private.payload_uuid(payload, 'location_id', 'The warehouse'));
  bin := amms_private.payload_bin(payload, 'bin_location');
  counted := amms_private.checked_count(payload -> 'counted_qty', p, 'The counted quantity');
  reason := amms_private.payload_text(payload, 'reason', 500, 'The reason');
  IF reason IS NULL THEN
    PERFORM amms_private.reject('missing_reason', 'A count needs a reason (for example "cycle count").');
  END IF;
  SELECT * INTO stock FROM inventory_stock
   WHERE tenant_id = st.tenant_id AND part_id = p.id AND location_id = l.id AND bin_location = bin
   FOR UPDATE;
  IF NOT FOUND AND counted > 0 THEN
    INSERT INTO inventory_stock (tenant_id, part_id, location_id, bin_location, qty_on_hand)
    VALUES (st.tenant_id, p.id, l.id, bin, counted)
    ON CONFLICT (tenant_id, part_id, location_id, bin_location) DO NOTHING
    RETURNING id INTO stock_id;
    IF stock_id IS NULL THEN
      -- Another transaction created the row meanwhile: count against it.
      SELECT * INTO stock FROM inventory_stock
       WHERE tenant_id = st.tenant_id AND part_id = p.id AND location_id = l.id AND bin_location = bin
       FOR UPDATE;
    END IF;
  END IF;
  IF stock.id IS NOT NULL THEN
    stock_id := stock.id;
    qty_before := stock.qty_on_hand;
    IF qty_before <> counted THEN
      UPDATE inventory_stock SET qty_on_hand = counted WHERE id = stock.id;
    END IF;
  END IF;
  PERFORM amms_private.record_movement(st, actor, 'adjust', p.id, l.id, bin, NULL, NULL, counted - qty_before, counted,
    NULL, NULL, NULL, reason);
  RETURN jsonb_build_object('stock_id', stock_id, 'bin_location', bin, 'qty_before', qty_before,
    'counted_qty', counted, 'qty_delta', counted - qty_before, 'qty_on_hand', counted);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_stock_count(stations, users, jsonb) FROM PUBLIC;

INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('stock.count', '{storekeeper,manager,admin}', 'amms_private.op_stock_count(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = excluded.roles, apply_function = excluded.apply_function;
