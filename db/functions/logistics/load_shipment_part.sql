-- Loads parts from a warehouse bin of the station's site onto a loading shipment (shipment.load
-- with part_id). The parts stay in the bin until dispatch, so the bin must hold them besides what
-- is already loaded from it onto any truck (the stock row is locked while that is checked). The
-- same part from the same bin on the same truck is one line: its quantity grows. A new line is
-- stamped with clock_timestamp() (a pushed batch is one transaction; lines list in loading order).
CREATE OR REPLACE FUNCTION amms_private.load_shipment_part(st stations, actor users, s shipments, payload jsonb)
RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  p parts;
  l locations;
  bin text;
  v_qty numeric;
  stock inventory_stock;
  loaded numeric;
  line shipment_part_lines;
BEGIN
  p := amms_private.load_part(st, amms_private.payload_uuid(payload, 'part_id', 'The part'));
  l := amms_private.load_site_warehouse(st, amms_private.payload_uuid(payload, 'location_id', 'The warehouse'));
  bin := amms_private.payload_bin(payload, 'bin_location');
  v_qty := amms_private.checked_quantity(payload -> 'qty', p, 'The quantity loaded');
  IF bin = 'QUARANTINE' THEN
    PERFORM amms_private.reject('quarantined',
      format('Bin QUARANTINE of %s holds defective parts; they cannot be loaded.', l.code));
  END IF;
  SELECT * INTO stock FROM inventory_stock
   WHERE tenant_id = st.tenant_id AND part_id = p.id AND location_id = l.id AND bin_location = bin
   FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('no_stock', format('There is no %s in bin %s of %s.', p.sku, bin, l.code));
  END IF;
  SELECT coalesce(sum(x.qty), 0) INTO loaded FROM shipment_part_lines x
   WHERE x.tenant_id = st.tenant_id AND x.part_id = p.id AND x.source_location_id = l.id AND x.source_bin = bin
     AND x.status = 'loaded';
  IF stock.qty_on_hand - loaded < v_qty THEN
    IF loaded > 0 THEN
      PERFORM amms_private.reject('insufficient_stock', format(
        'Only %s of %s free in bin %s (%s more already loaded on trucks); cannot load %s.',
        trim_scale(greatest(stock.qty_on_hand - loaded, 0)), p.sku, bin, trim_scale(loaded), trim_scale(v_qty)));
    END IF;
    PERFORM amms_private.reject('insufficient_stock', format('Only %s of %s left in bin %s; cannot load %s.',
      trim_scale(stock.qty_on_hand), p.sku, bin, trim_scale(v_qty)));
  END IF;

  UPDATE shipment_part_lines x SET qty = x.qty + v_qty
   WHERE x.tenant_id = st.tenant_id AND x.shipment_id = s.id AND x.part_id = p.id AND x.source_location_id = l.id
     AND x.source_bin = bin AND x.status = 'loaded'
  RETURNING * INTO line;
  IF line.id IS NULL THEN
    INSERT INTO shipment_part_lines (id, tenant_id, shipment_id, part_id, source_location_id, source_bin, qty,
      loaded_by_user_id, created_at)
    VALUES (CASE WHEN payload ? 'line_id' THEN amms_private.payload_uuid(payload, 'line_id', 'The line')
                 ELSE gen_random_uuid() END,
      st.tenant_id, s.id, p.id, l.id, bin, v_qty, actor.id, clock_timestamp())
    RETURNING * INTO line;
  END IF;
  RETURN jsonb_build_object('line_id', line.id, 'part_id', p.id, 'sku', p.sku, 'bin_location', bin,
    'qty', v_qty, 'line_qty', line.qty, 'free_after', stock.qty_on_hand - loaded - v_qty);
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.load_shipment_part(stations, users, shipments, jsonb) FROM PUBLIC;
