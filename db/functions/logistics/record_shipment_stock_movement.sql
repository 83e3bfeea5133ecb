-- One stock history row for parts leaving a bin onto a truck (dispatch, qty_delta < 0) or landing
-- in a bin from one (arrival, qty_delta > 0), by the operation being applied.
CREATE OR REPLACE FUNCTION amms_private.record_shipment_stock_movement(
  st stations, actor users, kind stock_movement_type, part_id uuid, location_id uuid, bin text,
  qty_delta numeric, qty_after numeric, shipment_id uuid, reason text
) RETURNS uuid
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  new_id uuid;
BEGIN
  INSERT INTO stock_movements (tenant_id, op_id, station_id, movement_type, part_id, location_id, bin_location,
    qty_delta, qty_after, reason, performed_by_user_id, shipment_id)
  VALUES (st.tenant_id, amms_private.acting_op_id(), st.id, kind, part_id, location_id, bin,
    qty_delta, qty_after, reason, actor.id, shipment_id)
  RETURNING id INTO new_id;
  RETURN new_id;
END $$;
REVOKE EXECUTE ON FUNCTION amms_private.record_shipment_stock_movement(stations, users, stock_movement_type, uuid, uuid, text, numeric, numeric, uuid, text) FROM PUBLIC;
