-- amms_private.add_to_bin(station, part, warehouse, bin, qty, stock_id): adds qty to a warehouse
-- bin, creating its stock row (with stock_id when given) if needed. Returns the row as it is after
-- the change.
--
-- Before this file: migration 0009.

CREATE OR REPLACE FUNCTION amms_private.add_to_bin(st stations, p parts, l locations, bin text, qty numeric, stock_id uuid) RETURNS inventory_stock
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  stock inventory_stock;
BEGIN
  INSERT INTO inventory_stock AS s (id, tenant_id, part_id, location_id, bin_location, qty_on_hand)
  VALUES (coalesce(stock_id, gen_random_uuid()), st.tenant_id, p.id, l.id, bin, qty)
  ON CONFLICT (tenant_id, part_id, location_id, bin_location)
    DO UPDATE SET qty_on_hand = s.qty_on_hand + EXCLUDED.qty_on_hand
  RETURNING s.* INTO stock;
  RETURN stock;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.add_to_bin(stations, parts, locations, text, numeric, uuid) FROM PUBLIC;
