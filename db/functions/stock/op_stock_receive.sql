-- stock.receive: several lines into warehouse bins of the station's site; new bin rows are created
-- as needed (with the line's stock_id when given).
-- payload: { lines: [{ part_id, location_id, bin_location, qty, unit_cost?, stock_id? }], supplier_ref?, note? }
--
-- At most 200 lines, all or nothing. Each line writes a 'receive' movement with the line's unit
-- cost and the receipt's supplier reference and note. The unit cost is history only: the catalogue
-- price (parts.unit_cost, used as cost_at_time of consumptions) is maintained elsewhere. Nothing is
-- received into the QUARANTINE bin (it is for defective returns).
--
-- Before this file: migrations 0006, 0007 (a payload without lines is rejected like an empty list)
-- and 0009 (stock movement history, unit cost, quarantine).

CREATE OR REPLACE FUNCTION amms_private.op_stock_receive(st stations, actor users, payload jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  line jsonb;
  p parts;
  l locations;
  qty numeric;
  bin text;
  cost numeric;
  stock inventory_stock;
  supplier text;
  note text;
  results jsonb := '[]'::jsonb;
BEGIN
  IF jsonb_typeof(payload -> 'lines') IS DISTINCT FROM 'array' OR jsonb_array_length(payload -> 'lines') = 0 THEN
    PERFORM amms_private.reject('empty_receipt', 'A receipt needs at least one line.');
  END IF;
  IF jsonb_array_length(payload -> 'lines') > 200 THEN
    PERFORM amms_private.reject('too_many_lines', 'A receipt can have at most 200 lines.');
  END IF;
  supplier := amms_private.payload_text(payload, 'supplier_ref', 80, 'The supplier reference');
  note := amms_private.payload_text(payload, 'note', 500, 'The note');
  FOR line IN SELECT value FROM jsonb_array_elements(payload -> 'lines') LOOP
    p := amms_private.load_part(st, amms_private.payload_uuid(line, 'part_id', 'The part'));
    l := amms_private.load_site_warehouse(st, amms_private.payload_uuid(line, 'location_id', 'The warehouse'));
    qty := amms_private.checked_quantity(line -> 'qty', p, 'The quantity received');
    bin := amms_private.payload_bin(line, 'bin_location');
    IF bin = 'QUARANTINE' THEN
      PERFORM amms_private.reject('quarantine_bin', 'Bin QUARANTINE is for defective returns; receive into another bin.');
    END IF;
    cost := amms_private.checked_cost(line -> 'unit_cost', 'The unit cost');
    stock := amms_private.add_to_bin(st, p, l, bin, qty,
      CASE WHEN line ? 'stock_id' THEN amms_private.payload_uuid(line, 'stock_id', 'The stock row') END);
    PERFORM amms_private.record_movement(st, actor, 'receive', p.id, l.id, bin, NULL, NULL, qty, stock.qty_on_hand,
      NULL, cost, supplier, note);
    results := results || jsonb_build_object('stock_id', stock.id, 'part_id', p.id, 'sku', p.sku,
      'bin_location', bin, 'qty', qty, 'qty_on_hand', stock.qty_on_hand);
  END LOOP;
  RETURN jsonb_build_object('lines', results);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.op_stock_receive(stations, users, jsonb) FROM PUBLIC;

INSERT INTO amms_private.op_types (op_type, roles, apply_function)
VALUES ('stock.receive', '{storekeeper,manager,admin}', 'amms_private.op_stock_receive(stations, users, jsonb)')
ON CONFLICT (op_type) DO UPDATE SET roles = excluded.roles, apply_function = excluded.apply_function;
