-- amms_private.take_from_bin(station, part, warehouse, bin, qty, verb): takes qty out of a
-- warehouse bin (row locked), refusing the quarantine bin, a bin without the part and more than the
-- bin holds. verb: 'issue' or 'use', for the messages. Returns the row as it is after the change.
--
-- Before this file: migration 0009.

CREATE OR REPLACE FUNCTION amms_private.take_from_bin(st stations, p parts, l locations, bin text, qty numeric, verb text) RETURNS inventory_stock
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  stock inventory_stock;
BEGIN
  IF bin = 'QUARANTINE' THEN
    PERFORM amms_private.reject('quarantined',
      format('Bin QUARANTINE of %s holds defective parts; they cannot be issued or used.', l.code));
  END IF;
  SELECT * INTO stock FROM inventory_stock
   WHERE tenant_id = st.tenant_id AND part_id = p.id AND location_id = l.id AND bin_location = bin
   FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM amms_private.reject('no_stock', format('There is no %s in bin %s of %s.', p.sku, bin, l.code));
  END IF;
  IF stock.qty_on_hand < qty THEN
    PERFORM amms_private.reject('insufficient_stock',
      format('Only %s of %s left in bin %s; cannot %s %s.', trim_scale(stock.qty_on_hand), p.sku, bin, verb, trim_scale(qty)));
  END IF;
  UPDATE inventory_stock SET qty_on_hand = qty_on_hand - qty WHERE id = stock.id RETURNING * INTO stock;
  RETURN stock;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.take_from_bin(stations, parts, locations, text, numeric, text) FROM PUBLIC;
